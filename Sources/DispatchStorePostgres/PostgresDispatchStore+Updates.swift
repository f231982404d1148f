import DispatchStore
import Foundation
import PostgresNIO

extension PostgresDispatchStore {
    /// Ticket changes as they commit, from any node: every workflow step and note sends the
    /// ticket's number on the update channel (`pg_notify` in its transaction), and this feed
    /// LISTENs on a connection of its own and reads each ticket it hears of.
    ///
    /// Notifications sent while the listening connection is down are lost, so after each
    /// (re)connection the feed first reads the tickets changed since it last heard anything.
    /// On an engine without LISTEN/NOTIFY it polls every `interval` instead.
    public func ticketUpdates(every interval: Duration, onFailure: @escaping @Sendable (any Error) -> Void) -> TicketUpdates {
        let (stream, continuation) = AsyncThrowingStream<[Ticket], any Error>.makeStream(bufferingPolicy: .bufferingNewest(256))
        // Changes from the moment of this call on are reported, however long connecting takes.
        let start = Date()
        let task = Task { [self] in
            let notifies: Bool
            do {
                notifies = try await prepared()
            } catch {
                if Task.isCancelled {
                    continuation.finish()
                    return
                }
                onFailure(error)
                notifies = false
            }
            guard notifies else {
                do {
                    for try await batch in TicketUpdates.polling(self, every: interval, since: start, onFailure: onFailure) {
                        continuation.yield(batch)
                    }
                } catch {}
                continuation.finish()
                return
            }
            var lastHeard = start
            while !Task.isCancelled {
                do {
                    try await client.withConnection { connection in
                        try await connection.listen(on: updateChannel) { notifications in
                            let missed = try await tickets(matching: TicketFilter(
                                limit: 1000, updatedSince: lastHeard.addingTimeInterval(-2)))
                            if !missed.isEmpty { continuation.yield(missed.reversed()) }
                            for try await notification in notifications {
                                lastHeard = Date()
                                guard let sequence = Int64(notification.payload),
                                      let ticket = try await ticket(TicketNumber(sequence)) else { continue }
                                continuation.yield([ticket])
                            }
                        }
                    }
                } catch where PostgresErrors.sqlState(error) == "0A000" {
                    // feature_not_supported: an engine with pg_notify but without LISTEN.
                    logger.notice("LISTEN is not supported here; ticket updates are polled")
                    do {
                        for try await batch in TicketUpdates.polling(self, every: interval, since: lastHeard, onFailure: onFailure) {
                            continuation.yield(batch)
                        }
                    } catch {}
                    break
                } catch {
                    if Task.isCancelled { break }
                    onFailure(DispatchStoreError.storage("ticket update listener: " + PostgresErrors.describe(error)))
                    try? await Task.sleep(for: interval)
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return TicketUpdates(stream)
    }
}
