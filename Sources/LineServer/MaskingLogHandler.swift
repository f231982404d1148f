import Logging
import Understanding

/// A log handler that masks phones, ID numbers and address numbers in every message and
/// metadata value before another handler writes them: residents' personal data never reaches
/// a log file in the clear.
public struct MaskingLogHandler: LogHandler {
    private var wrapped: any LogHandler
    private let masker: PersonalDataMasker

    /// Wraps `handler`.
    public init(wrapping handler: any LogHandler, masker: PersonalDataMasker = PersonalDataMasker()) {
        wrapped = handler
        self.masker = masker
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    // The wrapped handler prints its own metadata with every event, unseen by `log(event:)`:
    // it is masked on the way in.
    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue.mapValues(mask) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue.map(mask) }
    }

    public func log(event: LogEvent) {
        var event = event
        event.message = "\(masker.mask(event.message.description))"
        event.metadata = event.metadata.map { metadata in metadata.mapValues(mask) }
        wrapped.log(event: event)
    }

    private func mask(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .string(let text): return .string(masker.mask(text))
        case .stringConvertible(let convertible): return .string(masker.mask(convertible.description))
        case .array(let values): return .array(values.map(mask))
        case .dictionary(let values): return .dictionary(values.mapValues(mask))
        }
    }
}
