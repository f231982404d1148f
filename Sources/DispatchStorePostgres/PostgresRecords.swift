import DispatchStore
import Foundation
import PostgresNIO

// How the model types map onto rows: column names are the records' CodingKeys, as on SQLite,
// enums are stored as their raw text and times as seconds since 1970.

extension PostgresRandomAccessRow {
    func value<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try self[column].decode(T.self)
    }

    func date(_ column: String) throws -> Date {
        Date(timeIntervalSince1970: try value(column, as: Double.self))
    }

    func optionalDate(_ column: String) throws -> Date? {
        try value(column, as: Double?.self).map(Date.init(timeIntervalSince1970:))
    }

    /// A raw-value enum, or a decoding error naming the column and the unknown value.
    func raw<T: RawRepresentable>(_ column: String, as type: T.Type = T.self) throws -> T where T.RawValue == String {
        let text = try value(column, as: String.self)
        guard let value = T(rawValue: text) else {
            throw DispatchStoreError.storage("unknown \(column) \"\(text)\" in the database")
        }
        return value
    }

    func optionalRaw<T: RawRepresentable>(_ column: String, as type: T.Type = T.self) throws -> T? where T.RawValue == String {
        guard let text = try value(column, as: String?.self) else { return nil }
        guard let value = T(rawValue: text) else {
            throw DispatchStoreError.storage("unknown \(column) \"\(text)\" in the database")
        }
        return value
    }
}

extension Ticket {
    /// The columns of `tickets`, in CodingKeys order.
    static let columns = CodingKeys.allCases.map(\.rawValue)

    /// Every column, for SELECT lists.
    static let selectList = columns.joined(separator: ", ")

    init(row: PostgresRow) throws {
        let row = row.makeRandomAccess()
        self.init(
            id: TicketNumber(try row.value("id")),
            category: try row.value("category"),
            subcategory: try row.value("subcategory"),
            state: try row.raw("state"),
            priority: try row.raw("priority"),
            isEmergency: try row.value("is_emergency"),
            summary: try row.value("summary"),
            details: try row.value("details"),
            address: try row.value("address"),
            contactPhone: try row.value("contact_phone"),
            conversationID: try row.value("conversation_id"),
            channel: try row.value("channel"),
            sourceMessageID: try row.value("source_message_id"),
            unitID: try row.value("unit_id"),
            assignee: try row.value("assignee"),
            dispatchDueAt: try row.optionalDate("dispatch_due_at"),
            resolveDueAt: try row.optionalDate("resolve_due_at"),
            reopenCount: Int(try row.value("reopen_count", as: Int64.self)),
            duplicateOf: try row.value("duplicate_of", as: Int64?.self).map(TicketNumber.init),
            rating: try row.value("rating", as: Int64?.self).map(Int.init),
            ratingComment: try row.value("rating_comment"),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
    }
}

extension TicketEvent {
    /// Every column, for SELECT and INSERT lists.
    static let columnList = CodingKeys.allCases.map(\.rawValue).joined(separator: ", ")

    init(row: PostgresRow) throws {
        let row = row.makeRandomAccess()
        self.init(
            ticketID: TicketNumber(try row.value("ticket_id")),
            sequence: Int(try row.value("sequence", as: Int64.self)),
            at: try row.date("at"),
            actor: ActorRef(kind: try row.raw("actor_kind"), id: try row.value("actor_id")),
            action: try row.raw("action"),
            fromState: try row.optionalRaw("from_state"),
            toState: try row.optionalRaw("to_state"),
            unitID: try row.value("unit_id"),
            reason: try row.value("reason"),
            visibility: try row.raw("visibility"))
    }

    /// Binds the event's values in ``columnList`` order.
    func bind(into bindings: inout PostgresBindings) {
        bindings.append(ticketID.sequence)
        bindings.append(Int64(sequence))
        bindings.append(at.timeIntervalSince1970)
        bindings.append(actorKind.rawValue)
        bindings.append(actorID)
        bindings.append(action.rawValue)
        bindings.append(fromState?.rawValue)
        bindings.append(toState?.rawValue)
        bindings.append(unitID)
        bindings.append(reason)
        bindings.append(visibility.rawValue)
    }
}

extension Conversation {
    init(row: PostgresRow) throws {
        let row = row.makeRandomAccess()
        self.init(
            id: try row.value("id"),
            channel: try row.value("channel"),
            room: try row.value("room"),
            user: try row.value("user"),
            dialogueState: try row.value("dialogue_state"),
            isFlaggedForHuman: try row.value("is_flagged_for_human"),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
    }
}

extension TranscriptMessage {
    /// Every column, for SELECT lists.
    static let selectList = CodingKeys.allCases.map(\.rawValue).joined(separator: ", ")

    init(row: PostgresRow) throws {
        let row = row.makeRandomAccess()
        self.init(
            id: try row.value("id"),
            conversationID: try row.value("conversation_id"),
            sequence: Int(try row.value("sequence", as: Int64.self)),
            at: try row.date("at"),
            direction: try row.raw("direction"),
            text: try row.value("text"),
            intent: try row.value("intent"),
            confidence: try row.value("confidence"))
    }
}

extension ServiceUnit {
    init(row: PostgresRow) throws {
        let row = row.makeRandomAccess()
        self.init(
            id: try row.value("id"), name: try row.value("name"),
            kind: UnitKind(rawValue: try row.value("kind")), categories: try row.value("categories"))
    }
}

extension PersonalDataReveal {
    init(row: PostgresRow) throws {
        let row = row.makeRandomAccess()
        self.init(
            at: try row.date("at"), actor: ActorRef(kind: try row.raw("actor_kind"), id: try row.value("actor_id")),
            subject: try row.value("subject"), what: try row.value("what"), reason: try row.value("reason"))
        id = try row.value("id")
    }
}

/// A query assembled from SQL text and bindings whose `$n` placeholders follow the bindings.
struct QueryBuilder {
    var sql: String
    var bindings = PostgresBindings()

    init(_ sql: String) { self.sql = sql }

    /// Appends a value and returns its placeholder.
    mutating func bind<T: PostgresDynamicTypeEncodable>(_ value: T) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    /// Appends a value or NULL and returns its placeholder.
    mutating func bind<T: PostgresDynamicTypeEncodable>(_ value: T?) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    /// Appends bytes (BYTEA) or NULL and returns its placeholder.
    mutating func bind(_ value: Data?) -> String {
        bind(value.map { ByteBuffer(bytes: $0) })
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}
