import Foundation

/// Tickets that changed after their creation, as a backend reports them: batches of tickets,
/// each as it stood when it was read.
///
/// A batch may repeat a ticket already reported, and on a backend that polls it may report a
/// change up to one interval late; consumers keep what they last told and skip repeats.
public struct TicketUpdates: AsyncSequence, Sendable {
    /// One batch of changed tickets.
    public typealias Element = [Ticket]

    private let stream: AsyncThrowingStream<[Ticket], any Error>

    /// Wraps a stream a backend feeds.
    public init(_ stream: AsyncThrowingStream<[Ticket], any Error>) {
        self.stream = stream
    }

    /// Iterates the batches.
    public func makeAsyncIterator() -> AsyncThrowingStream<[Ticket], any Error>.AsyncIterator {
        stream.makeAsyncIterator()
    }

    /// Updates found by asking the store every `interval` for tickets changed since the last
    /// question: what any backend can do, and what SQLite does.
    ///
    /// The stream ends when the consuming task is cancelled; a failed query is retried at the
    /// next interval, as a passing storage hiccup must not stop residents' updates for good.
    ///
    /// - Parameters:
    ///   - store: The store to ask.
    ///   - interval: The time between questions.
    ///   - since: Report changes from this time on (default: now).
    ///   - onFailure: Called with each failed question.
    public static func polling(
        _ store: any DispatchStore, every interval: Duration, since start: Date = Date(),
        onFailure: @escaping @Sendable (any Error) -> Void = { _ in }
    ) -> TicketUpdates {
        let (stream, continuation) = AsyncThrowingStream<[Ticket], any Error>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let task = Task {
            var since = start
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                    // A little overlap, so a change committed during the last query is not missed.
                    let now = Date()
                    let changed = try await store.tickets(
                        matching: TicketFilter(limit: 1000, updatedSince: since.addingTimeInterval(-2)))
                    since = now
                    if !changed.isEmpty { continuation.yield(changed.reversed()) }
                } catch {
                    // A backend may wrap the cancellation of its query in its own error.
                    if error is CancellationError || Task.isCancelled { break }
                    onFailure(error)
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return TicketUpdates(stream)
    }
}
