import Foundation
import GRDB

extension SQLiteDispatchStore {
    /// Creates a ticket and its creation event in one transaction, or returns the ticket an
    /// earlier draft from the same channel message created.
    public func createTicket(_ draft: TicketDraft) async throws -> Ticket {
        try draft.validate()
        return try await write { db in try Self.insertTicket(draft, at: Self.now(), db) }
    }

    /// The ticket with this number, or nil.
    public func ticket(_ number: TicketNumber) async throws -> Ticket? {
        try await read { db in try Ticket.fetchOne(db, key: number) }
    }

    /// Moves a ticket along the workflow and records the event, or throws and writes nothing.
    @discardableResult
    public func apply(_ command: TicketCommand, to number: TicketNumber, by actor: ActorRef) async throws -> Ticket {
        try await write { db in try Self.apply(command, to: number, by: actor, at: Self.now(), db) }
    }

    /// Adds a note to a ticket's history without changing its state.
    @discardableResult
    public func addNote(_ text: String, to number: TicketNumber, by actor: ActorRef, visibility: EventVisibility)
        async throws -> TicketEvent
    {
        try StoreSQL.validateNote(text)
        return try await write { db in
            let now = Self.now()
            guard var ticket = try Ticket.fetchOne(db, key: number) else { throw DispatchStoreError.ticketNotFound(number) }
            ticket.updatedAt = now
            try ticket.update(db)
            let event = TicketEvent(
                ticketID: number, sequence: try Self.nextEventSequence(of: number, db), at: now, actor: actor,
                action: .note, fromState: nil, toState: nil, unitID: nil, reason: text, visibility: visibility)
            try event.insertFast(db)
            return event
        }
    }

    /// Tickets matching a filter, newest first.
    ///
    /// The SQL is written out rather than built with GRDB's query interface, so that its statement
    /// is prepared once per connection: the dialogue asks this after every turn of a resident
    /// with tickets, and compiling the statement cost more than running it.
    public func tickets(matching filter: TicketFilter) async throws -> [Ticket] {
        var conditions = SQLConditions()
        if !filter.states.isEmpty {
            let states = filter.states.map(\.rawValue)
            conditions.add("state IN (\(SQLConditions.placeholders(states.count)))", states)
        }
        if let category = filter.category { conditions.add("category = ?", [category]) }
        if let unitID = filter.unitID { conditions.add("unit_id = ?", [unitID]) }
        if let since = filter.since { conditions.add("created_at >= ?", [since.timeIntervalSince1970]) }
        if let since = filter.updatedSince {
            // A hint that few tickets changed since then (the update feed asks for the last few
            // seconds): without it SQLite walks the whole table newest first instead of the index.
            conditions.add("unlikely(updated_at > ?)", [since.timeIntervalSince1970])
        }
        if let id = filter.conversationID { conditions.add("conversation_id = ?", [id]) }
        if let phone = filter.contactPhone { conditions.add("contact_phone = ?", [phone]) }
        if let text = filter.text, !text.isEmpty {
            let pattern = StoreSQL.containsPattern(text)
            conditions.add("(summary LIKE ? ESCAPE '\\' OR details LIKE ? ESCAPE '\\')", [pattern, pattern])
        }
        if let now = filter.overdueAt?.timeIntervalSince1970 {
            // The same rule as Ticket.overdue(at:), in SQL.
            let awaiting = TicketState.allCases.filter(\.awaitsResolution).map(\.rawValue)
            conditions.add("""
                ((state = ? AND dispatch_due_at < ?) OR (state IN (\(SQLConditions.placeholders(awaiting.count))) AND resolve_due_at < ?))
                """, [TicketState.submitted.rawValue, now] + awaiting + [now])
        }
        var sql = "SELECT * FROM tickets" + conditions.whereClause + " ORDER BY id DESC"
        var arguments = conditions.arguments
        if let limit = filter.limit {
            sql += " LIMIT ?"
            arguments += [limit]
        }
        // One conversation's tickets are few, and the dialogue asks after every turn.
        return try await read(batched: filter.conversationID != nil) { [sql, arguments] db in
            try Ticket.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
        }
    }

    /// A ticket's history, oldest first.
    public func events(of number: TicketNumber) async throws -> [TicketEvent] {
        try await read { db in
            try TicketEvent.filter(Column("ticket_id") == number).order(Column("sequence")).fetchAll(db)
        }
    }

    // MARK: Inside the write transaction

    static func insertTicket(_ draft: TicketDraft, at now: Date, _ db: Database) throws -> Ticket {
        // Look for the id only: decoding a whole record has a fixed cost even when nothing is found.
        if let source = draft.sourceMessageID,
           let existing = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM tickets WHERE channel = ? AND source_message_id = ?"),
            arguments: [draft.channel, source]),
           let ticket = try Ticket.fetchOne(db, key: existing)
        {
            return ticket
        }
        if let conversationID = draft.conversationID,
           try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM conversations WHERE id = ?"),
                            arguments: [conversationID]) == nil
        {
            throw DispatchStoreError.conversationNotFound(conversationID)
        }
        var ticket = Ticket(number: TicketNumber(0), draft: draft, createdAt: now)
        ticket.dispatchDueAt = ticket.dispatchDueAt.map(storedTime)
        ticket.resolveDueAt = ticket.resolveDueAt.map(storedTime)
        try ticket.insertAsNew(db)
        try TicketEvent.creation(of: ticket, by: draft.submittedBy).insertFast(db)
        return ticket
    }

    /// Reads, checks and writes inside one `BEGIN IMMEDIATE` transaction that holds SQLite's only
    /// write lock, so the state check and the update form a compare-and-set: of 50 concurrent
    /// claims, the first sees `dispatched` and wins, the others see `claimed`.
    static func apply(
        _ command: TicketCommand, to number: TicketNumber, by actor: ActorRef, at now: Date, _ db: Database
    ) throws -> Ticket {
        guard let ticket = try Ticket.fetchOne(db, key: number) else { throw DispatchStoreError.ticketNotFound(number) }
        let (next, event) = try ticket.applying(
            command, by: actor, at: now, sequence: try nextEventSequence(of: number, db))
        if case .merge(let original) = command {
            guard let target = try Ticket.fetchOne(db, key: original), target.state != .merged, target.state != .cancelled
            else { throw DispatchStoreError.invalidMergeTarget(ticket: number, target: original) }
        }
        try next.update(db)
        try event.insertFast(db)
        return next
    }

    static func nextEventSequence(of number: TicketNumber, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COALESCE(MAX(sequence), 0) + 1 FROM ticket_events WHERE ticket_id = ?"),
            arguments: [number]) ?? 1
    }
}
