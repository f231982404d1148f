import Foundation
import Testing

/// What a run of the `minhu` binary printed and how it exited.
struct CommandOutput {
    /// Standard output.
    var stdout: String
    /// Standard error.
    var stderr: String
    /// The exit status.
    var exitCode: Int32
}

/// The built `minhu` binary: in the products directory, next to the test bundle, as
/// swift-argument-parser's `AssertExecuteCommand` finds its examples.
enum MinhuBinary {
    /// The products directory: the folder holding the `.xctest` bundle (Linux: the test binary itself).
    static var productsDirectory: URL {
        var url = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        while url.pathComponents.count > 1 {
            if url.pathExtension == "xctest" { return url.deletingLastPathComponent() }
            url.deleteLastPathComponent()
        }
        return (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).deletingLastPathComponent()
    }

    /// The binary's location.
    static var url: URL { productsDirectory.appendingPathComponent("minhu") }
}

/// Runs `minhu` with `arguments`, in an environment without `MINHU_ACTOR` unless given.
///
/// Records a failure (never a skip) and throws when the binary is missing: a test suite that
/// silently tests nothing is worse than a red one.
func runMinhu(
    _ arguments: [String], environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
) throws -> CommandOutput {
    let binary = MinhuBinary.url
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        Issue.record("No executable at '\(binary.path)': build the minhu product first", sourceLocation: sourceLocation)
        throw MissingBinary(path: binary.path)
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    var inherited = ProcessInfo.processInfo.environment
    inherited["MINHU_ACTOR"] = nil
    process.environment = inherited.merging(environment) { _, new in new }
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Drain standard error on another thread while reading standard output here, so that a
    // large output on either never blocks the child on a full pipe.
    let errorReader = PipeReader(error.fileHandleForReading)
    let stdoutData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errorReader.wait()
    process.waitUntilExit()
    return CommandOutput(
        stdout: String(decoding: stdoutData, as: UTF8.self), stderr: String(decoding: errorData, as: UTF8.self),
        exitCode: process.terminationStatus)
}

/// Reads a pipe to its end on a background thread.
private final class PipeReader: @unchecked Sendable {
    // Written once by the reading thread before `done` is signalled, read only after the wait.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading.
    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    /// Everything read, once the writer closed the pipe.
    func wait() -> Data {
        done.wait()
        return data
    }
}

/// The `minhu` binary was not built.
struct MissingBinary: Error, CustomStringConvertible {
    /// Where it was looked for.
    let path: String
    /// Says where.
    var description: String { "no executable at \(path)" }
}

/// Runs `minhu` and checks its standard output and exit status verbatim, in the style of
/// swift-argument-parser's `AssertExecuteCommand`.
///
/// - Returns: The whole output, for further checks.
@discardableResult
func assertExecuteCommand(
    _ arguments: [String], expected: String? = nil, exitCode: Int32 = 0, environment: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> CommandOutput {
    let output = try runMinhu(arguments, environment: environment, sourceLocation: sourceLocation)
    if let expected {
        #expect(output.stdout == expected, "stderr: \(output.stderr)", sourceLocation: sourceLocation)
    }
    #expect(output.exitCode == exitCode, "stderr: \(output.stderr)", sourceLocation: sourceLocation)
    return output
}
