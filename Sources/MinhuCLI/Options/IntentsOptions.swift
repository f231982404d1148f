import ArgumentParser
import Foundation
import Segmentation

/// `--intents DIR`, shared by every subcommand that reads the bot's knowledge.
struct IntentsOptions: ParsableArguments {
    @Option(name: .customLong("intents"), help: "Folder of intent files and lexicon.txt.")
    var directory: String = "./intents"

    /// The domain lexicon from `lexicon.txt` in the intents folder.
    func loadLexicon() throws -> Lexicon {
        let url = URL(fileURLWithPath: directory).appendingPathComponent("lexicon.txt")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIError("no lexicon at \(url.path): pass --intents DIR (the project's intents/ folder) or --no-lexicon")
        }
        return try Lexicon(contentsOf: url)
    }
}
