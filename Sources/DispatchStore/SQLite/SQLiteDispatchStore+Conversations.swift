import Foundation
import GRDB

extension SQLiteDispatchStore {
    /// The most recent conversation with these keys, created if there is none.
    public func openConversation(channel: String, room: String, user: String) async throws -> Conversation {
        try await write { db in
            if let existing = try Conversation
                .filter(Column("channel") == channel && Column("room") == room && Column("user") == user)
                .order(Column("id").desc)
                .fetchOne(db)
            {
                return existing
            }
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
        try await read { db in try Conversation.fetchOne(db, key: id) }
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
        try await read { db in
            var request = Conversation.all()
            if let since = filter.since { request = request.filter(Column("updated_at") >= since.timeIntervalSince1970) }
            if let channel = filter.channel { request = request.filter(Column("channel") == channel) }
            if let flagged = filter.isFlaggedForHuman {
                request = request.filter(Column("is_flagged_for_human") == flagged)
            }
            if let intent = filter.intent {
                request = request.filter(sql: """
                    EXISTS (SELECT 1 FROM transcript_messages m
                            WHERE m.conversation_id = conversations.id AND m.intent = ?)
                    """, arguments: [intent])
            }
            if let text = filter.text, !text.isEmpty {
                request = request.filter(sql: """
                    EXISTS (SELECT 1 FROM transcript_messages m
                            WHERE m.conversation_id = conversations.id AND m.text LIKE ? ESCAPE '\\')
                    """, arguments: [Self.containsPattern(text)])
            }
            request = request.order(Column("updated_at").desc, Column("id").desc)
            if let limit = filter.limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    /// Appends a line to a transcript; concurrent appends share commits.
    @discardableResult
    public func appendMessage(_ line: TranscriptLine) async throws -> TranscriptMessage {
        try await write { db in
            let at = Self.storedTime(line.at ?? Date())
            // Touch the conversation first: it is the activity time, and it proves the conversation exists.
            try db.cachedStatement(sql: "UPDATE conversations SET updated_at = ? WHERE id = ?")
                .execute(arguments: [at.timeIntervalSince1970, line.conversationID])
            guard db.changesCount == 1 else { throw DispatchStoreError.conversationNotFound(line.conversationID) }
            return try TranscriptMessage.append(line, at: at, db)
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
