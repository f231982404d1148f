import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// Forward WebSocket (正向 WebSocket): we connect to the QQ client's WebSocket server and
/// upgrade, sending the access token as `Authorization: Bearer`.
enum OneBotConnector {
    /// Where to connect, read from a `ws://host[:port][/path][?query]` address.
    struct Endpoint: Equatable {
        var host: String
        var port: Int
        /// Path and query, as sent in the request line.
        var target: String

        init(_ url: String) throws {
            guard let components = URLComponents(string: url), components.scheme?.lowercased() == "ws",
                  let host = components.host, !host.isEmpty else { throw OneBotError.invalidURL(url) }
            self.host = host
            port = components.port ?? 80
            let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            target = components.percentEncodedQuery.map { path + "?" + $0 } ?? path
        }
    }

    /// Connects, upgrades, and returns the link once the WebSocket is up.
    /// - Throws: ``OneBotError/refused(status:)`` when the client answers the upgrade with an
    ///   HTTP error (a wrong token), or the connection error.
    static func connect(to endpoint: Endpoint, token: String?, group: any EventLoopGroup, timeout: TimeAmount,
                        makeLink: @escaping @Sendable (any Channel) -> OneBotLink) async throws -> OneBotLink {
        let eventLoop = group.next()
        let upgraded = eventLoop.makePromise(of: OneBotLink.self)
        let timer = eventLoop.scheduleTask(in: timeout) { upgraded.fail(ChannelError.connectTimeout(timeout)) }
        defer { timer.cancel() }
        do {
            _ = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try configure(channel, endpoint: endpoint, token: token, upgraded: upgraded, makeLink: makeLink)
                    }
                }
                .connect(host: endpoint.host, port: endpoint.port).get()
        } catch {
            upgraded.fail(error)
        }
        return try await upgraded.futureResult.get()
    }

    private static func configure(_ channel: any Channel, endpoint: Endpoint, token: String?,
                                  upgraded: EventLoopPromise<OneBotLink>,
                                  makeLink: @escaping @Sendable (any Channel) -> OneBotLink) throws {
        let upgrader = NIOWebSocketClientUpgrader(maxFrameSize: OneBotWebSocket.maximumMessageSize,
                                                  automaticErrorHandling: true) { channel, _ in
            channel.eventLoop.makeCompletedFuture {
                let link = makeLink(channel)
                try OneBotWebSocket.addHandlers(to: channel, link: link)
                upgraded.succeed(link)
            }
        }
        var headers = HTTPHeaders([("Host", endpoint.port == 80 ? endpoint.host : "\(endpoint.host):\(endpoint.port)")])
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        let requester = UpgradeRequester(target: endpoint.target, headers: headers, upgraded: upgraded)
        try channel.pipeline.syncOperations.addHTTPClientHandlers(
            // A frame may come in the same read as the 101 answer: keep it.
            leftOverBytesStrategy: .forwardBytes,
            withClientUpgrade: (upgraders: [upgrader], completionHandler: { context in
                context.pipeline.removeHandler(name: UpgradeRequester.name, promise: nil)
            }))
        try channel.pipeline.syncOperations.addHandler(requester, name: UpgradeRequester.name)
    }
}

/// Sends the upgrade request once connected, and turns a refusal (an HTTP answer other than
/// 101) or an early close into a failed connect.
private final class UpgradeRequester: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart
    static let name = "onebot-upgrade-requester"

    private let target: String
    private let headers: HTTPHeaders
    private let upgraded: EventLoopPromise<OneBotLink>

    init(target: String, headers: HTTPHeaders, upgraded: EventLoopPromise<OneBotLink>) {
        self.target = target
        self.headers = headers
        self.upgraded = upgraded
    }

    func channelActive(context: ChannelHandlerContext) {
        // The upgrade handler adds Upgrade, Connection and Sec-WebSocket-* to this head.
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: target, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let response) = unwrapInboundIn(data) {
            upgraded.fail(OneBotError.refused(status: Int(response.status.code)))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        upgraded.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        upgraded.fail(OneBotError.closedBeforeUpgrade)
        context.fireChannelInactive()
    }
}
