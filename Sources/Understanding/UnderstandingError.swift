/// What can go wrong while loading intents or training the classifier.
public enum UnderstandingError: Error, CustomStringConvertible, Sendable {
    /// The intents folder does not exist or cannot be listed.
    case missingIntentsDirectory(String)
    /// An intent file is not valid YAML or lacks a field.
    case invalidIntentFile(path: String, reason: String)
    /// Two files declare the same intent id, or an id differs from its file name.
    case inconsistentIntent(path: String, reason: String)
    /// A labelled TSV line is not `label<TAB>text`.
    case invalidTrainingLine(path: String, line: Int)
    /// There is nothing to train on (fewer than two labels).
    case notEnoughTrainingData(String)

    public var description: String {
        switch self {
        case .missingIntentsDirectory(let path):
            return "no intents folder at \(path) (pass --intents DIR)"
        case .invalidIntentFile(let path, let reason):
            return "\(path): \(reason)"
        case .inconsistentIntent(let path, let reason):
            return "\(path): \(reason)"
        case .invalidTrainingLine(let path, let line):
            return "\(path):\(line): expected label<TAB>text"
        case .notEnoughTrainingData(let detail):
            return "not enough training data: \(detail)"
        }
    }
}
