import NIOCore

/// Closes a connection so that the resident still reads the server's last words.
///
/// Whenever the server closes a connection it has just said why (idle, flood, over-long line,
/// shutdown). Closed at once while the client was still typing, the socket held unread bytes,
/// and the kernel answers that with a reset instead of an orderly end: a client that gets the
/// reset before it has read the goodbye may never show it (a test client did, now and then,
/// under load). So a full close becomes what servers call a lingering close: send what is
/// queued, end our side (FIN), throw away whatever still comes in, and close for good once the
/// client has closed its side or after ``linger``.
///
/// First in the pipeline, so that it sees every close asked for by the handlers after it.
final class LingeringClose: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The longest a closing connection waits for the client to close its side.
    static let linger: TimeAmount = .seconds(2)

    private var closing = false
    private var closePromise: EventLoopPromise<Void>?
    private var lingerTimer: Scheduled<Void>?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Once we are closing, what the client still sends is read (so that it does not turn
        // into a reset) and dropped.
        guard !closing else { return }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        guard !closing else {
            context.read()
            return
        }
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if closing, let event = event as? ChannelEvent, event == .inputClosed {
            finishClosing(context: context)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        lingerTimer?.cancel()
        if let closePromise {
            self.closePromise = nil
            closePromise.succeed(())
        }
        context.fireChannelInactive()
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode == .all, context.channel.isActive else {
            context.close(mode: mode, promise: promise)
            return
        }
        guard !closing else {
            // A second close while lingering (the connection's task ending after the limit's).
            if let promise {
                if let closePromise { closePromise.futureResult.cascade(to: promise) } else { closePromise = promise }
            }
            return
        }
        closing = true
        closePromise = promise
        // Ends our side once the queued writes are sent. If the input was already closed
        // (the client left, or the server is shutting down), NIO closes the whole channel.
        context.close(mode: .output, promise: nil)
        let handlerAndContext = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        lingerTimer = context.eventLoop.scheduleTask(in: Self.linger) {
            let (handler, context) = handlerAndContext.value
            handler.finishClosing(context: context)
        }
        context.read()
    }

    private func finishClosing(context: ChannelHandlerContext) {
        lingerTimer?.cancel()
        let promise = closePromise
        closePromise = nil
        context.close(mode: .all, promise: promise)
    }
}
