import NIOCore
import NIOWebSocket

/// WebSocket framing shared by both directions (we listen, or we connect): limits, the frame
/// handler, and the frames the bot writes.
enum OneBotWebSocket {
    /// The largest message accepted from a client, whole or in fragments. A OneBot event is a
    /// few KiB; a forwarded chat history can be more, but nothing the bot reads comes near.
    static let maximumMessageSize = 1 << 20

    /// Adds what sits above the WebSocket codec: fragments joined up to the size limit, then
    /// the link's frame handler.
    static func addHandlers(to channel: any Channel, link: OneBotLink) throws {
        let sync = channel.pipeline.syncOperations
        try sync.addHandler(NIOWebSocketFrameAggregator(minNonFinalFragmentSize: 1, maxAccumulatedFrameCount: 4096,
                                                        maxAccumulatedFrameSize: maximumMessageSize))
        try sync.addHandler(OneBotFrameHandler(link: link))
    }

    /// How long to wait for the peer to answer our close frame before dropping the socket.
    static let closingHandshakeTimeout = TimeAmount.seconds(1)

    /// Starts the closing handshake: sends a close frame with `code`, and drops the socket when
    /// the peer answers (see ``OneBotFrameHandler``) or after ``closingHandshakeTimeout``.
    /// Dropping it at once would race the peer's reading of the frame: it might only see the
    /// socket vanish, without the reason.
    static func close(_ channel: any Channel, code: WebSocketErrorCode, reason: String, masked: Bool) {
        var data = channel.allocator.buffer(capacity: 2 + reason.utf8.count)
        data.write(webSocketErrorCode: code)
        data.writeString(reason)
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: masked ? .random() : nil, data: data)
        channel.writeAndFlush(frame, promise: nil)
        channel.eventLoop.scheduleTask(in: closingHandshakeTimeout) { channel.close(promise: nil) }
    }

    /// Refuses a client whose WebSocket is already up (a wrong token): close frame with
    /// `code`, then the socket dropped once the client answers.
    static func refuse(_ channel: any Channel, code: WebSocketErrorCode, reason: String) throws {
        try channel.pipeline.syncOperations.addHandler(RefusedClientHandler())
        close(channel, code: code, reason: reason, masked: false)
    }

    /// A text frame (masked when we are the client, as RFC 6455 requires).
    static func textFrame(_ text: String, allocator: ByteBufferAllocator, masked: Bool) -> WebSocketFrame {
        WebSocketFrame(fin: true, opcode: .text, maskKey: masked ? .random() : nil, data: allocator.buffer(string: text))
    }
}

/// Turns WebSocket frames into link events: text to the link, pings answered, pongs counted as
/// life, a close frame answered and the connection closed.
final class OneBotFrameHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let link: OneBotLink

    init(link: OneBotLink) {
        self.link = link
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            link.didReceive(text: String(buffer: frame.unmaskedData))
        case .binary:
            // OneBot v11 speaks JSON text only; a binary frame is still a sign of life.
            link.didSeeActivity()
        case .ping:
            link.didSeeActivity()
            let pong = WebSocketFrame(fin: true, opcode: .pong, maskKey: link.masksFrames ? .random() : nil,
                                      data: frame.unmaskedData)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .pong:
            link.didSeeActivity()
        case .connectionClose:
            // Our own close answered: done. The peer's close: echo it (RFC 6455 §5.5.1), then drop
            // the connection.
            guard link.markCloseSent() else {
                context.close(promise: nil)
                return
            }
            var data = frame.unmaskedData
            let code = data.readWebSocketErrorCode() ?? .normalClosure
            var reply = context.channel.allocator.buffer(capacity: 2)
            reply.write(webSocketErrorCode: code)
            let frame = WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: link.masksFrames ? .random() : nil,
                                       data: reply)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(frame)).whenComplete { _ in channel.close(promise: nil) }
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        link.didClose()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Decoder errors (a frame over the size limit …) were already answered with a close
        // frame by NIO's protocol error handler; the aggregator's are answered here.
        if error is NIOWebSocketFrameAggregator.Error, link.markCloseSent() {
            OneBotWebSocket.close(context.channel, code: .messageTooLarge, reason: "message too large",
                                  masked: link.masksFrames)
        } else if !(error is NIOWebSocketError) {
            context.close(promise: nil)
        }
    }
}

/// Sits on a refused client's connection: drops every frame, and the socket once the client
/// answers the close frame.
private final class RefusedClientHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if unwrapInboundIn(data).opcode == .connectionClose { context.close(promise: nil) }
    }
}
