import DispatchStore
import Foundation
import PostgresNIO

extension PostgresDispatchStore {
    /// Creates a ticket and its creation event in one statement, or returns the ticket an
    /// earlier draft from the same channel message created.
    public func createTicket(_ draft: TicketDraft) async throws -> Ticket {
        try draft.validate()
        let ticket = Ticket(number: TicketNumber(0), draft: draft, createdAt: Self.now())
        let event = TicketEvent.creation(of: ticket, by: draft.submittedBy)
        // One statement is one transaction, so the ticket and its event commit together in one
        // round trip. ON CONFLICT waits for a concurrent insert of the same source message and
        // then inserts nothing: the SELECT below finds the ticket that won.
        var builder = QueryBuilder("")
        let values = Self.insertValues(of: ticket, into: &builder)
        let eventValues = [
            builder.bind(Int64(event.sequence)), builder.bind(event.at.timeIntervalSince1970),
            builder.bind(event.actorKind.rawValue), builder.bind(event.actorID), builder.bind(event.action.rawValue),
            builder.bind(event.fromState?.rawValue), builder.bind(event.toState?.rawValue), builder.bind(event.unitID),
            builder.bind(event.reason), builder.bind(event.visibility.rawValue),
        ]
        builder.sql = """
            WITH new_ticket AS (
                INSERT INTO tickets (\(Ticket.columns.dropFirst().joined(separator: ", "))) VALUES (\(values))
                ON CONFLICT (channel, source_message_id) WHERE source_message_id IS NOT NULL DO NOTHING
                RETURNING id
            ), creation AS (
                INSERT INTO ticket_events (\(TicketEvent.columnList))
                SELECT id, \(eventValues.joined(separator: ", ")) FROM new_ticket
            )
            SELECT id FROM new_ticket
            """
        let rows: [PostgresRow]
        do {
            rows = try await query(builder.query)
        } catch let error as DispatchStoreError where draft.conversationID != nil && error.isForeignKeyViolation {
            throw DispatchStoreError.conversationNotFound(draft.conversationID!)
        }
        if let row = rows.first {
            var created = ticket
            created.id = TicketNumber(try row.decode(Int64.self))
            return created
        }
        let existing = try await query("""
            SELECT \(unescaped: Ticket.selectList) FROM tickets WHERE channel = \(draft.channel) AND source_message_id = \(draft.sourceMessageID)
            """)
        guard let row = existing.first else {
            throw DispatchStoreError.storage("a ticket for \(draft.channel) message \(draft.sourceMessageID ?? "") conflicted but cannot be found")
        }
        return try Ticket(row: row)
    }

    /// The ticket with this number, or nil.
    public func ticket(_ number: TicketNumber) async throws -> Ticket? {
        try await query("SELECT \(unescaped: Ticket.selectList) FROM tickets WHERE id = \(number.sequence)")
            .first.map(Ticket.init(row:))
    }

    /// Moves a ticket along the workflow and records the event, or throws and writes nothing.
    ///
    /// The ticket row is locked first, so of concurrent steps on one ticket (from any node) each
    /// sees the state the previous one left: 抢单 has exactly one winner.
    @discardableResult
    public func apply(_ command: TicketCommand, to number: TicketNumber, by actor: ActorRef) async throws -> Ticket {
        try await transaction { [self] connection in
            guard let ticket = try await lockTicket(number, connection) else { throw DispatchStoreError.ticketNotFound(number) }
            let (next, event) = try ticket.applying(
                command, by: actor, at: Self.now(), sequence: try await nextEventSequence(of: number, connection))
            if case .merge(let original) = command {
                let target = try await connection.query(
                    "SELECT state FROM tickets WHERE id = \(original.sequence)", logger: logger).collect()
                guard let state = try target.first.map({ try $0.decode(String.self) }),
                      state != TicketState.merged.rawValue, state != TicketState.cancelled.rawValue
                else { throw DispatchStoreError.invalidMergeTarget(ticket: number, target: original) }
            }
            try await connection.query("""
                UPDATE tickets SET state = \(next.state.rawValue), unit_id = \(next.unitID), assignee = \(next.assignee),
                    reopen_count = \(Int64(next.reopenCount)), duplicate_of = \(next.duplicateOf?.sequence),
                    rating = \(next.rating.map(Int64.init)), rating_comment = \(next.ratingComment),
                    updated_at = \(next.updatedAt.timeIntervalSince1970)
                WHERE id = \(number.sequence)
                """, logger: logger)
            try await insert(event, connection)
            return next
        }
    }

    /// Adds a note to a ticket's history without changing its state.
    @discardableResult
    public func addNote(_ text: String, to number: TicketNumber, by actor: ActorRef, visibility: EventVisibility)
        async throws -> TicketEvent
    {
        try StoreSQL.validateNote(text)
        return try await transaction { [self] connection in
            let now = Self.now()
            // The UPDATE locks the row, so the event sequence below cannot be taken twice.
            let changed = try await connection.query("""
                UPDATE tickets SET updated_at = \(now.timeIntervalSince1970) WHERE id = \(number.sequence) RETURNING id
                """, logger: logger).collect()
            guard !changed.isEmpty else { throw DispatchStoreError.ticketNotFound(number) }
            let event = TicketEvent(
                ticketID: number, sequence: try await nextEventSequence(of: number, connection), at: now, actor: actor,
                action: .note, fromState: nil, toState: nil, unitID: nil, reason: text, visibility: visibility)
            try await insert(event, connection)
            return event
        }
    }

