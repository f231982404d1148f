import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A TCP client that sends arbitrary bytes and keeps everything the server sends, for
/// attacking a line server with bad input. It connects from a chosen loopback address
/// (127.x.y.z), so that a bench on one machine can look like many residents' addresses.
final class RawLineClient: Sendable {
    private struct Received {
        var bytes: [UInt8] = []
        var isClosed = false
    }

    private let channel: any Channel
    private let collector: Collector

    private init(channel: any Channel, collector: Collector) {
        self.channel = channel
        self.collector = collector
    }

    /// Connects to `host:port` from `source` (a loopback address); `receiveBuffer` shrinks the
    /// socket's receive buffer, and `reads: false` never reads at all (a client that never reads).
    static func connect(host: String, port: Int, from source: String, receiveBuffer: Int? = nil,
                        reads: Bool = true) async throws -> RawLineClient {
        let collector = Collector()
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(to: try SocketAddress(ipAddress: source, port: 0))
            .channelOption(.autoRead, value: reads)
            .channelInitializer { channel in channel.pipeline.addHandler(collector) }
        if let receiveBuffer {
            bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBuffer))
        }
        let channel = try await bootstrap.connect(host: host, port: port).get()
        return RawLineClient(channel: channel, collector: collector)
    }

    /// Sends raw bytes.
    func send(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    /// Sends text followed by CRLF.
    func send(line: String) async throws {
        try await send(Array((line + "\r\n").utf8))
    }

    /// Sends text followed by CRLF without waiting until the socket took it (a client that
    /// never reads could otherwise block on its own full send buffer).
    func sendWithoutWaiting(line: String) {
        channel.writeAndFlush(ByteBuffer(string: line + "\r\n"), promise: nil)
    }

    /// Everything received so far, as text (invalid UTF-8 shows as U+FFFD).
    var text: String { collector.received.withLock { String(decoding: $0.bytes, as: UTF8.self) } }

    /// Everything received so far, as bytes.
    var bytes: [UInt8] { collector.received.withLock { $0.bytes } }

    /// Whether the server closed the connection.
    var isClosed: Bool { collector.received.withLock { $0.isClosed } }

    /// Waits until `condition` holds for the received text, or `timeout` passes; returns whether it held.
    @discardableResult
    func wait(for timeout: Duration, until condition: (String, Bool) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let (text, closed) = collector.received.withLock { (String(decoding: $0.bytes, as: UTF8.self), $0.isClosed) }
            if condition(text, closed) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    /// Waits for the `count`-th prompt (`> ` at the start of a line) from the server.
    @discardableResult
    func waitForPrompts(_ count: Int, timeout: Duration = .seconds(20)) async -> Bool {
        await wait(for: timeout) { text, _ in Self.prompts(in: text) >= count }
    }

    /// Starts reading (for a client connected with `reads: false`).
    func startReading() {
        channel.setOption(.autoRead, value: true).whenSuccess { self.channel.read() }
    }

    /// Closes the connection.
    func close() async {
        try? await channel.close()
    }

    /// How many prompts a text holds: `> ` at the start, after a line end, or right after another
    /// prompt (an empty reply, as to a flooded line).
    static func prompts(in text: String) -> Int {
        let bytes = Array(text.utf8)
        var count = 0
        var index = 0
        while index + 1 < bytes.count {
            let atStart = index == 0 || bytes[index - 1] == UInt8(ascii: "\n")
                || (index >= 2 && bytes[index - 2] == UInt8(ascii: ">") && bytes[index - 1] == UInt8(ascii: " "))
            if atStart, bytes[index] == UInt8(ascii: ">"), bytes[index + 1] == UInt8(ascii: " ") {
                count += 1
                index += 2
            } else {
                index += 1
            }
        }
        return count
    }

    /// Keeps every byte the server sends.
    private final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let received = Mutex(Received())

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            received.withLock { $0.bytes.append(contentsOf: buffer.readableBytesView) }
        }

        func channelInactive(context: ChannelHandlerContext) {
            received.withLock { $0.isClosed = true }
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
