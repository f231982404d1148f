import Foundation
import NIOCore
import NIOPosix

/// A resident's client for tests: a real TCP socket that reads until the bot's prompt.
public final class LineTestClient: @unchecked Sendable {
    private let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var pending = ""

    /// Connects to a line server on loopback.
    public init(port: Int) async throws {
        channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        iterator = channel.inbound.makeAsyncIterator()
        outbound = channel.outbound
    }

    /// Sends raw bytes.
    public func send(bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    /// Sends one line ending in CRLF.
    public func send(_ line: String) async throws {
        try await send(bytes: Array((line + "\r\n").utf8))
    }

    /// Everything up to and including the next prompt `> ` (without it), or up to the close.
    public func readReply(timeout: Duration = .seconds(20)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let range = pending.range(of: "> ") {
                let reply = String(pending[..<range.lowerBound])
                pending = String(pending[range.upperBound...])
                return reply
            }
            guard ContinuousClock.now < deadline else { throw TimedOut(received: pending) }
            guard let buffer = try await iterator.next() else {
                defer { pending = "" }
                return pending
            }
            pending += String(buffer: buffer)
        }
    }

    /// Reads until the server closes the connection; returns what it said.
    public func readUntilClosed() async throws -> String {
        var text = pending
        pending = ""
        while let buffer = try await iterator.next() { text += String(buffer: buffer) }
        return text
    }

    /// Closes the connection.
    public func close() async {
        outbound.finish()
        try? await channel.channel.close()
    }

    deinit {
        // NIO requires the writer to be finished before it goes away.
        outbound.finish()
        channel.channel.close(promise: nil)
    }

    /// No prompt came in time; `received` is what came instead.
    public struct TimedOut: Error { public let received: String }
}
