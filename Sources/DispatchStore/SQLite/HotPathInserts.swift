import Foundation
import GRDB

// Inserts on the hot path (ticket creation, transcript appends) through statements prepared
// once per connection. GRDB's record encoding and statement preparation cost several times
// what SQLite itself spends on these rows; here the values go straight to a cached statement,
// and SQLite assigns ids and sequences inside the INSERT itself.
// Column lists come from the CodingKeys, so they stay in step with the record types, and the
// round-trip tests (a stored record reads back equal) catch a value in the wrong place.

extension Ticket {
    private static let insertSQL = makeInsertSQL(
        table: databaseTableName, columns: CodingKeys.allCases.filter { $0 != .id }.map(\.rawValue))

    /// Inserts a new ticket and sets its number: the next rowid, as no ticket is ever deleted.
    mutating func insertAsNew(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: [
            category, subcategory, state, priority, isEmergency, summary, details, address, contactPhone,
            conversationID, channel, sourceMessageID, unitID, assignee,
            dispatchDueAt?.timeIntervalSince1970, resolveDueAt?.timeIntervalSince1970,
            reopenCount, duplicateOf, rating, ratingComment,
            createdAt.timeIntervalSince1970, updatedAt.timeIntervalSince1970,
        ])
        id = TicketNumber(db.lastInsertedRowID)
    }
}

extension TicketEvent {
    private static let insertSQL = makeInsertSQL(
        table: databaseTableName, columns: CodingKeys.allCases.map(\.rawValue))

    func insertFast(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: [
            ticketID, sequence, at.timeIntervalSince1970, actorKind, actorID, action, fromState, toState,
            unitID, reason, visibility,
        ])
    }
}

extension TranscriptMessage {
    private static let insertSQL = """
        INSERT INTO transcript_messages (conversation_id, sequence, at, direction, text, intent, confidence)
        VALUES (?1, (SELECT COALESCE(MAX(sequence), 0) + 1 FROM transcript_messages WHERE conversation_id = ?1),
                ?2, ?3, ?4, ?5, ?6)
        RETURNING sequence
        """

    /// Inserts a line at the end of its conversation; the id and sequence are assigned here.
    @discardableResult
    static func append(_ line: TranscriptLine, at: Date, _ db: Database) throws -> TranscriptMessage {
        // A scalar fetch, not a Row: building a row's column-name index costs more than the insert.
        let sequence = try Int.fetchOne(db.cachedStatement(sql: insertSQL), arguments: [
            line.conversationID, at.timeIntervalSince1970, line.direction, line.text, line.intent, line.confidence,
        ])
        guard let sequence else { throw DispatchStoreError.storage("INSERT … RETURNING returned no row") }
        return TranscriptMessage(
            id: db.lastInsertedRowID, conversationID: line.conversationID, sequence: sequence, at: at,
            direction: line.direction, text: line.text, intent: line.intent, confidence: line.confidence)
    }
}

private func makeInsertSQL(table: String, columns: [String]) -> String {
    "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
}
