import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import Synchronization

/// Reverse WebSocket (反向 WebSocket): the QQ client connects to us. Binds once; each
/// accepted, authenticated Universal connection becomes a link for the next `nextLink()`.
///
/// Any path is accepted (`/`, `/onebot/v11/ws` …): the client's configured URL decides it and
/// one port serves one bot. The newest connection wins: when the client reconnects (after a
/// network blip the old socket may look alive for a while), older links are closed so the core
/// moves to the new one at once.
final class OneBotListener: Sendable {
    /// Makes the link for an upgraded channel and the `X-Self-ID` it announced.
    typealias MakeLink = @Sendable (_ channel: any Channel, _ selfID: String?) -> OneBotLink

    private let host: String
    private let port: Int
    private let token: OneBotAccessToken?
    private let group: any EventLoopGroup
    private let logger: Logger
    private let makeLink: MakeLink
    private let state = Mutex(State())

    private struct State {
        var binding: Task<any Channel, any Error>?
        var ready: [OneBotLink] = []
        var latest: OneBotLink?
        var waiters: [Int: CheckedContinuation<OneBotLink, any Error>] = [:]
        var cancelledWaiters: Set<Int> = []
        var nextWaiter = 0
        var shutDown = false
    }

    init(host: String, port: Int, token: OneBotAccessToken?, group: any EventLoopGroup, logger: Logger,
         makeLink: @escaping MakeLink) {
        self.host = host
        self.port = port
        self.token = token
        self.group = group
        self.logger = logger
        self.makeLink = makeLink
    }

    /// The port listened on (binding first if needed): the configured one, or the one the
    /// system chose for port 0.
    func boundPort() async throws -> Int {
        let binding = state.withLock { state in
            if let binding = state.binding { return binding }
            let binding = Task { try await self.bind() }
            state.binding = binding
            return binding
        }
        do {
            return try await binding.value.localAddress?.port ?? port
        } catch {
            // Port taken, say: forget the attempt, so the core's next reconnect binds again.
            state.withLock { state in
                if state.binding == binding { state.binding = nil }
            }
            throw error
        }
    }

    /// Waits for the next client connection (binding first if needed).
    func nextLink() async throws -> OneBotLink {
        _ = try await boundPort()
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let result = state.withLock { state -> Result<OneBotLink, any Error>? in
                    if state.cancelledWaiters.remove(id) != nil || state.shutDown { return .failure(CancellationError()) }
                    state.ready.removeAll { !$0.isOpen }
                    if !state.ready.isEmpty { return .success(state.ready.removeFirst()) }
                    state.waiters[id] = continuation
                    return nil
                }
                if let result { continuation.resume(with: result) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                guard let waiter = state.waiters.removeValue(forKey: id) else {
                    state.cancelledWaiters.insert(id)
                    return nil as CheckedContinuation<OneBotLink, any Error>?
                }
                return waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// Stops listening and closes every link.
    func shutdown() async {
        let (binding, links, waiters) = state.withLock { state in
            state.shutDown = true
            defer {
                state.ready.removeAll()
                state.waiters.removeAll()
                state.latest = nil
            }
            return (state.binding, state.ready + [state.latest].compactMap { $0 }, Array(state.waiters.values))
        }
        for waiter in waiters { waiter.resume(throwing: CancellationError()) }
        for link in links { await link.close() }
        if let channel = try? await binding?.value { try? await channel.close() }
    }

    // MARK: Accepting

    private func bind() async throws -> any Channel {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 16)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture { try self.configure(channel) }
            }
            .bind(host: host, port: port).get()
        logger.info("onebot listening for the QQ client", metadata: ["address": "\(host):\(channel.localAddress?.port ?? port)",
                                                                      "access_token": "\(token == nil ? "none" : "required")"])
        return channel
    }

    private func configure(_ channel: any Channel) throws {
        let upgrader = NIOWebSocketServerUpgrader(
            maxFrameSize: OneBotWebSocket.maximumMessageSize,
            automaticErrorHandling: true,
            shouldUpgrade: { channel, _ in channel.eventLoop.makeSucceededFuture(HTTPHeaders()) },
            upgradePipelineHandler: { [self] channel, head in
                channel.eventLoop.makeCompletedFuture { try self.upgraded(channel, head) }
            })
        try channel.pipeline.syncOperations.configureHTTPServerPipeline(
            withServerUpgrade: (upgraders: [upgrader], completionHandler: { context in
                // From here on only WebSocket frames flow: the HTTP fallback must go.
                context.pipeline.removeHandler(name: NotWebSocketResponder.name, promise: nil)
            }))
        try channel.pipeline.syncOperations.addHandler(NotWebSocketResponder(), name: NotWebSocketResponder.name)
    }

    /// The WebSocket is up: check the token and the role, then hand the link over. A refusal
    /// is a close frame with 1008 (policy violation), as the deployment's clients expect.
    private func upgraded(_ channel: any Channel, _ head: HTTPRequestHead) throws {
        let remote = channel.remoteAddress?.ipAddress ?? "?"
        if let token, !token.accepts(head) {
            logger.warning("onebot client refused: access token mismatch", metadata: ["remote": "\(remote)"])
            try OneBotWebSocket.refuse(channel, code: .policyViolation, reason: "access token mismatch")
            return
        }
        // Universal carries events and actions on one socket. The split API/Event pair is not
        // supported: it needs two sockets paired into one link, and every current client
        // (NapCat, Lagrange, LLOneBot) offers Universal.
        let role = head.headers.first(name: "X-Client-Role") ?? "Universal"
        guard role.lowercased() == "universal" else {
            logger.warning("onebot client refused: only Universal clients are supported", metadata: ["role": "\(role)"])
            try OneBotWebSocket.refuse(channel, code: .policyViolation, reason: "use a Universal client")
            return
        }
        let link = makeLink(channel, head.headers.first(name: "X-Self-ID"))
        try OneBotWebSocket.addHandlers(to: channel, link: link)
        logger.info("onebot client connected", metadata: ["remote": "\(remote)", "self": "\(link.selfID)"])
        accept(link)
    }

    private func accept(_ link: OneBotLink) {
        guard !state.withLock({ $0.shutDown }) else {
            Task { await link.close() }
            return
        }
        let (waiter, superseded) = state.withLock { state in
            let superseded = state.ready + [state.latest].compactMap { $0 }
            state.ready.removeAll()
            state.latest = link
            if let id = state.waiters.keys.min(), let waiter = state.waiters.removeValue(forKey: id) {
                return (waiter as CheckedContinuation<OneBotLink, any Error>?, superseded)
            }
            state.ready.append(link)
            return (nil, superseded)
        }
        for old in superseded where old !== link {
            Task { await old.close() }
        }
        waiter?.resume(returning: link)
    }
}

/// Answers a plain HTTP request (a browser, a health check) with 426: this port speaks only
/// WebSocket.
private final class NotWebSocketResponder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    static let name = "onebot-not-websocket"

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let request) = unwrapInboundIn(data) else { return }
        let body = "This is a OneBot v11 reverse WebSocket endpoint.\n"
        var headers = HTTPHeaders([("Content-Type", "text/plain; charset=utf-8"), ("Connection", "close"),
                                   ("Content-Length", "\(body.utf8.count)")])
        headers.add(name: "Upgrade", value: "websocket")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: .upgradeRequired,
                                                             headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
