import Dialogue
import DispatchStore
import Foundation
import Logging
import NIOCore

/// Tells connected residents when staff or units move one of their tickets (派单, 接单, 办结 …):
/// the store's update feed (polling or notifications), routed to the connections that opened them.
struct TicketUpdateWatcher {
    let store: any DispatchStore
    let engine: ConversationEngine
    let registry: ConnectionRegistry
    let interval: Duration
    let logger: Logger

    func run() async {
        // Polling on SQLite, LISTEN/NOTIFY on PostgreSQL: the store decides, so a change made on
        // another node reaches this node's residents either way.
        let updates = store.ticketUpdates(every: interval) { [logger] error in
            logger.warning("ticket update check failed", metadata: ["error": "\(error)"])
        }
        var told: [TicketNumber: (TicketState, Date)] = [:]
        do {
            for try await changed in updates {
                for ticket in changed {
                    guard ticket.isNewsForResident, let conversationID = ticket.conversationID,
                          let entry = registry.entry(forConversation: conversationID) else { continue }
                    if let last = told[ticket.id], last.0 == ticket.state, last.1 >= ticket.updatedAt { continue }
                    told[ticket.id] = (ticket.state, ticket.updatedAt)
                    do {
                        let lines = try await engine.update(about: ticket, for: entry.key)
                        guard !lines.isEmpty else { continue }
                        // On a line of its own: the resident may be mid-way through typing.
                        var buffer = entry.channel.allocator.buffer(string: "\r\n")
                        ReplyWriter.append(lines, prompt: true, to: &buffer)
                        try? await entry.outbound.write(buffer)
                    } catch {
                        logger.warning("ticket update not delivered", metadata: [
                            "ticket": "\(ticket.id)", "error": "\(error)"])
                    }
                }
                if told.count > 100_000 { told.removeAll() }
            }
        } catch {
            if !(error is CancellationError) {
                logger.warning("ticket update feed ended", metadata: ["error": "\(error)"])
            }
        }
    }
}
