import GRDB

/// Runs reads from many concurrent callers in shared read transactions: one reader checked
/// out of the pool, one `BEGIN` and `COMMIT`, one schema check for a whole batch.
///
/// Each turn of a conversation reads its conversation (and, for a resident with tickets, the
/// ones awaiting a rating); alone, each such read paid more for the transaction around it
/// than for its query. Batches form as in ``JobBatches``. A read queued after a write returned
/// runs in a later transaction, so it sees that write. A read that throws fails alone.
final class GroupReader: Sendable {
    private protocol Job: AnyObject, Sendable {
        /// Runs the body and resumes its caller with the result or the error.
        func run(_ db: Database)
        func resume(throwing error: any Error)
    }

    private final class TypedJob<T: Sendable>: Job, @unchecked Sendable {
        let body: @Sendable (Database) throws -> T
        let continuation: UnsafeContinuation<T, any Error>

        init(body: @escaping @Sendable (Database) throws -> T, continuation: UnsafeContinuation<T, any Error>) {
            self.body = body
            self.continuation = continuation
        }

        func run(_ db: Database) {
            do {
                continuation.resume(returning: try body(db))
            } catch {
                continuation.resume(throwing: error)
            }
        }

        func resume(throwing error: any Error) { continuation.resume(throwing: error) }
    }

    private let reader: any DatabaseReader
    private let batches: JobBatches<any Job>

    /// - Parameters:
    ///   - reader: Where the reads run (a pool's readers, or the only connection in memory).
    ///   - maximumBatchSize: How many reads may share a transaction.
    init(reader: any DatabaseReader, maximumBatchSize: Int) {
        self.reader = reader
        batches = JobBatches(maximumBatchSize: maximumBatchSize)
    }

    /// Runs `body` in a read transaction, possibly shared with other callers.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        // Every job is resumed exactly once (see `run(_:)`), as an unsafe continuation requires.
        try await withUnsafeThrowingContinuation { continuation in
            batches.enqueue(TypedJob(body: body, continuation: continuation)) { batch in await self.run(batch) }
        }
    }

    private func run(_ batch: [any Job]) async {
        // Jobs resume inside the transaction, each as soon as it has its result. Running them
        // cannot throw, so either all ran or, when the transaction could not start, none did
        // and each gets the error.
        let started = Locked(false)
        do {
            try await reader.read { db in
                started.withLock { $0 = true }
                for job in batch { job.run(db) }
            }
        } catch {
            if !started.withLock({ $0 }) {
                for job in batch { job.resume(throwing: error) }
            }
        }
    }
}
