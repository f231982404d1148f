import DispatchStore
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// The dispatch store on PostgreSQL, for several `minhu serve` nodes sharing one database.
///
/// Every write is one transaction that returns after `COMMIT` (with the server's default
/// `synchronous_commit = on`, after the WAL is flushed), so an acknowledged ticket survives a
/// crash of the node or of the server. Workflow steps lock the ticket row (`SELECT … FOR
/// UPDATE`), which makes the state check and the update a compare-and-set across nodes: of
/// 50 volunteers claiming at once, wherever they are connected, one wins. Serialization and
/// deadlock failures (SQLSTATE 40001, 40P01) are retried.
///
/// The store connects lazily: the first operation connects and runs the migrations, so
/// opening never blocks, and a server that is down surfaces as the first operation's error.
///
/// ```swift
/// let store = try PostgresDispatchStore(url: "postgres://minhu:secret@db:5432/minhu")
/// let ticket = try await store.createTicket(draft)
/// await store.close()
/// ```
public final class PostgresDispatchStore: DispatchStore {
    /// Where the store lives; its description masks the password.
    public let configuration: PostgresStoreConfiguration
    let client: PostgresClient
    let logger: Logger
    private let runTask: Task<Void, Never>
    private let preparation = Mutex<Task<Bool, any Error>?>(nil)

    /// Opens a store at a `postgres://` URL (see ``PostgresStoreConfiguration``).
    public convenience init(url: String, logger: Logger = Logger(label: "minhu.postgres")) throws {
        try self.init(configuration: PostgresStoreConfiguration(url: url), logger: logger)
    }

    /// Opens a store; nothing is sent to the server until the first operation.
    public init(configuration: PostgresStoreConfiguration, logger: Logger = Logger(label: "minhu.postgres")) {
        self.configuration = configuration
        self.logger = logger
        let client = PostgresClient(configuration: configuration.clientConfiguration, backgroundLogger: logger)
        self.client = client
        runTask = Task { await client.run() }
    }

    deinit {
        runTask.cancel()
    }

    /// Closes the store's connections; later operations fail.
    public func close() async {
        runTask.cancel()
        await runTask.value
    }

    /// The channel LISTEN/NOTIFY carries ticket changes on; one per schema, so stores in
    /// different schemas of one database (tests, benchmarks) do not hear each other.
    var updateChannel: String {
        configuration.schema.map { "\($0)_ticket_updates" } ?? "ticket_updates"
    }

    /// Connects and migrates once; returns whether the server has `pg_notify`.
    ///
    /// A failed preparation is forgotten, so the next operation tries again: a node that
    /// started while the database was restarting recovers by itself.
    @discardableResult
    func prepared() async throws -> Bool {
        let task = preparation.withLock { task in
            if let task { return task }
            let new = Task { [client, configuration, logger, updateChannel] in
                let probe = try await PostgresConnection.connect(
                    configuration: try configuration.connectionConfiguration(), id: 0, logger: logger)
                try? await probe.close()
                try await PostgresMigrator(client: client, schema: configuration.schema, logger: logger).migrate()
                return await Self.supportsNotifications(client, channel: updateChannel, logger: logger)
            }
            task = new
            return new
        }
        do {
            return try await task.value
        } catch {
            preparation.withLock { if $0 == task { $0 = nil } }
            throw DispatchStoreError.storage(PostgresErrors.describe(error, at: configuration))
        }
    }

    private static func supportsNotifications(_ client: PostgresClient, channel: String, logger: Logger) async -> Bool {
        do {
            try await client.query("SELECT pg_notify(\(channel), '')", logger: logger)
            return true
        } catch {
            // CockroachDB and YugabyteDB have no LISTEN/NOTIFY: the update feed polls there.
            logger.notice("no pg_notify on this server; ticket updates are polled", metadata: ["error": "\(PostgresErrors.describe(error))"])
            return false
        }
    }

    // MARK: Access helpers

    /// Runs one statement (its own transaction) and collects its rows.
    @discardableResult
    func query(_ query: PostgresQuery, retryingUniqueViolationOf constraint: String? = nil) async throws -> [PostgresRow] {
        try await prepared()
        return try await storageErrors {
            try await PostgresErrors.retrying(logger: logger, uniqueConstraint: constraint) { [client, logger] in
                try await client.query(query, logger: logger).collect()
            }
        }
    }

    /// Runs `body` in a transaction on one connection and returns after `COMMIT`; a
    /// serialization or deadlock failure runs it again from the start, so it must touch
    /// nothing but the database.
    func transaction<T: Sendable>(
        retryingUniqueViolationOf constraint: String? = nil,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await prepared()
        return try await storageErrors {
            try await PostgresErrors.retrying(logger: logger, uniqueConstraint: constraint) { [client, logger] in
                try await client.withConnection { connection in
                    try await connection.query("BEGIN", logger: logger)
                    do {
                        let value = try await body(connection)
                        try await connection.query("COMMIT", logger: logger)
                        return value
                    } catch {
                        // A broken connection cannot roll back, and the server discards its
                        // open transaction anyway.
                        _ = try? await connection.query("ROLLBACK", logger: logger)
                        throw error
                    }
                }
            }
        }
    }

    /// Lets the module's own errors through and turns the driver's into ``DispatchStoreError/storage(_:)``.
    func storageErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DispatchStoreError {
            throw error
        } catch {
            throw DispatchStoreError.storage(PostgresErrors.describe(error, at: configuration))
        }
    }

    /// The current time as storage will give it back.
    static func now() -> Date { StoreSQL.storedTime(Date()) }
}

extension PostgresDispatchStore {
    /// Drops the store's own schema with everything in it: for tests and benchmarks, which
    /// give each run a schema of its own. Refuses for a store in the server's default schema.
    public func dropSchema() async throws {
        guard let schema = configuration.schema else {
            throw DispatchStoreError.invalidArgument("the store has no schema of its own to drop")
        }
        _ = try await storageErrors {
            try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"), logger: logger)
        }
    }
}

extension PostgresDispatchStore {
    /// The server's `synchronous_commit` for the store's connections: `on` (the default) means a
    /// COMMIT returns only after the WAL is flushed, which is what makes an acknowledgement durable.
    public func synchronousCommit() async throws -> String {
        try await query("SHOW synchronous_commit").first?.decode(String.self) ?? ""
    }
}
