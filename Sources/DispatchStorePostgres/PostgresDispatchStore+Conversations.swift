import DispatchStore
import Foundation
import PostgresNIO

extension PostgresDispatchStore {
    /// The unique constraint two concurrent appends to one transcript may both hit; the loser
    /// runs again and takes the next sequence number.
    static let transcriptSequenceConstraint = "transcript_messages_conversation_id_sequence_key"

    /// The conversations, with `updated_at` as the last activity: the later of the row's own
    /// time and its last transcript line's, as on SQLite, so appends leave the row alone.
    static let conversationsWithActivity = """
        (SELECT c.id, c.channel, c.room, c."user", c.dialogue_state, c.is_flagged_for_human, c.created_at,
                GREATEST(c.updated_at, COALESCE((SELECT m.at FROM transcript_messages m WHERE m.conversation_id = c.id
                                                  ORDER BY m.sequence DESC LIMIT 1), 0)) AS updated_at
         FROM conversations c) AS conversations
        """

    /// The most recent conversation with these keys, created if there is none.
    ///
    /// Two nodes opening the first conversation of one resident at the same instant may both
    /// create one; the later (higher id) is then the one both find from the next turn on.
    public func openConversation(channel: String, room: String, user: String) async throws -> Conversation {
        let existing = try await query("""
            SELECT * FROM \(unescaped: Self.conversationsWithActivity)
            WHERE channel = \(channel) AND room = \(room) AND "user" = \(user) ORDER BY id DESC LIMIT 1
            """)
        if let row = existing.first { return try Conversation(row: row) }
        let now = Self.now()
        let rows = try await query("""
            INSERT INTO conversations (channel, room, "user", is_flagged_for_human, created_at, updated_at)
            VALUES (\(channel), \(room), \(user), FALSE, \(now.timeIntervalSince1970), \(now.timeIntervalSince1970))
            RETURNING id
            """)
        guard let row = rows.first else { throw DispatchStoreError.storage("INSERT … RETURNING returned no row") }
        return Conversation(
            id: try row.decode(Int64.self), channel: channel, room: room, user: user, dialogueState: nil,
            isFlaggedForHuman: false, createdAt: now, updatedAt: now)
    }

    /// The conversation with this id, or nil.
    public func conversation(_ id: Int64) async throws -> Conversation? {
        try await query("SELECT * FROM \(unescaped: Self.conversationsWithActivity) WHERE id = \(id)")
            .first.map(Conversation.init(row:))
    }

    /// Stores the conversation engine's state for a conversation.
    public func saveDialogueState(_ state: Data?, for conversationID: Int64) async throws {
        let rows = try await query("""
            UPDATE conversations SET dialogue_state = \(state), updated_at = \(Self.now().timeIntervalSince1970)
            WHERE id = \(conversationID) RETURNING id
            """)
        guard !rows.isEmpty else { throw DispatchStoreError.conversationNotFound(conversationID) }
    }

    /// Flags a conversation for staff review, or clears the flag.
    public func setFlaggedForHuman(_ flagged: Bool, for conversationID: Int64) async throws {
        let rows = try await query("""
            UPDATE conversations SET is_flagged_for_human = \(flagged), updated_at = \(Self.now().timeIntervalSince1970)
            WHERE id = \(conversationID) RETURNING id
            """)
        guard !rows.isEmpty else { throw DispatchStoreError.conversationNotFound(conversationID) }
    }

    /// Conversations matching a filter, most recently active first.
    public func conversations(matching filter: ConversationFilter) async throws -> [Conversation] {
        var builder = QueryBuilder("SELECT * FROM \(Self.conversationsWithActivity)")
        var conditions: [String] = []
        if let since = filter.since { conditions.append("updated_at >= \(builder.bind(since.timeIntervalSince1970))") }
        if let channel = filter.channel { conditions.append("channel = \(builder.bind(channel))") }
        if let user = filter.user { conditions.append("\"user\" = \(builder.bind(user))") }
        if let flagged = filter.isFlaggedForHuman { conditions.append("is_flagged_for_human = \(builder.bind(flagged))") }
        if let intent = filter.intent {
            conditions.append("""
                EXISTS (SELECT 1 FROM transcript_messages m WHERE m.conversation_id = conversations.id AND m.intent = \(builder.bind(intent)))
                """)
        }
        if let text = filter.text, !text.isEmpty {
            conditions.append("""
                EXISTS (SELECT 1 FROM transcript_messages m
                        WHERE m.conversation_id = conversations.id AND m.text LIKE \(builder.bind(StoreSQL.containsPattern(text))) ESCAPE '\\')
                """)
        }
        if !conditions.isEmpty { builder.sql += " WHERE " + conditions.joined(separator: " AND ") }
        builder.sql += " ORDER BY updated_at DESC, id DESC"
        if let limit = filter.limit { builder.sql += " LIMIT \(builder.bind(Int64(max(0, limit))))" }
        return try await query(builder.query).map(Conversation.init(row:))
    }

