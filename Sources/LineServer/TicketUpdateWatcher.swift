import Dialogue
import DispatchStore
import Foundation
import Logging
import NIOCore

/// Tells connected residents when staff or units move one of their tickets (派单, 接单, 办结 …):
/// one query a second for changed tickets, routed to the connections that opened them.
struct TicketUpdateWatcher {
    let store: any DispatchStore
    let engine: ConversationEngine
    let registry: ConnectionRegistry
    let interval: Duration
    let logger: Logger

    func run() async {
        var since = Date()
        var told: [TicketNumber: (TicketState, Date)] = [:]
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
                // A little overlap, so a change committed during the last query is not missed.
                let now = Date()
                let changed = try await store.tickets(matching: TicketFilter(limit: 1000, updatedSince: since.addingTimeInterval(-2)))
                since = now
                for ticket in changed.reversed() {
                    guard ticket.isNewsForResident, let conversationID = ticket.conversationID,
                          let entry = registry.entry(forConversation: conversationID) else { continue }
                    if let last = told[ticket.id], last.0 == ticket.state, last.1 >= ticket.updatedAt { continue }
                    told[ticket.id] = (ticket.state, ticket.updatedAt)
                    let lines = try await engine.update(about: ticket, for: entry.key)
                    guard !lines.isEmpty else { continue }
                    // On a line of its own: the resident may be mid-way through typing.
                    let text = "\r\n" + ReplyWriter.format(lines)
                    try? await entry.outbound.write(entry.channel.allocator.buffer(string: text))
                }
                if told.count > 100_000 { told.removeAll() }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("ticket update check failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
