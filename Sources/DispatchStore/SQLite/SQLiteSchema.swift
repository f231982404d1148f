import GRDB

/// The SQLite schema, as an ordered list of migrations: append new ones, never edit old ones.
enum SQLiteSchema {
    // Times are REAL seconds since 1970 (see RecordConformances.swift).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1: conversations, transcripts, tickets, events, directory, audit") { db in
            try db.create(table: "conversations") { t in
                t.primaryKey("id", .integer)
                t.column("channel", .text).notNull()
                t.column("room", .text).notNull()
                t.column("user", .text).notNull()
                t.column("dialogue_state", .blob)
                t.column("is_flagged_for_human", .boolean).notNull().defaults(to: false)
                t.column("created_at", .double).notNull()
                t.column("updated_at", .double).notNull().indexed()
            }
            try db.create(index: "conversations_on_keys", on: "conversations", columns: ["channel", "room", "user"])

            try db.create(table: "transcript_messages") { t in
                t.primaryKey("id", .integer)
                t.column("conversation_id", .integer).notNull().references("conversations")
                t.column("sequence", .integer).notNull()
                t.column("at", .double).notNull()
                t.column("direction", .text).notNull()
                t.column("text", .text).notNull()
                t.column("intent", .text)
                t.column("confidence", .double)
                t.uniqueKey(["conversation_id", "sequence"])
            }

            try db.create(table: "tickets") { t in
                // Numbers are MAX(id)+1 under the write lock, and deletion is forbidden below,
                // so a number once told to a resident never comes back.
                t.primaryKey("id", .integer)
                t.column("category", .text).notNull()
                t.column("subcategory", .text)
                t.column("state", .text).notNull().indexed()
                t.column("priority", .text).notNull()
                t.column("is_emergency", .boolean).notNull()
                t.column("summary", .text).notNull()
                t.column("details", .text).notNull()
                t.column("address", .text)
                t.column("contact_phone", .text).indexed()
                t.column("conversation_id", .integer).indexed().references("conversations")
                t.column("channel", .text).notNull()
                t.column("source_message_id", .text)
                // No foreign key: a ticket may be dispatched before its unit is in the directory.
                t.column("unit_id", .text).indexed()
                t.column("assignee", .text)
                t.column("dispatch_due_at", .double)
                t.column("resolve_due_at", .double)
                t.column("reopen_count", .integer).notNull()
                t.column("duplicate_of", .integer).references("tickets")
                t.column("rating", .integer).check { $0 == nil || (1...5).contains($0) }
                t.column("rating_comment", .text)
                t.column("created_at", .double).notNull()
                t.column("updated_at", .double).notNull()
            }
            // Indexes cost every insert, so only lookups the bot and staff make often have one
            // (state, phone, conversation, unit). Newest-first lists walk the primary key, which
            // follows creation order; a handful of categories would make a useless index.

            // Idempotent creation: one ticket per (channel, source message).
            try db.create(
                index: "tickets_on_source", on: "tickets", columns: ["channel", "source_message_id"],
                options: .unique, condition: Column("source_message_id") != nil)

            try db.create(table: "ticket_events", options: .withoutRowID) { t in
                t.primaryKey {
                    t.column("ticket_id", .integer).references("tickets")
                    t.column("sequence", .integer)
                }
                t.column("at", .double).notNull()
                t.column("actor_kind", .text).notNull()
                t.column("actor_id", .text).notNull()
                t.column("action", .text).notNull()
                t.column("from_state", .text)
                t.column("to_state", .text)
                t.column("unit_id", .text)
                t.column("reason", .text)
                t.column("visibility", .text).notNull()
            }

            try db.create(table: "service_units") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull()
                // A JSON array: the directory is tens of rows, filtered in Swift.
                t.column("categories", .jsonText).notNull()
            }

            try db.create(table: "personal_data_reveals") { t in
                t.primaryKey("id", .integer)
                t.column("at", .double).notNull().indexed()
                t.column("actor_kind", .text).notNull()
                t.column("actor_id", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("what", .text).notNull()
                t.column("reason", .text)
            }

            // History and audit are append-only, enforced by the database itself so that no
            // code path (nor a staff member with the sqlite3 shell) rewrites them by accident.
            for table in ["ticket_events", "transcript_messages", "personal_data_reveals"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END;
                    CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END;
                    """)
            }
            try db.execute(sql: """
                CREATE TRIGGER tickets_no_delete BEFORE DELETE ON tickets
                BEGIN SELECT RAISE(ABORT, 'tickets are never deleted: cancel or merge them'); END;
                """)
        }

        migrator.registerMigration("v2: appends leave conversations alone") { db in
            // conversations.updated_at is now the last change of the row itself; lists add the
            // last transcript line (SQLiteDispatchStore.conversationsWithActivity), so the
            // index no longer serves them and would only cost writes.
            try db.drop(index: "conversations_on_updated_at")
        }

        migrator.registerMigration("v3: indexes for what the running service asks") { db in
            // After every turn of a resident with tickets, the dialogue asks for the ones waiting
            // for a rating: with (conversation, state) that is a seek, not a walk over all of the
            // conversation's tickets. It serves lookups by conversation alone as well.
            try db.drop(index: "tickets_on_conversation_id")
            try db.create(index: "tickets_on_conversation_state", on: "tickets", columns: ["conversation_id", "state"])
            // The update feed asks every second for tickets changed since the last question;
            // without this index each question walked the whole table (20 ms at 60,000 tickets).
            try db.create(index: "tickets_on_updated_at", on: "tickets", columns: ["updated_at"])
        }

        return migrator
    }
}