    /// Tickets matching a filter, newest first.
    public func tickets(matching filter: TicketFilter) async throws -> [Ticket] {
        var builder = QueryBuilder("SELECT \(Ticket.selectList) FROM tickets")
        var conditions: [String] = []
        if !filter.states.isEmpty {
            conditions.append("state = ANY(\(builder.bind(filter.states.map(\.rawValue).sorted())))")
        }
        if let category = filter.category { conditions.append("category = \(builder.bind(category))") }
        if let unitID = filter.unitID { conditions.append("unit_id = \(builder.bind(unitID))") }
        if let since = filter.since { conditions.append("created_at >= \(builder.bind(since.timeIntervalSince1970))") }
        if let since = filter.updatedSince {
            conditions.append("updated_at > \(builder.bind(since.timeIntervalSince1970))")
        }
        if let id = filter.conversationID { conditions.append("conversation_id = \(builder.bind(id))") }
        if let phone = filter.contactPhone { conditions.append("contact_phone = \(builder.bind(phone))") }
        if let text = filter.text, !text.isEmpty {
            let pattern = builder.bind(StoreSQL.containsPattern(text))
            conditions.append("(summary LIKE \(pattern) ESCAPE '\\' OR details LIKE \(pattern) ESCAPE '\\')")
        }
        if let now = filter.overdueAt?.timeIntervalSince1970 {
            // The same rule as Ticket.overdue(at:), in SQL.
            let awaitingResolution = TicketState.allCases.filter(\.awaitsResolution).map(\.rawValue)
            let time = builder.bind(now)
            conditions.append("""
                ((state = \(builder.bind(TicketState.submitted.rawValue)) AND dispatch_due_at < \(time))
                 OR (state = ANY(\(builder.bind(awaitingResolution))) AND resolve_due_at < \(time)))
                """)
        }
        if !conditions.isEmpty { builder.sql += " WHERE " + conditions.joined(separator: " AND ") }
        builder.sql += " ORDER BY id DESC"
        if let limit = filter.limit { builder.sql += " LIMIT \(builder.bind(Int64(max(0, limit))))" }
        return try await query(builder.query).map(Ticket.init(row:))
    }

    /// A ticket's history, oldest first.
    public func events(of number: TicketNumber) async throws -> [TicketEvent] {
        try await query("""
            SELECT \(unescaped: TicketEvent.columnList) FROM ticket_events WHERE ticket_id = \(number.sequence) ORDER BY sequence
            """).map(TicketEvent.init(row:))
    }

    // MARK: Inside a transaction

    /// The ticket, locked until the transaction ends.
    private func lockTicket(_ number: TicketNumber, _ connection: PostgresConnection) async throws -> Ticket? {
        try await connection.query(
            "SELECT \(unescaped: Ticket.selectList) FROM tickets WHERE id = \(number.sequence) FOR UPDATE", logger: logger
        ).collect().first.map(Ticket.init(row:))
    }

    /// The next position in a ticket's history; only called with the ticket row locked.
    private func nextEventSequence(of number: TicketNumber, _ connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.query(
            "SELECT COALESCE(MAX(sequence), 0) + 1 FROM ticket_events WHERE ticket_id = \(number.sequence)", logger: logger
        ).collect()
        return Int(try rows.first?.decode(Int64.self) ?? 1)
    }

    /// Appends an event and tells listening nodes that the ticket changed; the notification is
    /// delivered only if the transaction commits.
    private func insert(_ event: TicketEvent, _ connection: PostgresConnection) async throws {
        var bindings = PostgresBindings()
        event.bind(into: &bindings)
        let placeholders = (1...bindings.count).map { "$\($0)" }.joined(separator: ", ")
        try await connection.query(PostgresQuery(
            unsafeSQL: "INSERT INTO ticket_events (\(TicketEvent.columnList)) VALUES (\(placeholders))", binds: bindings),
            logger: logger)
        if try await prepared() {
            try await connection.query("SELECT pg_notify(\(updateChannel), \(String(event.ticketID.sequence)))", logger: logger)
        }
    }

    /// The VALUES list of a new ticket (every column but the id), bound into `builder`.
    private static func insertValues(of ticket: Ticket, into builder: inout QueryBuilder) -> String {
        [
            builder.bind(ticket.category), builder.bind(ticket.subcategory), builder.bind(ticket.state.rawValue),
            builder.bind(ticket.priority.rawValue), builder.bind(ticket.isEmergency), builder.bind(ticket.summary),
            builder.bind(ticket.details), builder.bind(ticket.address), builder.bind(ticket.contactPhone),
            builder.bind(ticket.conversationID), builder.bind(ticket.channel), builder.bind(ticket.sourceMessageID),
            builder.bind(ticket.unitID), builder.bind(ticket.assignee),
            builder.bind(ticket.dispatchDueAt?.timeIntervalSince1970), builder.bind(ticket.resolveDueAt?.timeIntervalSince1970),
            builder.bind(Int64(ticket.reopenCount)), builder.bind(ticket.duplicateOf?.sequence),
            builder.bind(ticket.rating.map(Int64.init)), builder.bind(ticket.ratingComment),
            builder.bind(ticket.createdAt.timeIntervalSince1970), builder.bind(ticket.updatedAt.timeIntervalSince1970),
        ].joined(separator: ", ")
    }
}

extension DispatchStoreError {
    /// Whether the storage failure was a foreign key violation (SQLSTATE 23503).
    var isForeignKeyViolation: Bool {
        if case .storage(let message) = self { return message.hasPrefix("PostgreSQL 23503") }
        return false
    }
}
