import ArgumentParser
import Foundation
import Segmentation
import Understanding

/// `--intents DIR`, shared by every subcommand that reads the bot's knowledge.
struct IntentsOptions: ParsableArguments {
    @Option(name: .customLong("intents"), help: "Folder of intent files and lexicon.txt.")
    var directory: String = "./intents"

    private var url: URL { URL(fileURLWithPath: directory) }

    /// The intent files, lexicon and knowledge.
    func loadCatalog() throws -> IntentCatalog {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIError("no intents folder at \(url.path): pass --intents DIR (the project's intents/ folder)")
        }
        return try IntentCatalog(directory: url)
    }

    /// The domain lexicon: `lexicon.txt` plus the intent files' terms.
    func loadLexicon() throws -> Lexicon {
        try loadCatalog().lexicon
    }

    /// The catalog with a classifier trained on it.
    func loadInterpreter() throws -> Interpreter {
        try Interpreter(catalog: loadCatalog())
    }
}
