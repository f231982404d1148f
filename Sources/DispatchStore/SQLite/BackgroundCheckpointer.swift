import GRDB

/// Copies the write-ahead log into the database file every second, on a connection of its own.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold: with a WAL
/// of tens of megabytes that commit takes hundreds of milliseconds, and every resident whose
/// turn shares or follows it waits. A PASSIVE checkpoint on another connection takes no write
/// lock, so commits go on while it copies.
final class BackgroundCheckpointer: Sendable {
    private let connection: DatabaseQueue
    private let task: Task<Void, Never>

    /// Starts checkpointing the database file at `path`.
    init(path: String, configuration: Configuration, every interval: Duration = .seconds(1)) throws {
        let connection = try DatabaseQueue(path: path, configuration: configuration)
        self.connection = connection
        task = Task.detached(priority: .utility) {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                // A failure (the disk is full, a reader holds old pages) is retried next time;
                // the writer's own automatic checkpoint remains the backstop.
                _ = try? await connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            }
        }
    }

    /// Stops checkpointing and closes the connection.
    func close() {
        task.cancel()
        try? connection.close()
    }

    deinit {
        task.cancel()
    }
}
