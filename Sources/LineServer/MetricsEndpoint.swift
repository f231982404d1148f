import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus
import ServiceLifecycle

/// Serves the Prometheus text format at `GET /metrics` (connections, lines, turns, tickets).
///
/// Bounded like the resident port: at most ``maximumConnections`` at once, each closed after
/// ``requestTimeout``. A QA session held hundreds of half-sent requests open until the process
/// ran out of file descriptors and crashed, and one such connection kept shutdown from ending.
public struct MetricsEndpoint: Service {
    static let maximumConnections = 16
    static let requestTimeout: TimeAmount = .seconds(5)

    private let host: String
    private let port: Int
    private let registry: PrometheusCollectorRegistry
    private let logger: Logger

    /// An endpoint for `registry` on `host:port`.
    public init(host: String, port: Int, registry: PrometheusCollectorRegistry, logger: Logger) {
        self.host = host
        self.port = port
        self.registry = registry
        self.logger = logger
    }

    public func run() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>.accepted(channel)
                }
            }
        logger.info("metrics at /metrics", metadata: ["port": "\(server.channel.localAddress?.port ?? port)"])
        try await withGracefulShutdownHandler {
            let active = NIOLockedValueBox(0)
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        let admitted = active.withLockedValue { count in
                            guard count < Self.maximumConnections else { return false }
                            count += 1
                            return true
                        }
                        guard admitted else {
                            group.addTask { try? await connection.executeThenClose { _, _ in } }
                            continue
                        }
                        group.addTask {
                            await respond(connection)
                            active.withLockedValue { $0 -= 1 }
                        }
                    }
                }
            }
        } onGracefulShutdown: {
            server.channel.close(promise: nil)
        }
        logger.info("metrics endpoint stopped")
    }

    private func respond(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        let channel = connection.channel
        let timeout = channel.eventLoop.scheduleTask(in: Self.requestTimeout) { channel.close(promise: nil) }
        defer { timeout.cancel() }
        try? await connection.executeThenClose { inbound, outbound in
            for try await part in inbound {
                guard case .head(let request) = part else { continue }
                let found = request.method == .GET && request.uri.hasPrefix("/metrics")
                let body = found ? registry.emitToBuffer() : Array("not found\n".utf8)
                var headers = HTTPHeaders()
                headers.add(name: "Content-Type", value: found ? "text/plain; version=0.0.4" : "text/plain")
                headers.add(name: "Content-Length", value: "\(body.count)")
                headers.add(name: "Connection", value: "close")
                try await outbound.write(.head(HTTPResponseHead(version: request.version, status: found ? .ok : .notFound,
                                                                headers: headers)))
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
                try await outbound.write(.end(nil))
                return
            }
        }
    }
}
