import NIOCore

/// Removes telnet protocol bytes from a connection's inbound stream and refuses every option a
/// client proposes, so that the handlers after it see only the bytes the resident typed.
///
/// Residents connect with telnet, nc or PuTTY. Telnet clients interleave commands with the text
/// (`IAC` = 255 starts one); nc sends none. A refused client stays in the telnet default
/// (NVT): it echoes locally and sends a whole line at a time, which is what a line server wants.
///
/// - `IAC WILL x` is answered `IAC DONT x`, `IAC DO x` is answered `IAC WONT x`. `WONT` and
///   `DONT` are never answered (RFC 854: acknowledging a refusal invites a loop), and each
///   option is refused at most once per direction, so a client repeating its requests cannot
///   make the server write without bound to a peer that may not be reading.
/// - `IAC SB … IAC SE` blocks (window size, terminal type, environment) are skipped. Their
///   content is never buffered, so memory stays constant however long a block runs.
/// - `IAC IAC` is the data byte 255.
/// - Any other two-byte command (`NOP`, `GA`, `AYT`, `IP`, …) is skipped.
///
/// The parser is a byte-level state machine that keeps its state between reads, so a command
/// split across reads at any byte — even a lone `IAC` ending a read — is handled. No telnet
/// byte ever reaches the next handler.
///
/// Place it first in the pipeline, before the ``LineFrameDecoder``:
///
/// ```swift
/// try channel.pipeline.syncOperations.addHandlers([
///     TelnetHandler(),
///     ByteToMessageHandler(LineFrameDecoder()),
/// ])
/// ```
public final class TelnetHandler: ChannelInboundHandler {
    /// Raw bytes from the socket.
    public typealias InboundIn = ByteBuffer
    /// The same bytes without any telnet command.
    public typealias InboundOut = ByteBuffer
    /// Refusals written back to the client.
    public typealias OutboundOut = ByteBuffer

    /// Where the parser stands between two bytes.
    private enum State {
        /// Plain text; an `IAC` starts a command.
        case data
        /// After an `IAC` outside a subnegotiation: the command byte comes next.
        case command
        /// After `IAC WILL|WONT|DO|DONT`: the option byte comes next.
        case option(verb: UInt8)
        /// Inside `IAC SB …`: everything is skipped until `IAC SE`.
        case subnegotiation
        /// After an `IAC` inside a subnegotiation: `SE` ends the block, anything else
        /// (such as the escaped data byte `IAC IAC`) stays inside it.
        case subnegotiationCommand
    }

    /// The parser's position, kept across reads.
    private var state = State.data
    /// Options whose `DO` has already been refused, so a repeated request is not answered again.
    private var refusedDo = Set<UInt8>()
    /// Options whose `WILL` has already been refused, so a repeated offer is not answered again.
    private var refusedWill = Set<UInt8>()

    /// Creates a handler in the plain-text state, with nothing refused yet.
    public init() {}

    /// Forwards the text of `data` without its telnet commands and writes the refusals they call for.
    ///
    /// - Parameters:
    ///   - context: The handler's context.
    ///   - data: A `ByteBuffer` read from the socket.
    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let input = Self.unwrapInboundIn(data)
        // Nearly every read after the opening negotiation is plain text: pass it on uncopied.
        if case .data = self.state, !input.readableBytesView.contains(TelnetByte.iac) {
            context.fireChannelRead(data)
            return
        }

        var text = context.channel.allocator.buffer(capacity: input.readableBytes)
        var replies = context.channel.allocator.buffer(capacity: 0)
        for byte in input.readableBytesView {
            self.consume(byte, text: &text, replies: &replies)
        }

        if text.readableBytes > 0 {
            context.fireChannelRead(Self.wrapInboundOut(text))
        }
        if replies.readableBytes > 0 {
            context.writeAndFlush(Self.wrapOutboundOut(replies), promise: nil)
        }
    }

    /// Advances the state machine by one byte.
    ///
    /// - Parameters:
    ///   - byte: The next byte from the client.
    ///   - text: Collects the data bytes to forward.
    ///   - replies: Collects the refusals to write back.
    private func consume(_ byte: UInt8, text: inout ByteBuffer, replies: inout ByteBuffer) {
        switch self.state {
        case .data:
            if byte == TelnetByte.iac {
                self.state = .command
            } else {
                text.writeInteger(byte)
            }
        case .command:
            switch byte {
            case TelnetByte.iac:
                text.writeInteger(TelnetByte.iac)
                self.state = .data
            case TelnetByte.will, TelnetByte.wont, TelnetByte.do, TelnetByte.dont:
                self.state = .option(verb: byte)
            case TelnetByte.sb:
                self.state = .subnegotiation
            default:
                // NOP, GA, AYT, IP, a stray SE…: nothing a line server acts on.
                self.state = .data
            }
        case .option(let verb):
            if let refusal = self.refusal(of: verb, option: byte) {
                replies.writeBytes([TelnetByte.iac, refusal, byte])
            }
            self.state = .data
        case .subnegotiation:
            if byte == TelnetByte.iac {
                self.state = .subnegotiationCommand
            }
        case .subnegotiationCommand:
            self.state = byte == TelnetByte.se ? .data : .subnegotiation
        }
    }

    /// The verb that refuses `verb option`, or nil when nothing should be sent: `WONT` and `DONT`
    /// are never acknowledged, and an option already refused in that direction is not refused again.
    ///
    /// - Parameters:
    ///   - verb: `WILL`, `WONT`, `DO` or `DONT`, as received.
    ///   - option: The option code that followed it.
    /// - Returns: `DONT` for a new `WILL`, `WONT` for a new `DO`, otherwise nil.
    private func refusal(of verb: UInt8, option: UInt8) -> UInt8? {
        switch verb {
        case TelnetByte.will:
            return self.refusedWill.insert(option).inserted ? TelnetByte.dont : nil
        case TelnetByte.do:
            return self.refusedDo.insert(option).inserted ? TelnetByte.wont : nil
        default:
            return nil
        }
    }
}

/// A handler belongs to one channel and is used only on its event loop.
@available(*, unavailable)
extension TelnetHandler: Sendable {}

/// The telnet command bytes of RFC 854 that the handler tells apart.
enum TelnetByte {
    /// Interpret As Command: starts every telnet command; doubled, it is the data byte 255.
    static let iac: UInt8 = 255
    /// Refuses (or asks the sender to stop) the following option on the client's side.
    static let dont: UInt8 = 254
    /// Asks the receiver to enable the following option on its side.
    static let `do`: UInt8 = 253
    /// Refuses (or announces stopping) the following option on the sender's side.
    static let wont: UInt8 = 252
    /// Offers to enable the following option on the sender's side.
    static let will: UInt8 = 251
    /// Starts a subnegotiation block, which `IAC SE` ends.
    static let sb: UInt8 = 250
    /// Ends a subnegotiation block.
    static let se: UInt8 = 240
}
