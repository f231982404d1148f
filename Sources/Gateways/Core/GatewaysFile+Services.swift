import Dialogue
import DispatchStore
import Logging
import Understanding

extension GatewaysFile {
    /// One ``GatewayService`` per configured connection, sharing the engine and the store.
    /// - Throws: ``GatewayConfigurationError`` when a secret named in the file is not set.
    public func services(engine: ConversationEngine, interpreter: Interpreter, store: any DispatchStore,
                         secrets: SecretResolver = SecretResolver(), logger: Logger) throws -> [GatewayService] {
        var services: [GatewayService] = []
        for network in irc {
            var logger = logger
            logger[metadataKey: "irc"] = "\(network.host):\(network.port)"
            let adapter = try IRCAdapter(configuration: network, secrets: secrets, logger: logger)
            services.append(GatewayService(adapter: adapter, policy: RoomPolicy(rooms: network.rooms), engine: engine,
                                           interpreter: interpreter, store: store, logger: logger))
        }
        for connection in onebot {
            let adapter = try OneBotAdapter(configuration: connection, secrets: secrets, logger: logger)
            let policy = RoomPolicy(rooms: connection.rooms, answersDirectMessages: connection.answersDirectMessages)
            services.append(GatewayService(adapter: adapter, policy: policy, engine: engine, interpreter: interpreter,
                                           store: store, logger: logger))
        }
        return services
    }
}
