import Foundation
import GRDB

// Inserts on the hot path (ticket creation, transcript appends) through statements prepared
// once per connection. GRDB's record encoding and statement preparation cost several times
// what SQLite itself spends on these rows; here the values go straight to a cached statement.
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
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """
    private static let lastSequenceSQL = "SELECT MAX(sequence) FROM transcript_messages WHERE conversation_id = ?"

    /// Inserts a line at the end of its conversation; the id and sequence are assigned here.
    ///
    /// The sequence comes from `sequences` when it knows the conversation (one INSERT), else
    /// from the conversation's last line; a guess another connection made stale fails on the
    /// unique key (conversation, sequence) and is replaced by the looked-up one.
    @discardableResult
    static func append(_ line: TranscriptLine, at: Date, sequences: TranscriptSequences, _ db: Database) throws
        -> TranscriptMessage
    {
        if let guess = sequences.guess(for: line.conversationID) {
            do {
                return try insert(line, sequence: guess, at: at, sequences: sequences, db)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                // The failed INSERT undid itself (ON CONFLICT ABORT); the transaction goes on.
                sequences.forget(line.conversationID)
            }
        }
        let last = try Int.fetchOne(db.cachedStatement(sql: lastSequenceSQL), arguments: [line.conversationID]) ?? 0
        return try insert(line, sequence: last + 1, at: at, sequences: sequences, db)
    }

    private static func insert(_ line: TranscriptLine, sequence: Int, at: Date, sequences: TranscriptSequences,
                               _ db: Database) throws -> TranscriptMessage {
        try db.cachedStatement(sql: insertSQL).execute(arguments: [
            line.conversationID, sequence, at.timeIntervalSince1970, line.direction, line.text, line.intent,
            line.confidence,
        ])
        sequences.noteAppended(sequence, to: line.conversationID)
        return TranscriptMessage(
            id: db.lastInsertedRowID, conversationID: line.conversationID, sequence: sequence, at: at,
            direction: line.direction, text: line.text, intent: line.intent, confidence: line.confidence)
    }
}

private func makeInsertSQL(table: String, columns: [String]) -> String {
    "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
}
