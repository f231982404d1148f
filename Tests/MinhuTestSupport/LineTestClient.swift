import Foundation
import NIOCore
import NIOPosix

/// A resident's client for tests: a real TCP socket that reads until the bot's prompt.
public final class LineTestClient: @unchecked Sendable {
    private let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    /// Bytes received and not yet returned. The prompt's bytes (`> `) never occur inside a
    /// UTF-8 or GB18030 character, so a reply can be cut at them before it is decoded.
    private var pending: [UInt8] = []

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
        String(decoding: try await readReplyBytes(timeout: timeout), as: UTF8.self)
    }

    /// The bytes of the next reply, as ``readReply(timeout:)`` cuts it: for replies that are
    /// not UTF-8.
    public func readReplyBytes(timeout: Duration = .seconds(20)) async throws -> [UInt8] {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let prompt = pending.indices.dropLast().first(where: { pending[$0] == 0x3E && pending[$0 + 1] == 0x20 }) {
                defer { pending.removeFirst(prompt + 2) }
                return Array(pending[..<prompt])
            }
            guard ContinuousClock.now < deadline else { throw TimedOut(received: String(decoding: pending, as: UTF8.self)) }
            guard let buffer = try await iterator.next() else {
                defer { pending = [] }
                return pending
            }
            pending += buffer.readableBytesView
        }
    }

    /// Reads until the server closes the connection; returns what it said.
    public func readUntilClosed() async throws -> String {
        var bytes = pending
        pending = []
        while let buffer = try await iterator.next() { bytes += buffer.readableBytesView }
        return String(decoding: bytes, as: UTF8.self)
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
