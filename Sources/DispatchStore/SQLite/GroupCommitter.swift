import GRDB

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
    /// One caller's write: an object of its own result type, so that a result goes from the
    /// body to its caller without an existential box and a dynamic cast, which cost as much
    /// per write as the rest of the queueing.
    private protocol Job: AnyObject, Sendable {
        /// Runs the body and keeps its result for ``resume()``. May run more than once.
        func run(_ db: Database) throws
        /// Resumes the caller with the kept result: only once the write is durable.
        func resume()
        func resume(throwing error: any Error)
    }

    private final class TypedJob<T: Sendable>: Job, @unchecked Sendable {
        let body: @Sendable (Database) throws -> T
        let continuation: UnsafeContinuation<T, any Error>
        // Written and read only by the drain, one batch at a time.
        var result: T?

        init(body: @escaping @Sendable (Database) throws -> T, continuation: UnsafeContinuation<T, any Error>) {
            self.body = body
            self.continuation = continuation
        }

        func run(_ db: Database) throws { result = try body(db) }
        func resume() { continuation.resume(returning: result!) }
        func resume(throwing error: any Error) { continuation.resume(throwing: error) }
    }

    private let writer: any DatabaseWriter
    private let afterRollback: @Sendable () -> Void
    private let batches: JobBatches<any Job>

    /// - Parameters:
    ///   - writer: The database connection that writes.
    ///   - maximumBatchSize: How many writes may share a transaction; 1 disables group commit.
    ///   - afterRollback: Called whenever writes were undone (a transaction or one write's
    ///     savepoint rolled back), before any other write runs: for caches of what was written.
    init(writer: any DatabaseWriter, maximumBatchSize: Int, afterRollback: @escaping @Sendable () -> Void = {}) {
        self.writer = writer
        self.afterRollback = afterRollback
        batches = JobBatches(maximumBatchSize: maximumBatchSize)
    }

    /// Runs `body` in a write transaction, possibly shared with other callers, and returns
    /// its result once that transaction is durably committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        // Every job is resumed exactly once (see `commit`), as an unsafe continuation requires.
        try await withUnsafeThrowingContinuation { continuation in
            batches.enqueue(TypedJob(body: body, continuation: continuation)) { batch in await self.commit(batch) }
        }
    }

    private func commit(_ batch: [any Job]) async {
        // Fast path: the whole batch in one transaction without savepoints, which would double
        // the statements of a small write. Most batches have no failing write.
        if (try? await writer.write({ db -> Void in for job in batch { try job.run(db) } })) != nil {
            for job in batch { job.resume() }
            return
        }
        // A write failed, and the transaction was rolled back: nothing in it is durable, so
        // every write can run again, this time each in its own savepoint.
        afterRollback()
        do {
            let failures = try await writer.write { db in
                batch.map { job in self.run(job, in: db) }
            }
            for (job, failure) in zip(batch, failures) {
                if let failure { job.resume(throwing: failure) } else { job.resume() }
            }
        } catch {
            afterRollback()
            guard batch.count > 1 else {
                batch[0].resume(throwing: error)
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
    /// Returns its error, or nil when it succeeded.
    ///
    /// The savepoint statements are cached, not re-prepared for every write as
    /// `Database.inSavepoint` does; on the hot path that preparation costs as much as the write.
    private func run(_ job: any Job, in db: Database) -> (any Error)? {
        do {
            try db.cachedStatement(sql: "SAVEPOINT batch_item").execute()
        } catch {
            return error
        }
        do {
            try job.run(db)
            try db.cachedStatement(sql: "RELEASE SAVEPOINT batch_item").execute()
            return nil
        } catch {
            // If even the rollback fails, the transaction is broken: the commit will fail and
            // every write of the batch will be retried alone.
            try? db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT batch_item").execute()
            try? db.cachedStatement(sql: "RELEASE SAVEPOINT batch_item").execute()
            afterRollback()
            return error
        }
    }
}
