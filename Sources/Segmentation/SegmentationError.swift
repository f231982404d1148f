/// What can go wrong while preparing or running the segmenter.
public enum SegmentationError: Error, CustomStringConvertible, Sendable {
    /// The system ICU refused to open a word-break iterator or transliterator.
    case icuFailure(operation: String, code: Int32)
    /// A lexicon file could not be read.
    case unreadableLexicon(path: String, reason: String)

    public var description: String {
        switch self {
        case .icuFailure(let operation, let code):
            return "ICU failed in \(operation) (UErrorCode \(code)); is libicu installed?"
        case .unreadableLexicon(let path, let reason):
            return "cannot read lexicon \(path): \(reason)"
        }
    }
}
