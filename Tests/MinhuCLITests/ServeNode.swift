import DispatchStore
import Foundation
import MinhuTestSupport
import Synchronization
import Testing

/// A `minhu serve` process on a free port of its own choosing.
final class ServeNode: Sendable {
    let process: Process
    let port: Int
    /// The metrics endpoint's port, with `withMetrics`.
    let metricsPort: Int?
    private let logText: LogText

    /// What the node has written to its log so far, for a failing test to show.
    var log: String { logText.text.withLock { $0 } }

    private init(process: Process, port: Int, metricsPort: Int?, log: LogText) {
        self.process = process
        self.port = port
        self.metricsPort = metricsPort
        self.logText = log
    }

    private final class LogText: Sendable {
        let text = Mutex("")
    }

    /// Starts a node and waits until it listens (its log says on which port).
    /// - Parameter withMetrics: Also serve metrics, on a port of its own choosing.
    static func start(db: String, withMetrics: Bool = false) async throws -> ServeNode {
        let process = Process()
        process.executableURL = MinhuBinary.url
        process.arguments = ["serve", "--db", db, "--host", "127.0.0.1", "--port", "0"] + intentsOption
            + (withMetrics ? ["--metrics-port", "0"] : [])
        let log = Pipe()
        process.standardError = log
        process.standardOutput = FileHandle.nullDevice
        let logText = LogText()
        log.fileHandleForReading.readabilityHandler = { handle in
            let chunk = String(decoding: handle.availableData, as: UTF8.self)
            logText.text.withLock { $0 += chunk }
        }
        try process.run()
        // A debug build loading the intents beside a parallel test run can take a while.
        let deadline = ContinuousClock.now + .seconds(300)
        while ContinuousClock.now < deadline, process.isRunning {
            let log = logText.text.withLock { $0 }
            if let port = Self.port(in: log, after: "listening") {
                let metricsPort = Self.port(in: log, after: "metrics at /metrics")
                if !withMetrics || metricsPort != nil {
                    return ServeNode(process: process, port: port, metricsPort: metricsPort, log: logText)
                }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw NodeDidNotStart(log: logText.text.withLock { $0 })
    }

    /// The port in the log line that ends with `message`.
    private static func port(in log: String, after message: String) -> Int? {
        guard let line = log.split(separator: "\n").first(where: { $0.hasSuffix(message) }),
              let range = line.range(of: "port=") else { return nil }
        return Int(line[range.upperBound...].prefix(while: \.isNumber))
    }

    /// SIGKILL: the node dies without a chance to finish anything.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, the graceful way; SIGKILL if it does not stop within 10 s.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill() }
    }

    struct NodeDidNotStart: Error, CustomStringConvertible {
        let log: String
        var description: String { "minhu serve did not start listening:\n\(log)" }
    }
}

/// The ticket number in a bot's reply (`工单号：MH-000123。`), as a resident reads it.
func ticketNumber(in reply: String) -> TicketNumber? {
    guard let range = reply.range(of: "工单号：") else { return nil }
    return TicketNumber(parsing: String(reply[range.upperBound...].prefix(while: { $0 != "。" && !$0.isWhitespace })))
}
