import GRDB

// How the model types map onto SQLite: the records are plain Codable structs whose
// CodingKeys are the column names, and the enums are stored as their raw text.
//
// Times are stored as REAL seconds since 1970 rather than GRDB's default text: formatting text
// dates costs more than the rest of a ticket insert, and a number round-trips exactly, so a
// ticket read back equals the ticket returned (see SQLiteDispatchStore.storedTime).
// In the sqlite3 shell: datetime(created_at, 'unixepoch').

extension TicketNumber: DatabaseValueConvertible {
    /// The sequence, as an integer key.
    public var databaseValue: DatabaseValue { sequence.databaseValue }

    /// Reads a number from its integer key.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> TicketNumber? {
        Int64.fromDatabaseValue(dbValue).map(TicketNumber.init)
    }
}

extension TicketState: DatabaseValueConvertible {}
extension TicketAction: DatabaseValueConvertible {}
extension TicketPriority: DatabaseValueConvertible {}
extension ActorKind: DatabaseValueConvertible {}
extension EventVisibility: DatabaseValueConvertible {}
extension MessageDirection: DatabaseValueConvertible {}
extension UnitKind: DatabaseValueConvertible {}

extension Ticket: FetchableRecord, PersistableRecord {
    /// The `tickets` table.
    public static let databaseTableName = "tickets"

    /// Seconds since 1970, as a number.
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    /// Seconds since 1970, as a number.
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}

extension TicketEvent: FetchableRecord, PersistableRecord {
    /// The `ticket_events` table.
    public static let databaseTableName = "ticket_events"

    /// Seconds since 1970, as a number.
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    /// Seconds since 1970, as a number.
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}

extension Conversation: FetchableRecord, PersistableRecord {
    /// The `conversations` table.
    public static let databaseTableName = "conversations"

    /// Seconds since 1970, as a number.
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    /// Seconds since 1970, as a number.
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}

extension TranscriptMessage: FetchableRecord, PersistableRecord {
    /// The `transcript_messages` table.
    public static let databaseTableName = "transcript_messages"

    /// Seconds since 1970, as a number.
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    /// Seconds since 1970, as a number.
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}

extension ServiceUnit: FetchableRecord, PersistableRecord {
    /// The `service_units` table.
    public static let databaseTableName = "service_units"
}

extension PersonalDataReveal: FetchableRecord, PersistableRecord {
    /// The `personal_data_reveals` table.
    public static let databaseTableName = "personal_data_reveals"

    /// Seconds since 1970, as a number.
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    /// Seconds since 1970, as a number.
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}
