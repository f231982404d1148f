import Foundation
import GRDB

extension SQLiteDispatchStore {
    /// The most recent conversation with these keys, created if there is none.
    public func openConversation(channel: String, room: String, user: String) async throws -> Conversation {
        // Every turn opens its conversation: a read in the common case, so turns do not queue
        // behind the writer for it. The statement is prepared once per connection: compiling
        // it cost more than running it.
        @Sendable func existing(_ db: Database) throws -> Conversation? {
            try Conversation.fetchOne(db.cachedStatement(sql: Self.latestConversationSQL), arguments: [channel, room, user])
        }
        if let found = try await read(batched: true, existing) { return found }
        return try await write { db in
            if let found = try existing(db) { return found }
            let now = Self.now()
            let conversation = Conversation(
                id: try Self.nextID(in: Conversation.databaseTableName, db), channel: channel, room: room,
                user: user, dialogueState: nil, isFlaggedForHuman: false, createdAt: now, updatedAt: now)
            try conversation.insert(db)
            return conversation
        }
    }

    /// The conversation with this id, or nil.
    public func conversation(_ id: Int64) async throws -> Conversation? {
        try await read { db in
            try Conversation.fetchOne(db, sql: "SELECT * FROM \(Self.conversationsWithActivity) WHERE id = ?", arguments: [id])
        }
    }

    /// Stores the conversation engine's state for a conversation.
    public func saveDialogueState(_ state: Data?, for conversationID: Int64) async throws {
        try await updateConversation(conversationID, column: "dialogue_state", to: state.databaseValue)
    }

    /// Flags a conversation for staff review, or clears the flag.
    public func setFlaggedForHuman(_ flagged: Bool, for conversationID: Int64) async throws {
        try await updateConversation(conversationID, column: "is_flagged_for_human", to: flagged.databaseValue)
    }

    private func updateConversation(_ id: Int64, column: String, to value: DatabaseValue) async throws {
        try await write { db in
            let changed = try Conversation.filter(key: id).updateAll(
                db, Column(column).set(to: value), Column("updated_at").set(to: Self.now().timeIntervalSince1970))
            guard changed == 1 else { throw DispatchStoreError.conversationNotFound(id) }
        }
    }

    /// Conversations matching a filter, most recently active first.
    public func conversations(matching filter: ConversationFilter) async throws -> [Conversation] {
        var conditions = SQLConditions()
        if let since = filter.since { conditions.add("updated_at >= ?", [since.timeIntervalSince1970]) }
        if let channel = filter.channel { conditions.add("channel = ?", [channel]) }
        if let user = filter.user { conditions.add("\"user\" = ?", [user]) }
        if let flagged = filter.isFlaggedForHuman { conditions.add("is_flagged_for_human = ?", [flagged]) }
        if let intent = filter.intent {
            conditions.add("""
                EXISTS (SELECT 1 FROM transcript_messages m WHERE m.conversation_id = conversations.id AND m.intent = ?)
                """, [intent])
        }
        if let text = filter.text, !text.isEmpty {
            conditions.add("""
                EXISTS (SELECT 1 FROM transcript_messages m
                        WHERE m.conversation_id = conversations.id AND m.text LIKE ? ESCAPE '\\')
                """, [StoreSQL.containsPattern(text)])
        }
        var sql = "SELECT * FROM \(Self.conversationsWithActivity)" + conditions.whereClause
        var arguments = conditions.arguments
        sql += " ORDER BY updated_at DESC, id DESC"
        if let limit = filter.limit {
            sql += " LIMIT ?"
            arguments += [limit]
        }
        let request = SQLRequest<Conversation>(sql: sql, arguments: arguments)
        return try await read { db in try request.fetchAll(db) }
    }

    /// The conversations, with `updated_at` as the last activity: the later of the row's own
    /// time (dialogue state, flag) and the time of its last transcript line, found through the
    /// (conversation_id, sequence) index. Appends leave the conversation row alone, which keeps
    /// each append to a single statement.
    static let conversationsWithActivity = """
        (SELECT c.id, c.channel, c.room, c.user, c.dialogue_state, c.is_flagged_for_human, c.created_at,
                MAX(c.updated_at, COALESCE((SELECT m.at FROM transcript_messages m WHERE m.conversation_id = c.id
                                            ORDER BY m.sequence DESC LIMIT 1), 0)) AS updated_at
         FROM conversations c) AS conversations
        """

    /// The newest conversation of a channel, room and user (built once: it is asked every turn).
    static let latestConversationSQL = """
        SELECT * FROM \(conversationsWithActivity) WHERE channel = ? AND room = ? AND user = ?
        ORDER BY id DESC LIMIT 1
        """

    /// Appends a line to a transcript; concurrent appends share commits.
    @discardableResult
    public func appendMessage(_ line: TranscriptLine) async throws -> TranscriptMessage {
        let at = Self.storedTime(line.at ?? Date())
        let sequences = self.sequences
        return try await write { db in
            do {
                return try TranscriptMessage.append(line, at: at, sequences: sequences, db)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
                throw DispatchStoreError.conversationNotFound(line.conversationID)
            }
        }
    }

    /// Appends a turn's lines and saves the dialogue state in one durable commit.
    public func recordTurn(_ lines: [TranscriptLine], dialogueState: Data?, for conversationID: Int64) async throws {
        let sequences = self.sequences
        try await write { db in
            // The state first: it proves the conversation exists before any line is appended.
            try db.cachedStatement(sql: "UPDATE conversations SET dialogue_state = ?, updated_at = ? WHERE id = ?")
                .execute(arguments: [dialogueState, Self.now().timeIntervalSince1970, conversationID])
            guard db.changesCount == 1 else { throw DispatchStoreError.conversationNotFound(conversationID) }
            for line in lines {
                guard line.conversationID == conversationID else {
                    throw DispatchStoreError.invalidArgument("a turn's lines belong to its conversation")
                }
                try TranscriptMessage.append(line, at: Self.storedTime(line.at ?? Date()), sequences: sequences, db)
            }
        }
    }

    /// One page of transcript lines in id order, after a cursor.
    public func transcriptPage(of conversationID: Int64?, afterID: Int64?, limit: Int) async throws
        -> [TranscriptMessage]
    {
        try await read { db in
            var request = TranscriptMessage.all()
            if let conversationID { request = request.filter(Column("conversation_id") == conversationID) }
            if let afterID { request = request.filter(Column("id") > afterID) }
            return try request.order(Column("id")).limit(max(0, limit)).fetchAll(db)
        }
    }
}
