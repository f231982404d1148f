import Foundation

/// The parts of Minhu that read untrusted input, each behind a function that takes one input of
/// arbitrary bytes: libFuzzer drives them from `minhu-fuzz`, and the test suite replays the
/// corpus under `Tests/FuzzCorpus/<target>/` through the very same functions.
///
/// Every function returns normally for any input; a broken invariant stops the process with
/// `preconditionFailure`, which libFuzzer records as a crash.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Telnet stripping, line framing and text decoding of a resident's connection.
    case lineCodec = "line-codec"
    /// Normalization (NFKC, Traditional→Simplified) and segmentation with the domain lexicon.
    case segmentation
    /// Intent classification, slot extraction and personal-data masking.
    case understanding
    /// OneBot v11 frames (events and action responses).
    case oneBot = "onebot"
    /// IRC protocol lines.
    case irc

    /// Runs one input through the target.
    ///
    /// - Parameter input: Any bytes.
    public func run(_ input: [UInt8]) {
        switch self {
        case .lineCodec: LineCodecFuzzing.run(input)
        case .segmentation: SegmentationFuzzing.run(input)
        case .understanding: UnderstandingFuzzing.run(input)
        case .oneBot: GatewayFuzzing.runOneBot(input)
        case .irc: GatewayFuzzing.runIRC(input)
        }
    }

    /// Builds what the target needs once per process (the trained interpreter), so that the
    /// first input is not charged for it.
    public func prepare() {
        switch self {
        case .segmentation: _ = SegmentationFuzzing.segmenter
        case .understanding: _ = UnderstandingFuzzing.interpreter
        default: break
        }
    }
}

/// Where the project's `intents/` folder is: `MINHU_INTENTS` if set, else next to `Sources/`.
let intentsDirectory: URL = {
    if let path = ProcessInfo.processInfo.environment["MINHU_INTENTS"] {
        return URL(fileURLWithPath: path)
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("intents")
}()
