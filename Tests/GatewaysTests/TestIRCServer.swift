import Foundation
import MinhuTestSupport
import NIOCore
import NIOPosix

/// A real ngircd for one test: its own config and port, stopped when the test ends.
///
/// `.ci/run` installs ngircd. Locally, without it, the IRC integration tests are skipped with a
/// message; in CI (`MINHU_CI=1`) they run and fail, so a missing server is never a silent pass.
final class TestIRCServer: Sendable {
    static let executable = "/usr/sbin/ngircd"
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: executable) }
    static var isRequired: Bool { TestEnvironment.isCI }
    /// Whether the tests that need the server run: always in CI, locally when it is installed.
    static var shouldRun: Bool { isInstalled || isRequired }
    static let skipMessage = "needs ngircd (apt-get install ngircd); .ci/run installs it"

    let port: Int
    private let process: Process
    private let folder: URL

    /// Starts a server with these predefined channels, on `port` (a free one if nil).
    init(channels: [String], port: Int? = nil) async throws {
        guard Self.isInstalled else { throw Missing() }
        if let port { self.port = port } else { self.port = try await Self.freePort() }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("minhu-ngircd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // World-readable: ngircd drops to nobody when started as root.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        let config = folder.appendingPathComponent("ngircd.conf")
        // No keep-alive pings within a test: ngircd pings a client after two idle minutes and
        // drops it if the PONG is 20 s late. A full CI run keeps both cores busy long enough
        // for a test client's reading task to wait that long, and the server then closed a
        // silent test client mid-test ("I/O on closed channel" on its next line).
        try """
            [Global]
            Name = irc.minhu.test
            Info = Minhu test server
            AdminInfo1 = Minhu tests
            AdminInfo2 = localhost
            AdminEMail = tests@minhu.invalid
            Listen = 127.0.0.1
            Ports = \(self.port)
            ServerUID = 65534
            ServerGID = 65534
            [Limits]
            MaxConnectionsIP = 0
            MaxNickLength = 30
            PingTimeout = 3600
            PongTimeout = 3600
            [Options]
            PAM = no
            Ident = no
            DNS = no
            \(channels.map { "[Channel]\nName = \($0)\n" }.joined())
            """.write(to: config, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: config.path)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["--nodaemon", "--config", config.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try await waitUntilListening()
    }

    func stop() {
        if process.isRunning {
            // SIGKILL: the child inherits the test runner's blocked signals, so SIGTERM would wait.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { stop() }

    private func waitUntilListening() async throws {
        for _ in 0..<100 {
            if let channel = try? await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port).get() {
                try? await channel.close()
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw NotListening(port: port)
    }

    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "ngircd is not installed at \(TestIRCServer.executable): \(TestIRCServer.skipMessage)" }
    }

    struct NotListening: Error { let port: Int }
}
