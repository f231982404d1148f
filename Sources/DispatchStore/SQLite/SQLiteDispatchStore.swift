import Foundation
import GRDB

/// The dispatch store on SQLite: an on-disk file for the service, or memory for tests.
///
/// On disk it uses a WAL database pool: readers (the staff CLI, another process) read a
/// committed snapshot and never block the writer; every write transaction is
/// `BEGIN IMMEDIATE` with `synchronous=FULL`, so an acknowledged write survives a crash.
/// Concurrent writes share commits (see ``Options/maximumBatchSize``).
public final class SQLiteDispatchStore: DispatchStore {
    /// Tuning that callers rarely change.
    public struct Options: Sendable {
        /// How many concurrent writes may share one transaction (1 gives one commit per write),
        /// and how many concurrent reads one read transaction.
        public var maximumBatchSize: Int
        /// How long a writer waits for another process's write lock before failing.
        public var busyTimeout: TimeInterval

        /// Creates options; the defaults suit the service.
        public init(maximumBatchSize: Int = 512, busyTimeout: TimeInterval = 10) {
            self.maximumBatchSize = maximumBatchSize
            self.busyTimeout = busyTimeout
        }
    }

    /// The open database and the committer writing to it. Replaced only when a file opened
    /// read-only (SQLite falls back to that when it cannot write) may have become writable.
    private let connection: Locked<Connection>
    /// The file, for reopening; nil in memory.
    private let path: String?
    private let options: Options
    /// Transcript sequences already known, so appends need no lookup (forgotten on rollback).
    let sequences = TranscriptSequences()

    private struct Connection {
        let database: any DatabaseWriter
        let committer: GroupCommitter
        let reader: GroupReader
        /// Keeps checkpoints out of the commits; nil in memory.
        var checkpointer: BackgroundCheckpointer?
        /// When this connection was opened, so that a read-only disk is retried at most every few seconds.
        var opened = ContinuousClock.now
        /// Closed to be reopened, but the file could not be opened yet: the next write tries again.
        var isClosed = false
    }

    /// Opens (creating and migrating if needed) the store in a file.
    public init(path: String, options: Options = Options()) throws {
        self.path = path
        self.options = options
        connection = Locked(try Self.connect(path: path, options: options, sequences: sequences))
    }

    /// Creates an empty store in memory, gone when the store is released: for tests and benchmarks.
    public static func inMemory(options: Options = Options()) throws -> SQLiteDispatchStore {
        try SQLiteDispatchStore(memoryWith: options)
    }

    private init(memoryWith options: Options) throws {
        path = nil
        self.options = options
        let queue = try Self.storageErrors { try DatabaseQueue(configuration: Self.configuration(options)) }
        connection = Locked(try Self.connect(queue, options: options, sequences: sequences))
    }

    private static func openPool(path: String, options: Options) throws -> DatabasePool {
        var configuration = configuration(options)
        configuration.journalMode = .wal
        let pool = try storageErrors { try DatabasePool(path: path, configuration: configuration) }
        try storageErrors {
            try pool.writeWithoutTransaction { db in
                // After the pool is open: GRDB sets synchronous=NORMAL when it switches to WAL,
                // and NORMAL may lose the last commits on power loss. Acknowledged tickets must not.
                try db.execute(sql: "PRAGMA synchronous = FULL")
                // The writer's own checkpoint at ~40 MB of WAL (every 4 MB by default: a checkpoint
                // copies each page once however often it changed, so fewer write much less). The
                // background checkpointer has copied all but the last second's pages by then, so
                // this one is short; it also lets the WAL start over from its beginning, which a
                // checkpoint beside a busy writer never does.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
            }
        }
        return pool
    }

    private static func connect(path: String, options: Options, sequences: TranscriptSequences) throws -> Connection {
        var connection = try connect(try openPool(path: path, options: options), options: options, sequences: sequences)
        connection.checkpointer = try storageErrors {
            try BackgroundCheckpointer(path: path, configuration: configuration(options))
        }
        return connection
    }

