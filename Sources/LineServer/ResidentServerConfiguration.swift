import NIOCore

/// Where the resident line server listens and the limits that keep one client from hurting
/// the others.
public struct ResidentServerConfiguration: Sendable {
    /// Address to bind (0.0.0.0 for every interface).
    public var host: String
    /// TCP port (7878 by default; 0 picks a free one, for tests).
    public var port: Int
    /// Longest line, in bytes, before the connection is closed.
    public var maximumLineLength = 4096
    /// Silence after which a connection is closed.
    public var idleTimeout: TimeAmount = .minutes(10)
    /// Connections one address may hold at once.
    public var maximumConnectionsPerAddress = 20
    /// Connections the server holds at once.
    public var maximumConnections = 20_000
    /// Lines a client may send at once before the steady rate applies.
    public var floodBurst = 20
    /// Lines per second a client may send steadily.
    public var floodRate = 5.0
    /// Lines dropped for flooding after which the connection is closed.
    public var floodDisconnectAfter = 100
    /// How long a reply may wait for a client that does not read before it is disconnected.
    public var writeTimeout: TimeAmount = .seconds(30)
    /// How often a polling store (SQLite) is checked for ticket changes to tell connected
    /// residents; PostgreSQL reports them as they commit.
    public var updateInterval: Duration = .seconds(1)

    /// A configuration with the default limits.
    public init(host: String = "0.0.0.0", port: Int = 7878) {
        self.host = host
        self.port = port
    }
}
