import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import Synchronization
@testable import Gateways

/// What the fake QQ client sees on its socket.
enum OneBotPeerFrame: Equatable {
    case text(String)
    case close(code: Int)
    case pong
    /// The TCP connection is gone.
    case closed
}

/// A queue with a timed wait, for one reader: frames, messages, accepted connections.
final class OneBotTestQueue<Element: Sendable>: Sendable {
    private struct State {
        var items: [Element] = []
        var waiter: (id: Int, continuation: CheckedContinuation<Element?, Never>)?
        var nextID = 0
    }

    private let state = Mutex(State())

    func push(_ item: Element) {
        let waiter = state.withLock { state -> CheckedContinuation<Element?, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter.continuation
            }
            state.items.append(item)
            return nil
        }
        waiter?.resume(returning: item)
    }

    /// The next element, or nil if none comes within `timeout`.
    func next(timeout: Duration = .seconds(60)) async -> Element? {
        await withCheckedContinuation { continuation in
            let waiting = state.withLock { state -> (item: Element?, id: Int) in
                if !state.items.isEmpty { return (state.items.removeFirst(), 0) }
                state.nextID += 1
                state.waiter = (state.nextID, continuation)
                return (nil, state.nextID)
            }
            if let item = waiting.item {
                continuation.resume(returning: item)
                return
            }
            Task {
                try? await Task.sleep(for: timeout)
                // Only this wait's own timer may end it, not one left over from an earlier wait.
                let expired = state.withLock { state -> CheckedContinuation<Element?, Never>? in
                    guard let waiter = state.waiter, waiter.id == waiting.id else { return nil }
                    state.waiter = nil
                    return waiter.continuation
                }
                expired?.resume(returning: nil)
            }
        }
    }
}

/// The QQ side of a OneBot v11 connection, for tests: a real WebSocket over a real socket,
/// speaking the spec's JSON. In reverse mode it connects to the adapter like NapCat would; in
/// forward mode (`FakeOneBotServer`) it is the connection the adapter opened.
final class FakeOneBotPeer: Sendable {
    let channel: any Channel
    let frames = OneBotTestQueue<OneBotPeerFrame>()
    private let isClient: Bool

    private init(channel: any Channel, isClient: Bool) {
        self.channel = channel
        self.isClient = isClient
    }

    struct Refused: Error { let status: Int }

    /// Connects to a reverse-WebSocket listener as a Universal client.
    static func connect(port: Int, path: String = "/onebot/v11/ws", selfID: String? = "10001000",
                        token: String? = nil, role: String = "Universal") async throws -> FakeOneBotPeer {
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let upgraded = eventLoop.makePromise(of: FakeOneBotPeer.self)
        var headers = HTTPHeaders([("Host", "127.0.0.1:\(port)"), ("X-Client-Role", role)])
        if let selfID { headers.add(name: "X-Self-ID", value: selfID) }
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        let requestHeaders = headers
        _ = try await ClientBootstrap(group: eventLoop).channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                let upgrader = NIOWebSocketClientUpgrader(maxFrameSize: 1 << 22) { channel, _ in
                    channel.eventLoop.makeCompletedFuture {
                        let peer = FakeOneBotPeer(channel: channel, isClient: true)
                        try channel.pipeline.syncOperations.addHandler(PeerFrameHandler(peer: peer))
                        upgraded.succeed(peer)
                    }
                }
                let requester = PeerUpgradeRequester(path: path, headers: requestHeaders, upgraded: upgraded)
                try channel.pipeline.syncOperations.addHTTPClientHandlers(
                    leftOverBytesStrategy: .forwardBytes,
                    withClientUpgrade: (upgraders: [upgrader], completionHandler: { context in
                        context.pipeline.removeHandler(name: "requester", promise: nil)
                    }))
                try channel.pipeline.syncOperations.addHandler(requester, name: "requester")
            }
        }.connect(host: "127.0.0.1", port: port).get()
        return try await upgraded.futureResult.get()
    }

    // MARK: Writing

    /// Sends one text frame.
    func send(_ text: String) async throws {
        try await channel.writeAndFlush(frame(.text, channel.allocator.buffer(string: text))).get()
    }

    /// Sends a JSON object.
    func send(json object: [String: Any]) async throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        try await send(String(decoding: data, as: UTF8.self))
    }

    /// Sends a text message split over several frames (a first frame and continuations).
    func sendFragmented(_ text: String, pieces: Int) async throws {
        let bytes = Array(text.utf8)
        let size = (bytes.count + pieces - 1) / pieces
        let chunks = stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
        for (index, chunk) in chunks.enumerated() {
            let opcode: WebSocketOpcode = index == 0 ? .text : .continuation
            let last = index == chunks.count - 1
            let frame = WebSocketFrame(fin: last, opcode: opcode, maskKey: isClient ? .random() : nil,
                                       data: channel.allocator.buffer(bytes: chunk))
            try await channel.writeAndFlush(frame).get()
        }
    }

    /// Sends a ping.
    func ping() async throws {
        try await channel.writeAndFlush(frame(.ping, channel.allocator.buffer(string: "are you there"))).get()
    }

    /// Answers an action with the spec's response shape.
    func respond(to action: [String: Any], status: String = "ok", retcode: Int = 0, data: [String: Any]? = nil,
                 wording: String? = nil) async throws {
        var response: [String: Any] = ["status": status, "retcode": retcode, "data": data ?? NSNull(),
                                       "echo": action["echo"] ?? NSNull()]
        if let wording { response["wording"] = wording }
        try await send(json: response)
    }

    /// Closes the WebSocket the polite way.
    func close(code: WebSocketErrorCode = .normalClosure) async {
        var data = channel.allocator.buffer(capacity: 2)
        data.write(webSocketErrorCode: code)
        try? await channel.writeAndFlush(frame(.connectionClose, data)).get()
        try? await channel.close()
    }

    private func frame(_ opcode: WebSocketOpcode, _ data: ByteBuffer) -> WebSocketFrame {
        WebSocketFrame(fin: true, opcode: opcode, maskKey: isClient ? .random() : nil, data: data)
    }

    // MARK: Reading

    /// The next action the bot sent, as JSON, skipping pings and pongs.
    func nextAction(timeout: Duration = .seconds(60)) async -> [String: Any]? {
        while let frame = await frames.next(timeout: timeout) {
            guard case .text(let text) = frame else {
                if frame == .pong { continue }
                return nil
            }
            return try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        }
        return nil
    }

    /// Waits for the bot to close: the close code it sent, or nil if it only dropped the socket.
    func closeCode(timeout: Duration = .seconds(60)) async -> Int? {
        while let frame = await frames.next(timeout: timeout) {
            switch frame {
            case .close(let code): return code
            case .closed: return nil
            default: continue
            }
        }
        return nil
    }

    fileprivate func didRead(_ frame: WebSocketFrame, context: ChannelHandlerContext) {
        switch frame.opcode {
        case .text:
            frames.push(.text(String(buffer: frame.unmaskedData)))
        case .connectionClose:
            var data = frame.unmaskedData
            let code = data.readInteger(as: UInt16.self).map(Int.init) ?? 1005
            frames.push(.close(code: code))
            // Answer like a real client, then hang up.
            var reply = context.channel.allocator.buffer(capacity: 2)
            reply.writeInteger(UInt16(code))
            let channel = context.channel
            context.writeAndFlush(NIOAny(self.frame(.connectionClose, reply))).whenComplete { _ in channel.close(promise: nil) }
        case .ping:
            context.writeAndFlush(NIOAny(self.frame(.pong, frame.unmaskedData)), promise: nil)
        case .pong:
            frames.push(.pong)
        default:
            break
        }
    }

    // MARK: Forward mode

    fileprivate static func accepted(channel: any Channel) -> FakeOneBotPeer {
        FakeOneBotPeer(channel: channel, isClient: false)
    }
}

