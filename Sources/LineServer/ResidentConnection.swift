import Dialogue
import Foundation
import Logging
import Metrics
import NIOCore

/// One resident's connection: greet, then answer line by line until they leave, the limits
/// close it, or the server shuts down. Every failure ends here: one bad client never hurts
/// the others.
struct ResidentConnection {
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    let engine: ConversationEngine
    let configuration: ResidentServerConfiguration
    let registry: ConnectionRegistry
    let logger: Logger
    let metrics: LineMetrics
    /// The conversation this connection starts in; `/resume CODE` switches it to an earlier one.
    let key: ConversationKey
    /// The code that names `key`'s conversation, told to the resident (the store has its hash).
    let sessionCode: String

    func run() async {
        var key = self.key
        var conversationID: Int64?
        let rawChannel = channel.channel
        registry.opened(rawChannel)
        defer { registry.closed(rawChannel, conversationID: conversationID) }
        metrics.connections.increment()
        do {
            try await channel.executeThenClose { inbound, outbound in
                var writer = ReplyWriter(outbound: outbound, channel: rawChannel, timeout: configuration.writeTimeout,
                                         slowReadersClosed: metrics.slowReadersClosed)
                try await writer.send([engine.welcome, ServerMessages.commands, ServerMessages.sessionCode(sessionCode)])
                var gate = FloodGate(burst: configuration.floodBurst, perSecond: configuration.floodRate)
                var dropped = 0
                do {
                    for try await line in inbound {
                        guard gate.admit() else {
                            dropped += 1
                            metrics.floodDropped.increment()
                            // One reply per line, as always, but only the first says why: a flood
                            // never makes the server write more than it reads.
                            try await writer.send(dropped == 1 ? [ServerMessages.flood] : [])
                            if dropped >= configuration.floodDisconnectAfter {
                                // Said before the close, as every limit is (QA: it closed in silence).
                                try? await writer.send([ServerMessages.floodClosed], prompt: false)
                                logger.notice("connection closed: flood")
                                return
                            }
                            continue
                        }
                        dropped = 0
                        let text: String
                        switch LineText.decode(line) {
                        case .text(let decoded, let encoding):
                            text = decoded
                            // Replies go out as the resident's terminal writes: a GBK telnet shows
                            // UTF-8 as gibberish (QA). Plain ASCII says nothing about which it is.
                            if encoding == .gb18030 || decoded.utf8.contains(where: { $0 >= 0x80 }) {
                                writer.encoding = encoding
                            }
                        case .undecodable:
                            try await writer.send([ServerMessages.undecodable])
                            continue
                        }
                        guard !text.isEmpty else {
                            try await writer.send([])
                            continue
                        }
                        metrics.lines.increment()
                        if SessionCode.isResumeCommand(text) {
                            // The dialogue state is in the store, so the conversation goes on here
                            // whichever node or connection it started on.
                            let resumed = SessionCode.resumed(in: text).map {
                                ConversationKey(channel: key.channel, room: key.room, user: SessionCode.conversationUser(for: $0))
                            }
                            do {
                                guard let resumed, try await engine.knows(resumed) else {
                                    try await writer.send([ServerMessages.unknownSessionCode])
                                    continue
                                }
                                let reply = try await engine.resume(resumed)
                                if let conversationID { registry.unregister(rawChannel, conversationID: conversationID) }
                                key = resumed
                                conversationID = reply.conversationID
                                registry.register(.init(key: key, channel: rawChannel, outbound: outbound),
                                                  conversationID: reply.conversationID)
                                try await writer.send([ServerMessages.resumed] + reply.lines)
                            } catch {
                                logger.error("resume failed", metadata: ["error": "\(error)"])
                                try await writer.send([ServerMessages.failure])
                            }
                            continue
                        }
                        let start = ContinuousClock.now
                        let reply: Reply
                        do {
                            reply = try await engine.handle(Turn(key: key, text: text))
                        } catch {
                            logger.error("turn failed", metadata: ["error": "\(error)"])
                            try await writer.send([ServerMessages.failure])
                            continue
                        }
                        let elapsed = ContinuousClock.now - start
                        metrics.turnDuration.recordNanoseconds(
                            elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
                        if let intent = reply.intent { metrics.count(intent: intent) }
                        if reply.ticketsCreated > 0 { metrics.ticketsCreated.increment(by: reply.ticketsCreated) }
                        if conversationID == nil {
                            conversationID = reply.conversationID
                            registry.register(.init(key: key, channel: rawChannel, outbound: outbound),
                                              conversationID: reply.conversationID)
                        }
                        if reply.endsConversation {
                            try await writer.send(reply.lines, prompt: false)
                            return
                        }
                        try await writer.send(reply.lines)
                    }
                } catch let error as LineFrameError {
                    if case .lineTooLong(let limit) = error {
                        try? await writer.send([ServerMessages.lineTooLong(limit)], prompt: false)
                    }
                    return
                }
                // The input ended: the resident left, or the server is shutting down.
                if registry.isShuttingDown { try? await writer.send([ServerMessages.shuttingDown], prompt: false) }
            }
        } catch {
            logger.debug("connection ended", metadata: ["error": "\(error)"])
        }
    }
}

/// Writes replies with CRLF line ends and the prompt, and disconnects a client that does not
/// read its replies within the timeout (so the server never buffers for it without bound).
struct ReplyWriter {
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let channel: any Channel
    let timeout: TimeAmount
    let slowReadersClosed: Counter
    /// What the client's last line that was not plain ASCII came in (UTF-8 until then).
    var encoding = ClientEncoding.utf8

    func send(_ lines: [String], prompt: Bool = true) async throws {
        let channel = self.channel
        var buffer = channel.allocator.buffer(capacity: 256)
        Self.append(lines, prompt: prompt, to: &buffer)
        buffer = encoding.encode(buffer)
        let slowReadersClosed = self.slowReadersClosed
        // A timer on the channel's own event loop: cheaper than a task per reply.
        let watchdog = channel.eventLoop.scheduleTask(in: timeout) {
            slowReadersClosed.increment()
            channel.close(promise: nil)
        }
        defer { watchdog.cancel() }
        try await outbound.write(buffer)
    }

    /// Lines as the protocol sends them: CRLF after each (also inside multi-line replies),
    /// then the prompt.
    static func append(_ lines: [String], prompt: Bool = true, to buffer: inout ByteBuffer) {
        for line in lines {
            var rest = Substring(line)
            while let newline = rest.utf8.firstIndex(of: UInt8(ascii: "\n")) {
                buffer.writeSubstring(rest[..<newline])
                buffer.writeStaticString("\r\n")
                rest = rest[rest.utf8.index(after: newline)...]
            }
            buffer.writeSubstring(rest)
            buffer.writeStaticString("\r\n")
        }
        if prompt { buffer.writeString(ServerMessages.prompt) }
    }
}
