import GRDB
import Synchronization

/// Runs writes from many concurrent callers in shared transactions: one commit (one fsync)
/// for a whole batch, each caller resumed only after the commit that holds its write.
///
/// While one batch commits, new writes queue up; the next batch takes them all (up to a
/// limit). A lone writer therefore still gets one commit per write, and 100 writers share
/// each commit. A write that throws fails alone: the batch is rolled back and run again with
/// each write in its own savepoint, so the failed write's changes are undone and the others
/// commit. If the shared transaction itself fails, the writes are retried one per
/// transaction. Writes must therefore touch nothing but the database: they may run twice.
final class GroupCommitter: Sendable {
    private struct Job: Sendable {
        let body: @Sendable (Database) throws -> any Sendable
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private struct Queue {
        var jobs: [Job] = []
        var isDraining = false
    }

    private let writer: any DatabaseWriter
    private let maximumBatchSize: Int
    private let afterRollback: @Sendable () -> Void
    private let queue = Mutex(Queue())

    /// - Parameters:
    ///   - writer: The database connection that writes.
    ///   - maximumBatchSize: How many writes may share a transaction; 1 disables group commit.
    ///   - afterRollback: Called whenever writes were undone (a transaction or one write's
    ///     savepoint rolled back), before any other write runs: for caches of what was written.
    init(writer: any DatabaseWriter, maximumBatchSize: Int, afterRollback: @escaping @Sendable () -> Void = {}) {
        self.writer = writer
        self.maximumBatchSize = max(1, maximumBatchSize)
        self.afterRollback = afterRollback
    }

    /// Runs `body` in a write transaction, possibly shared with other callers, and returns
    /// its result once that transaction is durably committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let value = try await withCheckedThrowingContinuation { continuation in
            let job = Job(body: { db in try body(db) }, continuation: continuation)
            let startsDraining = queue.withLock { queue in
                queue.jobs.append(job)
                guard !queue.isDraining else { return false }
                queue.isDraining = true
                return true
            }
            if startsDraining {
                Task { await self.drain() }
            }
        }
        // Safe: the job above was built from `body`, whose result is a T.
        return value as! T
    }

    /// Commits batches until the queue is empty; only one drain runs at a time.
    private func drain() async {
        while true {
            let batch: [Job] = queue.withLock { queue in
                guard !queue.jobs.isEmpty else {
                    queue.isDraining = false
                    return []
                }
                let count = min(queue.jobs.count, maximumBatchSize)
                defer { queue.jobs.removeFirst(count) }
                return Array(queue.jobs.prefix(count))
            }
            if batch.isEmpty { return }
            await commit(batch)
            // Let the callers just resumed queue their next writes before the next batch is
            // taken: the batch grows, and its commit is shared by more writes.
            await Task.yield()
        }
    }

    private func commit(_ batch: [Job]) async {
        // Fast path: the whole batch in one transaction without savepoints, which would double
        // the statements of a small write. Most batches have no failing write.
        if let values = try? await writer.write({ db in try batch.map { job in try job.body(db) } }) {
            for (job, value) in zip(batch, values) {
                job.continuation.resume(returning: value)
            }
            return
        }
        // A write failed, and the transaction was rolled back: nothing in it is durable, so
        // every write can run again, this time each in its own savepoint.
        afterRollback()
        do {
            let results = try await writer.write { db in
                batch.map { job in self.run(job, in: db) }
            }
            for (job, result) in zip(batch, results) {
                job.continuation.resume(with: result)
            }
        } catch {
            afterRollback()
            guard batch.count > 1 else {
                batch[0].continuation.resume(throwing: error)
                return
            }
            // The transaction itself failed: run each write alone, so that the one that broke
            // it fails alone.
            for job in batch {
                await commit([job])
            }
        }
    }

    /// Runs one write in its own savepoint: if it throws, only its own changes are undone.
    ///
    /// The savepoint statements are cached, not re-prepared for every write as
    /// `Database.inSavepoint` does; on the hot path that preparation costs as much as the write.
    private func run(_ job: Job, in db: Database) -> Result<any Sendable, any Error> {
        do {
            try db.cachedStatement(sql: "SAVEPOINT batch_item").execute()
        } catch {
            return .failure(error)
        }
        do {
            let value = try job.body(db)
            try db.cachedStatement(sql: "RELEASE SAVEPOINT batch_item").execute()
            return .success(value)
        } catch {
            // If even the rollback fails, the transaction is broken: the commit will fail and
            // every write of the batch will be retried alone.
            try? db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT batch_item").execute()
            try? db.cachedStatement(sql: "RELEASE SAVEPOINT batch_item").execute()
            afterRollback()
            return .failure(error)
        }
    }
}