private final class PeerFrameHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    let peer: FakeOneBotPeer

    init(peer: FakeOneBotPeer) { self.peer = peer }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        peer.didRead(unwrapInboundIn(data), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer.frames.push(.closed)
    }
}

private final class PeerUpgradeRequester: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart
    let path: String
    let headers: HTTPHeaders
    let upgraded: EventLoopPromise<FakeOneBotPeer>

    init(path: String, headers: HTTPHeaders, upgraded: EventLoopPromise<FakeOneBotPeer>) {
        self.path = path
        self.headers = headers
        self.upgraded = upgraded
    }

    func channelActive(context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers))),
                      promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let response) = unwrapInboundIn(data) {
            upgraded.fail(FakeOneBotPeer.Refused(status: Int(response.status.code)))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        upgraded.fail(FakeOneBotPeer.Refused(status: 0))
    }
}

/// A OneBot client's forward WebSocket server (NapCat's `ws` server), for forward mode:
/// checks the bearer token like the spec says (401 without one, 403 for a wrong one) and
/// hands each upgraded connection to the test.
final class FakeOneBotServer: Sendable {
    let channel: any Channel
    let connections = OneBotTestQueue<FakeOneBotPeer>()
    /// The `Authorization` header of each upgrade request.
    let authorizations = OneBotTestQueue<String>()

    var port: Int { channel.localAddress?.port ?? 0 }

    private init(channel: any Channel) { self.channel = channel }

    static func start(token: String?) async throws -> FakeOneBotServer {
        let box = Mutex<FakeOneBotServer?>(nil)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let upgrader = NIOWebSocketServerUpgrader(maxFrameSize: 1 << 22, shouldUpgrade: { channel, head in
                        let offered = head.headers.first(name: "Authorization") ?? ""
                        box.withLock { $0 }?.authorizations.push(offered)
                        let ok = token == nil || offered == "Bearer \(token!)"
                        return channel.eventLoop.makeSucceededFuture(ok ? HTTPHeaders() : nil)
                    }, upgradePipelineHandler: { channel, _ in
                        channel.eventLoop.makeCompletedFuture {
                            let peer = FakeOneBotPeer.accepted(channel: channel)
                            try channel.pipeline.syncOperations.addHandler(PeerFrameHandler(peer: peer))
                            box.withLock { $0 }?.connections.push(peer)
                        }
                    })
                    let refuser = Unauthorized()
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withServerUpgrade: (upgraders: [upgrader], completionHandler: { context in
                            context.pipeline.removeHandler(name: "refuser", promise: nil)
                        }))
                    try channel.pipeline.syncOperations.addHandler(refuser, name: "refuser")
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = FakeOneBotServer(channel: channel)
        box.withLock { $0 = server }
        return server
    }

    func stop() async {
        try? await channel.close()
    }

    /// The upgrade was refused: no or a wrong token.
    private final class Unauthorized: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .head(let head) = unwrapInboundIn(data) else { return }
            let status: HTTPResponseStatus = head.headers.contains(name: "Authorization") ? .forbidden : .unauthorized
            let headers = HTTPHeaders([("Content-Length", "0"), ("Connection", "close")])
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
                          promise: nil)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
