import Foundation
import NIOCore
import NIOPosix
import Synchronization
@testable import Gateways

/// A resident (or volunteer) in an IRC channel for tests: a plain socket client that registers,
/// joins, says lines and collects what others say.
final class IRCTestClient: Sendable {
    let nick: String
    /// The channels it joined.
    let channels: [String]
    private let channel: any Channel
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let inbox = Inbox()
    private let reader: Task<Void, Never>

    /// Everything received, shared with the reading task.
    final class Inbox: Sendable {
        let messages = Mutex<[IRCMessage]>([])
    }


    init(nick: String, port: Int, joining channels: [String]) async throws {
        self.nick = nick
        self.channels = channels
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(IRCLineDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        self.channel = channel.channel
        let (stream, continuation) = AsyncStream.makeStream(of: NIOAsyncChannelOutboundWriter<ByteBuffer>.self)
        let inbox = self.inbox
        reader = Task {
            try? await channel.executeThenClose { inbound, outbound in
                continuation.yield(outbound)
                for try await line in inbound {
                    guard let message = IRCMessage(parsing: String(buffer: line)) else { continue }
                    if message.command == "PING" {
                        try await outbound.write(ByteBuffer(string: IRCMessage(command: "PONG", parameters: message.parameters).serialized + "\r\n"))
                    }
                    inbox.messages.withLock { $0.append(message) }
                }
            }
        }
        var writers = stream.makeAsyncIterator()
        outbound = await writers.next()!
        try await raw("NICK \(nick)")
        try await raw("USER \(nick) 0 * :\(nick)")
        _ = try await waitFor(timeout: .seconds(60)) { $0.command == "001" }
        for name in channels {
            try await raw("JOIN \(name)")
            _ = try await waitFor(timeout: .seconds(60)) { $0.command == "366" && $0.parameters.dropFirst().first == name }
        }
    }

    func raw(_ line: String) async throws {
        do {
            try await outbound.write(ByteBuffer(string: line + "\r\n"))
        } catch {
            // What the server said last (its ERROR line gives the reason it closed the link).
            throw Closed(nick: nick, line: line, error: error, received: inbox.messages.withLock { $0.map(\.serialized) })
        }
    }

    /// Says a line in a channel (or to a nick).
    func say(_ text: String, to target: String) async throws {
        try await raw(IRCMessage(command: "PRIVMSG", parameters: [target, text]).serialized)
    }

    /// The PRIVMSG texts from `sender` to `target` received so far, in order.
    func messages(from sender: String, to target: String) -> [String] {
        inbox.messages.withLock { all in
            all.filter { $0.command == "PRIVMSG" && $0.sourceNick == sender && $0.parameters.first == target }
                .compactMap { $0.parameters.last }
        }
    }

    /// Waits for the first message (received before or after the call) that matches.
    @discardableResult
    func waitFor(timeout: Duration, after skip: Int = 0, _ matches: (IRCMessage) -> Bool) async throws -> IRCMessage {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let found = inbox.messages.withLock({ $0.dropFirst(skip).first(where: matches) }) { return found }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TimedOut(nick: nick, received: inbox.messages.withLock { $0.map(\.serialized) })
    }

    /// Waits until `sender` has said `count` lines to `target` in all, and returns them.
    func waitForMessages(from sender: String, to target: String, count: Int, timeout: Duration = .seconds(60)) async throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let found = messages(from: sender, to: target)
            if found.count >= count { return found }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TimedOut(nick: nick, received: inbox.messages.withLock { $0.map(\.serialized) })
    }

    func close() async {
        try? await raw("QUIT")
        try? await channel.close()
        reader.cancel()
    }

    struct Closed: Error, CustomStringConvertible {
        let nick: String
        let line: String
        let error: any Error
        let received: [String]
        var description: String {
            "\(nick) could not send \(line) (\(error)); received last:\n" + received.suffix(10).joined(separator: "\n")
        }
    }

    struct TimedOut: Error, CustomStringConvertible {
        let nick: String
        let received: [String]
        var description: String { "\(nick) waited in vain; received:\n" + received.suffix(30).joined(separator: "\n") }
    }
}