    private static func connect(_ database: any DatabaseWriter, options: Options, sequences: TranscriptSequences) throws
        -> Connection {
        try storageErrors { try SQLiteSchema.migrator.migrate(database) }
        let committer = GroupCommitter(writer: database, maximumBatchSize: options.maximumBatchSize,
                                       afterRollback: { sequences.forgetAll() })
        let reader = GroupReader(reader: database, maximumBatchSize: options.maximumBatchSize)
        return Connection(database: database, committer: committer, reader: reader)
    }

    private static func configuration(_ options: Options) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(options.busyTimeout)
        configuration.label = "minhu.dispatch"
        return configuration
    }

    /// SQLite's own consistency check: `["ok"]` for a sound database, otherwise the problems found.
    public func integrityCheck() async throws -> [String] {
        try await read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// The `synchronous` setting of the writing connection (2 is FULL), for diagnostics.
    public func synchronousLevel() async throws -> Int {
        try await write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    // MARK: Access helpers

    /// Reads from a committed snapshot.
    ///
    /// - Parameter batched: For the small reads of one conversation that every turn makes: they
    ///   share read transactions with concurrent ones. Listings (staff queries, the update poll)
    ///   read on their own, so that a long one never holds up residents' turns.
    func read<T: Sendable>(batched: Bool = false, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let (database, reader) = connection.withLock { ($0.database, $0.reader) }
        return try await Self.storageErrors {
            batched ? try await reader.read(body) : try await database.read(body)
        }
    }

    /// Writes through the group committer; returns after the durable commit.
    ///
    /// A read-only database (a disk remounted read-only, a file without write permission) fails
    /// the write, and the next write after a few seconds reopens the file: once the disk is
    /// writable again, the service goes on without a restart.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if connection.withLock({ $0.isClosed }) { reopen() }
        let committer = connection.withLock { $0.committer }
        return try await Self.storageErrors {
            do {
                return try await committer.write(body)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
                reopen()
                throw error
            }
        }
    }

    /// Closes the file: the write-ahead log is copied into the database and emptied first, as
    /// GRDB closes the pool's writer before its read-only readers, and none of them can then
    /// fold the log in (a QA session found 150 KB of it left after every SIGTERM).
    public func close() async {
        connection.withLock { current in
            current.checkpointer?.close()
            _ = try? current.database.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try? current.database.close()
            current.isClosed = true
        }
    }

    /// Opens the file again, at most every few seconds.
    private func reopen() {
        guard let path else { return }
        connection.withLock { current in
            guard ContinuousClock.now - current.opened > .seconds(3) else { return }
            // Close the read-only connections first: SQLite shares one read-only mapping of the
            // WAL index among all connections of a process to a file, so a new pool opened
            // beside them would be read-only too. Writes in flight fail as they would anyway.
            current.checkpointer?.close()
            try? current.database.close()
            sequences.forgetAll()
            if let reopened = try? Self.connect(path: path, options: options, sequences: sequences) {
                current = reopened
            } else {
                current.opened = .now
                current.isClosed = true
            }
        }
    }

    /// Lets the module's own errors through and turns the engine's into ``DispatchStoreError/storage(_:)``.
    static func storageErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DispatchStoreError {
            throw error
        } catch let error as DatabaseError {
            throw DispatchStoreError.storage("\(error.resultCode): \(error.message ?? "")")
        } catch {
            throw DispatchStoreError.storage(String(describing: error))
        }
    }

    /// The synchronous twin of ``storageErrors(_:)-async``, for opening.
    static func storageErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DispatchStoreError {
            throw error
        } catch let error as DatabaseError {
            throw DispatchStoreError.storage("\(error.resultCode): \(error.message ?? "")")
        } catch {
            throw DispatchStoreError.storage(String(describing: error))
        }
    }

    /// The current time as storage will give it back (whole REAL seconds since 1970).
    static func now() -> Date { storedTime(Date()) }

    /// A time as storage will give it back, so that what a write returns equals what a read finds.
    static func storedTime(_ date: Date) -> Date { StoreSQL.storedTime(date) }

    /// The next id of a table whose rows are never deleted; only called under the write lock.
    static func nextID(in table: String, _ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM \(table)")) ?? 1
    }
}
