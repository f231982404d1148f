import Dialogue
import DispatchStore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The resident line server: telnet, nc and PuTTY clients talk to the bot, one line at a time.
///
/// A `Service`: run it in a `ServiceGroup`; on SIGTERM/SIGINT it stops accepting, lets the
/// turns in flight finish, says goodbye and returns.
public final class ResidentServer: Service, Sendable {
    private let configuration: ResidentServerConfiguration
    private let engine: ConversationEngine
    private let store: any DispatchStore
    private let logger: Logger
    private let limiter: ConnectionLimiter
    private let registry = ConnectionRegistry()
    private let metrics = LineMetrics()
    /// The port once bound, and who waits for it.
    private let binding = Mutex<(port: Int?, waiting: [CheckedContinuation<Int, any Error>])>((nil, []))

    /// Creates a server; nothing listens until ``run()``.
    public init(configuration: ResidentServerConfiguration, engine: ConversationEngine, store: any DispatchStore,
                logger: Logger = Logger(label: "minhu.line")) {
        self.configuration = configuration
        self.engine = engine
        self.store = store
        self.logger = logger
        limiter = ConnectionLimiter(perAddress: configuration.maximumConnectionsPerAddress,
                                    total: configuration.maximumConnections)
    }

    /// The port once listening (useful with port 0).
    public func listeningPort() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready = binding.withLock { binding -> Int? in
                if let port = binding.port { return port }
                binding.waiting.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Listens and serves until graceful shutdown (or cancellation).
    public func run() async throws {
        let configuration = self.configuration
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            // What the server holds for a client that never reads: 64 KiB in NIO, then the write
            // timeout closes it; and a fixed kernel send buffer (Linux doubles it to 64 KiB), as
            // the autotuned one grows to megabytes per connection. Chat replies are small.
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 16 * 1024, high: 64 * 1024))
            .childChannelOption(.socketOption(.so_sndbuf), value: 32 * 1024)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(LingeringClose())
                    try pipeline.addHandler(TelnetHandler())
                    try pipeline.addHandler(ByteToMessageHandler(LineFrameDecoder(maximumLength: configuration.maximumLineLength)))
                    // After the framing: only a whole line is activity. A byte now and then (or a
                    // telnet NOP) kept a connection open for ever (QA).
                    try pipeline.addHandler(IdleStateHandler(readTimeout: configuration.idleTimeout))
                    try pipeline.addHandler(IdleCloser())
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>.accepted(
                        channel, configuration: .init(backPressureStrategy: .init(lowWatermark: 2, highWatermark: 8)))
                }
            }
        let port = server.channel.localAddress?.port ?? configuration.port
        let waiting = binding.withLock { binding in
            binding.port = port
            defer { binding.waiting = [] }
            return binding.waiting
        }
        waiting.forEach { $0.resume(returning: port) }
        logger.info("listening", metadata: ["host": "\(configuration.host)", "port": "\(port)"])

        let watcher = TicketUpdateWatcher(store: store, engine: engine, registry: registry,
                                          interval: configuration.updateInterval, logger: logger)
        try await withGracefulShutdownHandler {
            // Stopped once the last connection has said goodbye.
            let updates = Task { await watcher.run() }
            defer { updates.cancel() }
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        group.addTask { await self.serve(connection) }
                    }
                }
            }
        } onGracefulShutdown: {
            self.logger.info("shutting down: closing the listener, finishing turns in flight")
            self.registry.beginShutdown()
            server.channel.close(promise: nil)
            // Ending each connection's input lets its current turn finish before it says goodbye.
            for channel in self.registry.openChannels { channel.close(mode: .input, promise: nil) }
        }
        logger.info("stopped")
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        let remote = connection.channel.remoteAddress
        let address = remote?.ipAddress ?? "unknown"
        switch limiter.admit(address) {
        case .admitted:
            defer { limiter.release(address) }
            // Each connection is its own conversation, named by a random session code: two
            // residents behind one address never share a dialogue or see each other's tickets,
            // and a resident who comes back with the code (on any node, from any address)
            // continues it. The room stays empty, as the address may change on the way back.
            let code = SessionCode.random()
            let key = ConversationKey(channel: "line", room: "", user: SessionCode.conversationUser(for: code))
            await ResidentConnection(channel: connection, engine: engine, configuration: configuration,
                                     registry: registry, logger: logger, metrics: metrics, key: key,
                                     sessionCode: code).run()
        case .tooManyFromAddress:
            metrics.refused.increment()
            logger.notice("connection refused: too many from one address", metadata: ["address": "\(address)"])
            await refuse(connection, ServerMessages.tooManyFromAddress)
        case .serverFull:
            metrics.refused.increment()
            logger.warning("connection refused: server full", metadata: ["limit": "\(configuration.maximumConnections)"])
            await refuse(connection, ServerMessages.serverFull)
        }
    }

    private func refuse(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, _ message: String) async {
        try? await connection.executeThenClose { _, outbound in
            try await outbound.write(connection.channel.allocator.buffer(string: message + "\r\n"))
        }
    }
}
