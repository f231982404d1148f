import DispatchStore
import Foundation
import LineServer
import Logging
import Testing
import Understanding

/// The 10,000 messages every privacy test pushes through a path staff read.
let syntheticMessages: [SyntheticMessage] = {
    var generator = SyntheticMessages(seed: 20_261_127)
    return generator.make(10_000)
}()

/// Masking on 10,000 synthetic resident messages holding every phone and ID-number shape:
/// 100% of valid numbers masked (no 7 digits of one left in a row), other numbers kept.
@Suite struct MaskingTests {
    let masker = PersonalDataMasker()

    @Test func everyValidNumberIsMaskedInTenThousandMessages() {
        var masked = 0, leaked: [String] = []
        for message in syntheticMessages {
            let text = masker.mask(message.text, addresses: false)
            let leaks = Leak.leaked(message.numbers, in: text)
            masked += message.numbers.count - leaks.count
            if !leaks.isEmpty, leaked.count < 20 { leaked.append("\(message.text) → \(text)") }
        }
        let total = syntheticMessages.map(\.numbers.count).reduce(0, +)
        print("privacy: \(masked) of \(total) valid numbers masked in \(syntheticMessages.count) messages")
        #expect(masked == total, "unmasked:\n\(leaked.joined(separator: "\n"))")
    }

    @Test func ticketNumbersPricesYearsAndTimesSurviveMasking() {
        var lost: [String] = []
        for message in syntheticMessages {
            let text = masker.mask(message.text, addresses: false)
            for decoy in message.decoys where !text.contains(decoy) {
                if lost.count < 20 { lost.append("\(decoy) in \(message.text) → \(text)") }
            }
        }
        #expect(lost.isEmpty, "masked by mistake:\n\(lost.joined(separator: "\n"))")
    }

    /// Found by a QA session: a phone or ID number cut short by a summary's end was printed.
    @Test func digitsThatNoRecognizerTakesAreHiddenWholeFromSevenOn() {
        #expect(masker.mask("拜托了谢谢你42010219800101123", addresses: false) == "拜托了谢谢你*****************")
        #expect(masker.mask("辛苦了，我1351234567", addresses: false) == "辛苦了，我**********")
        #expect(masker.mask("卡号6222021234567890", addresses: false) == "卡号****************")
        #expect(masker.mask("一共123456户，2026年，MH-000016", addresses: false) == "一共123456户，2026年，MH-000016")
    }

    @Test func theLogHandlerMasksMessagesAndMetadata() {
        let captured = CapturedLogs()
        var logger = Logger(label: "privacy") { _ in MaskingLogHandler(wrapping: CapturingLogHandler(captured)) }
        logger.logLevel = .info
        for message in syntheticMessages {
            logger.info("resident said: \(message.text)", metadata: [
                "text": .string(message.text),
                "lines": .array([.string(message.text)]),
                "turn": .dictionary(["said": .stringConvertible(message.text)]),
            ])
        }
        let events = captured.events
        #expect(events.count == syntheticMessages.count)
        var leaked: [String] = []
        for (message, logged) in zip(syntheticMessages, events) where !Leak.leaked(message.numbers, in: logged).isEmpty {
            if leaked.count < 10 { leaked.append(logged) }
        }
        #expect(leaked.isEmpty, "logged in the clear:\n\(leaked.joined(separator: "\n"))")
    }
}

/// Everything logged, message and metadata flattened into one string per event.
final class CapturedLogs: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var events: [String] { lock.withLock { stored } }
}

/// The handler behind the masking one: what a log file would receive.
struct CapturingLogHandler: LogHandler {
    let captured: CapturedLogs
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    init(_ captured: CapturedLogs) { self.captured = captured }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let metadata = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        captured.append(([event.message.description] + metadata).joined(separator: " | "))
    }
}

extension MaskingTests {
    /// Metadata set on the logger itself (`logger[metadataKey:]`) is kept by the wrapped handler
    /// and printed by it directly, so it has to be masked on the way in.
    @Test func theLogHandlerMasksLoggerLevelMetadata() {
        let captured = CapturedLogs()
        var logger = Logger(label: "privacy") { _ in MaskingLogHandler(wrapping: CapturingLevelMetadata(captured)) }
        var leaked: [String] = []
        for message in syntheticMessages.prefix(1_000) {
            logger[metadataKey: "resident"] = .string(message.text)
            logger.info("turn")
            let logged = captured.events.last ?? ""
            if !Leak.leaked(message.numbers, in: logged).isEmpty, leaked.count < 10 { leaked.append(logged) }
        }
        #expect(leaked.isEmpty, "logged in the clear:\n\(leaked.joined(separator: "\n"))")
    }
}

/// A handler that prints its own metadata with each event, as `StreamLogHandler` does.
struct CapturingLevelMetadata: LogHandler {
    let captured: CapturedLogs
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    init(_ captured: CapturedLogs) { self.captured = captured }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        captured.append(([event.message.description] + merged.map { "\($0.key)=\($0.value)" }).joined(separator: " | "))
    }
}
