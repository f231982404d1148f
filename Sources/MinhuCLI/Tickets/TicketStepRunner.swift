import ArgumentParser
import DispatchStore
import Foundation

/// What every workflow subcommand shares: find the ticket, take the step through the store,
/// print the event it wrote, or explain why the step is not possible.
struct TicketStepRunner {
    /// The open store.
    let store: any DispatchStore

    /// Opens the store behind `--db`.
    init(database: DatabaseOptions) throws {
        store = try database.openStore()
    }

    /// The ticket, or an error naming the number that was not found.
    func ticket(_ number: TicketNumber) async throws -> Ticket {
        guard let ticket = try await store.ticket(number) else { throw CLIError("ticket \(number) not found") }
        return ticket
    }

    /// Checks a step against the workflow table before any other work (a suggestion, a prompt),
    /// so an impossible step is refused first; the store checks again when it writes.
    func precheck(_ command: TicketCommand, on ticket: Ticket, by actor: ActorRef) throws {
        do {
            _ = try Workflow.check(command, on: ticket.id, in: ticket.state, by: actor.kind, assignee: ticket.assignee)
        } catch {
            throw CLIError(StepRefusal.message(for: error, state: ticket.state))
        }
    }

    /// Takes the step and prints the event it recorded.
    ///
    /// - Returns: The ticket after the step.
    /// - Throws: A ``CLIError`` saying why the step was refused (the state, the possible steps); the
    ///   store wrote nothing in that case.
    @discardableResult
    func apply(_ command: TicketCommand, to ticket: Ticket, by actor: ActorRef) async throws -> Ticket {
        let after: Ticket
        do {
            after = try await store.apply(command, to: ticket.id, by: actor)
        } catch let error as DispatchStoreError {
            // The state may have moved since it was read (another staff member, the bot): explain
            // with the state the store saw, which the error carries for workflow refusals.
            throw CLIError(StepRefusal.message(for: error, state: (try? await store.ticket(ticket.id))?.state ?? ticket.state))
        }
        if let event = try await store.events(of: ticket.id).last {
            print(Self.summary(of: event))
        }
        return after
    }

    /// Adds a note and prints it.
    func note(_ text: String, to ticket: Ticket, by actor: ActorRef, visibility: EventVisibility) async throws {
        do {
            let event = try await store.addNote(text, to: ticket.id, by: actor, visibility: visibility)
            print(Self.summary(of: event))
        } catch let error as DispatchStoreError {
            throw CLIError(StepRefusal.message(for: error, state: ticket.state))
        }
    }

    /// The kind of whoever took the ticket (a unit that accepted, a volunteer who claimed), so
    /// `start` and `resolve` act as the same kind without `--as`.
    func takerKind(of ticket: Ticket) async throws -> ActorKind {
        let events = try await store.events(of: ticket.id)
        return events.last { $0.action == .accept || $0.action == .claim }?.actorKind ?? .unit
    }

    /// `MH-000001  派单 dispatch  已提交 submitted → 已派单 dispatched  staff:wangfang  unit wuye-3`.
    static func summary(of event: TicketEvent) -> String {
        // Printed to the actor who just wrote it, so nothing is masked.
        [event.ticketID.description, event.action.bilingualName, event.transitionLabel, event.actor.description,
         event.detailsLabel(masking: .revealed)]
            .filter { !$0.isEmpty }.joined(separator: "  ")
    }
}
