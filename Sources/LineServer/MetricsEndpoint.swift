import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus
import ServiceLifecycle

/// Serves the Prometheus text format at `GET /metrics` (connections, lines, turns, tickets).
public struct MetricsEndpoint: Service {
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
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: channel)
                }
            }
        logger.info("metrics at /metrics", metadata: ["port": "\(server.channel.localAddress?.port ?? port)"])
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        group.addTask { await respond(connection) }
                    }
                }
            }
        } onGracefulShutdown: {
            server.channel.close(promise: nil)
        }
    }

    private func respond(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
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
