/// Work queued by concurrent callers and handed, in batches, to one runner at a time: the
/// queueing behind ``GroupCommitter`` (shared commits) and ``GroupReader`` (shared reads).
///
/// While a batch runs, new jobs queue up; the next batch takes them all (up to a limit). A
/// lone caller therefore gets a batch of its own at once, and many callers share batches.
final class JobBatches<Job: Sendable>: Sendable {
    private struct Queue {
        var jobs: [Job] = []
        var isDraining = false
    }

    private let maximumBatchSize: Int
    private let queue = Locked(Queue())

    /// - Parameter maximumBatchSize: The most jobs one batch takes.
    init(maximumBatchSize: Int) {
        self.maximumBatchSize = max(1, maximumBatchSize)
    }

    /// Queues a job. If no batches are running, starts running them with `run`, one batch at
    /// a time, until the queue is empty (the owner passes the same `run` every time).
    func enqueue(_ job: Job, runningBatchesWith run: @escaping @Sendable ([Job]) async -> Void) {
        let startsDraining = queue.withLock { queue in
            queue.jobs.append(job)
            guard !queue.isDraining else { return false }
            queue.isDraining = true
            return true
        }
        if startsDraining {
            Task { await self.drain(run) }
        }
    }

    private func drain(_ run: @Sendable ([Job]) async -> Void) async {
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
            await run(batch)
            // Let the callers just resumed queue their next jobs before the next batch is
            // taken: the batch grows, and more jobs share its cost.
            await Task.yield()
        }
    }
}
