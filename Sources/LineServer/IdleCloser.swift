import NIOCore

/// Closes a connection that has been silent too long, telling the resident why first.
/// Sits after NIO's `IdleStateHandler`, which raises the idle event.
final class IdleCloser: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        let buffer = context.channel.allocator.buffer(string: "\r\n" + ServerMessages.idle + "\r\n")
        context.writeAndFlush(NIOAny(buffer)).whenComplete { _ in context.close(promise: nil) }
    }
}
