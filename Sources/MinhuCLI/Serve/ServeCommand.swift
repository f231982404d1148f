import ArgumentParser
import Dialogue
import Foundation
import Gateways
import LineServer
import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle
import Understanding

/// `minhu serve`: the resident line server, on SQLite or (for several nodes) PostgreSQL.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the service: residents connect with telnet or nc (port 7878).",
        discussion: """
            Then, in another terminal: nc localhost 7878 (or telnet localhost 7878).
            Every reply ends with the prompt "> ". /help lists what the bot can do, /quit leaves.
            SIGTERM or Ctrl-C stops accepting, finishes the turns in flight, says goodbye and
            closes the database cleanly.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var intents: IntentsOptions

    @Option(help: "Address to listen on.")
    var host = "0.0.0.0"

    @Option(help: "Port for residents' telnet/nc connections.")
    var port = 7878

    @Option(name: .customLong("gateways"), help: "A YAML file of chat gateways (IRC, OneBot v11) to bridge into the bot.")
    var gatewaysFile: String?

    @Option(name: .customLong("metrics-port"), help: "Serve Prometheus metrics at http://METRICS-HOST:PORT/metrics (off when omitted).")
    var metricsPort: Int?

    @Option(name: .customLong("metrics-host"), help: "Address for the metrics endpoint: this machine only, unless a scraper elsewhere needs it.")
    var metricsHost = "127.0.0.1"

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Option(name: .customLong("max-connections"), help: "Connections the server holds at once.")
    var maxConnections = 20_000

    @Option(name: .customLong("max-per-address"), help: "Connections one address may hold at once.")
    var maxPerAddress = 20

    @Option(name: .customLong("idle-timeout"), help: "Seconds without a whole line before a connection is closed.")
    var idleTimeout = 600.0

    @Option(name: .customLong("flood-burst"), help: "Lines a client may send at once before the steady rate applies.")
    var floodBurst = 20

    @Option(name: .customLong("flood-rate"), help: "Lines per second a client may send steadily.")
    var floodRate = 5.0

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = MaskingLogHandler(wrapping: StreamLogHandler.standardError(label: label))
            handler.logLevel = level
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "minhu")

        let connectionLimit = OpenFileLimit.connections(asked: maxConnections, logger: logger)
        let store = try database.openStore(creating: true)
        let interpreter = try intents.loadInterpreter()
        let engine = ConversationEngine(interpreter: interpreter, store: store)
        var configuration = ResidentServerConfiguration(host: host, port: port)
        configuration.maximumConnections = connectionLimit
        configuration.maximumConnectionsPerAddress = maxPerAddress
        configuration.idleTimeout = .milliseconds(Int64(max(idleTimeout, 1) * 1000))
        configuration.floodBurst = floodBurst
        configuration.floodRate = floodRate
        var services: [any Service] = [ResidentServer(configuration: configuration, engine: engine, store: store, logger: logger)]
        if let gatewaysFile {
            do {
                let file = try GatewaysFile.load(from: URL(fileURLWithPath: gatewaysFile))
                services += try file.services(engine: engine, interpreter: interpreter, store: store, logger: logger)
            } catch let error as GatewayConfigurationError {
                throw CLIError(error.description)
            }
        }
        if let metricsPort {
            services.append(MetricsEndpoint(host: metricsHost, port: metricsPort, registry: registry, logger: logger))
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // Whatever a client or a service does, a stop ends in time to close the database: a
        // supervisor would otherwise kill the process after its own timeout, mid-write.
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(15)
        let group = ServiceGroup(configuration: groupConfiguration)
        logger.info("minhu serving", metadata: ["db": "\(database.displayLocation)", "intents": "\(intents.directory)",
                                                "port": "\(port)"])
        do {
            try await group.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            await store.close()
            let ports = metricsPort.map { "port \(port) or metrics port \($0)" } ?? "port \(port)"
            throw CLIError("\(ports) is already in use (another minhu serve?): stop it, or pass --port N")
        } catch {
            await store.close()
            throw error
        }
        // Every service has stopped: nothing writes any more.
        await store.close()
        logger.info("database closed; goodbye")
    }
}