    /// Appends a line to a transcript in one statement.
    @discardableResult
    public func appendMessage(_ line: TranscriptLine) async throws -> TranscriptMessage {
        let at = StoreSQL.storedTime(line.at ?? Date())
        let rows: [PostgresRow]
        do {
            rows = try await query(Self.appendQuery(line, at: at), retryingUniqueViolationOf: Self.transcriptSequenceConstraint)
        } catch let error as DispatchStoreError where error.isForeignKeyViolation {
            throw DispatchStoreError.conversationNotFound(line.conversationID)
        }
        return try Self.message(line, at: at, from: rows)
    }

    /// Appends a turn's lines and saves the dialogue state in one transaction.
    public func recordTurn(_ lines: [TranscriptLine], dialogueState: Data?, for conversationID: Int64) async throws {
        for line in lines where line.conversationID != conversationID {
            throw DispatchStoreError.invalidArgument("a turn's lines belong to its conversation")
        }
        // One statement, so one round trip and one commit for the whole turn (the hot path of
        // every conversation): the UPDATE proves the conversation exists and locks its row,
        // and the lines are inserted after its last line only if it matched.
        var builder = QueryBuilder("")
        let state = builder.bind(dialogueState)
        let now = builder.bind(Self.now().timeIntervalSince1970)
        let id = builder.bind(conversationID)
        var sql = """
            WITH conversation AS (
                UPDATE conversations SET dialogue_state = \(state), updated_at = \(now) WHERE id = \(id) RETURNING id
            )
            """
        if !lines.isEmpty {
            let rows = lines.enumerated().map { index, line in
                let at = StoreSQL.storedTime(line.at ?? Date()).timeIntervalSince1970
                return "(\(index + 1), \(builder.bind(at))::DOUBLE PRECISION, \(builder.bind(line.direction.rawValue))::TEXT, "
                    + "\(builder.bind(line.text))::TEXT, \(builder.bind(line.intent))::TEXT, "
                    + "\(builder.bind(line.confidence))::DOUBLE PRECISION)"
            }
            sql += """
                , appended AS (
                    INSERT INTO transcript_messages (conversation_id, sequence, at, direction, text, intent, confidence)
                    SELECT conversation.id, last.sequence + line.position, line.at, line.direction, line.text, line.intent,
                           line.confidence
                    FROM conversation,
                         (SELECT COALESCE(MAX(sequence), 0) AS sequence FROM transcript_messages WHERE conversation_id = \(id)) AS last,
                         (VALUES \(rows.joined(separator: ", "))) AS line (position, at, direction, text, intent, confidence)
                    RETURNING 1
                )
                """
        }
        sql += " SELECT id FROM conversation"
        builder.sql = sql
        let changed = try await query(builder.query, retryingUniqueViolationOf: Self.transcriptSequenceConstraint)
        guard !changed.isEmpty else { throw DispatchStoreError.conversationNotFound(conversationID) }
    }

    /// One page of transcript lines in id order, after a cursor.
    public func transcriptPage(of conversationID: Int64?, afterID: Int64?, limit: Int) async throws
        -> [TranscriptMessage]
    {
        var builder = QueryBuilder("SELECT \(TranscriptMessage.selectList) FROM transcript_messages")
        var conditions: [String] = []
        if let conversationID { conditions.append("conversation_id = \(builder.bind(conversationID))") }
        if let afterID { conditions.append("id > \(builder.bind(afterID))") }
        if !conditions.isEmpty { builder.sql += " WHERE " + conditions.joined(separator: " AND ") }
        builder.sql += " ORDER BY id LIMIT \(builder.bind(Int64(max(0, limit))))"
        return try await query(builder.query).map(TranscriptMessage.init(row:))
    }

    /// An insert at the end of a conversation's transcript; the id and sequence are assigned in it.
    private static func appendQuery(_ line: TranscriptLine, at: Date) -> PostgresQuery {
        """
        INSERT INTO transcript_messages (conversation_id, sequence, at, direction, text, intent, confidence)
        VALUES (\(line.conversationID),
                (SELECT COALESCE(MAX(sequence), 0) + 1 FROM transcript_messages WHERE conversation_id = \(line.conversationID)),
                \(at.timeIntervalSince1970), \(line.direction.rawValue), \(line.text), \(line.intent), \(line.confidence))
        RETURNING id, sequence
        """
    }

    private static func message(_ line: TranscriptLine, at: Date, from rows: [PostgresRow]) throws -> TranscriptMessage {
        guard let row = rows.first else { throw DispatchStoreError.storage("INSERT … RETURNING returned no row") }
        let (id, sequence) = try row.decode((Int64, Int64).self)
        return TranscriptMessage(
            id: id, conversationID: line.conversationID, sequence: Int(sequence), at: at,
            direction: line.direction, text: line.text, intent: line.intent, confidence: line.confidence)
    }
}
