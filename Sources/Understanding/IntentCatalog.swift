import Foundation
import Segmentation
import Yams

/// Everything in the `intents/` folder: the intent files and the lexicon, loaded and checked.
public struct IntentCatalog: Sendable {
    /// The intents, sorted by id.
    public let intents: [IntentDefinition]
    /// `lexicon.txt` plus every intent's `lexicon` terms.
    public let lexicon: Lexicon
    /// The folder it was read from.
    public let directory: URL?

    /// The intent ids the product defines (see the product brief).
    public static let knownIDs = ["repair", "health", "certificate", "complaint", "status", "greeting",
                                  "thanks", "human", "out_of_scope"]

    /// Builds a catalog from definitions (keywords, signals and aliases get normalized).
    public init(intents: [IntentDefinition], lexiconWords: [String] = [], directory: URL? = nil) {
        self.intents = intents.map(IntentCatalog.normalizingMatchTerms).sorted { $0.id < $1.id }
        var lexicon = Lexicon(words: lexiconWords)
        for intent in intents {
            for word in intent.lexicon { lexicon.insert(word) }
        }
        self.lexicon = lexicon
        self.directory = directory
    }

    /// Reads every `*.yaml` file and `lexicon.txt` in `directory`.
    public init(directory: URL) throws {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        } catch {
            throw UnderstandingError.missingIntentsDirectory(directory.path)
        }
        var intents: [IntentDefinition] = []
        for file in files.sorted(by: { $0.lastPathComponent < $1.lastPathComponent })
        where ["yaml", "yml"].contains(file.pathExtension) {
            let intent = try IntentCatalog.load(file)
            let expected = file.deletingPathExtension().lastPathComponent
            guard intent.id == expected else {
                throw UnderstandingError.inconsistentIntent(path: file.path, reason: "id \(intent.id) differs from the file name")
            }
            intents.append(intent)
        }
        let lexiconURL = directory.appendingPathComponent("lexicon.txt")
        var words: [String] = []
        if FileManager.default.fileExists(atPath: lexiconURL.path) {
            let content = try String(contentsOf: lexiconURL, encoding: .utf8)
            words = Lexicon.entries(in: content).map(String.init)
        }
        self.init(intents: intents, lexiconWords: words, directory: directory)
    }

    /// The intent with `id`.
    public subscript(id: String) -> IntentDefinition? {
        intents.first { $0.id == id }
    }

    /// Each intent's own lexicon words, for the classifier's hints.
    public var termsByIntent: [String: [String]] {
        Dictionary(uniqueKeysWithValues: intents.map { ($0.id, $0.lexicon) })
    }

    /// Every (label, example) pair, for training.
    public var labelledExamples: [LabelledText] {
        intents.flatMap { intent in intent.examples.map { LabelledText(label: intent.id, text: $0) } }
    }

    private static func load(_ file: URL) throws -> IntentDefinition {
        do {
            let text = try String(contentsOf: file, encoding: .utf8)
            return try YAMLDecoder().decode(IntentDefinition.self, from: text)
        } catch let error as DecodingError {
            throw UnderstandingError.invalidIntentFile(path: file.path, reason: describe(error))
        } catch {
            throw UnderstandingError.invalidIntentFile(path: file.path, reason: "\(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// Keywords, emergency signals and certificate aliases are matched against normalized
    /// text, so they are normalized once here (traditional, full-width or upper-case entries
    /// still match).
    private static func normalizingMatchTerms(_ intent: IntentDefinition) -> IntentDefinition {
        var intent = intent
        func normalize(_ terms: [String]) -> [String] {
            terms.map { NormalizedText($0).text }.filter { !$0.isEmpty }
        }
        if var routing = intent.routing {
            routing.subcategories = routing.subcategories.map { subcategory in
                var subcategory = subcategory
                subcategory.keywords = normalize(subcategory.keywords)
                return subcategory
            }
            intent.routing = routing
        }
        intent.emergencies = intent.emergencies.map { rule in
            var rule = rule
            rule.signals = normalize(rule.signals)
            return rule
        }
        intent.knowledge = intent.knowledge.map { kind in
            var kind = kind
            kind.aliases = normalize(kind.aliases + [kind.name])
            return kind
        }
        return intent
    }
}

/// A text with its label, for training and evaluation.
public struct LabelledText: Sendable, Equatable {
    /// The intent id (or an external dataset's label).
    public var label: String
    /// The utterance.
    public var text: String

    /// Creates a labelled text.
    public init(label: String, text: String) {
        self.label = label
        self.text = text
    }

    /// Parses a `label<TAB>text` file's content (blank lines and `#` comments skipped); `path`
    /// names the file in errors.
    public static func parseTSV(_ content: String, path: String) throws -> [LabelledText] {
        var rows: [LabelledText] = []
        for (index, line) in content.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            guard let tab = line.firstIndex(of: "\t") else {
                throw UnderstandingError.invalidTrainingLine(path: path, line: index + 1)
            }
            rows.append(LabelledText(label: String(line[..<tab]), text: String(line[line.index(after: tab)...])))
        }
        return rows
    }
}
