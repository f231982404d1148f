import DispatchStore

/// The PostgreSQL schema, as an ordered list of migrations: append new ones, never edit old ones.
///
/// The SQL keeps to what PostgreSQL-compatible distributed engines also run (CockroachDB,
/// YugabyteDB): plain tables, `BIGINT` keys from sequences, partial unique indexes,
/// `INSERT … ON CONFLICT`, data-modifying CTEs, `SELECT … FOR UPDATE`, savepoints. Two things
/// are PostgreSQL's own and optional: the append-only triggers (``Migration/guards``, skipped
/// with a warning on an engine without PL/pgSQL or TRUNCATE triggers) and `pg_notify` (the
/// store polls for ticket updates where it is missing).
///
/// Times are `DOUBLE PRECISION` seconds since 1970, as on SQLite: a Swift `Date` round-trips
/// exactly, so a ticket read back equals the ticket a write returned. In psql: `to_timestamp(created_at)`.
enum PostgresSchema {
    struct Migration {
        let version: Int
        let description: String
        /// What the schema needs: every statement must succeed.
        let statements: [String]
        /// Protections the store does not depend on (the append-only triggers): each runs in a
        /// savepoint, and an engine that lacks the feature gets a warning instead of a failure.
        var guards: [String] = []
    }

    /// The table recording which migrations ran; created before any migration.
    static let versionTable = """
        CREATE TABLE IF NOT EXISTS minhu_schema_versions (
            version BIGINT PRIMARY KEY,
            description TEXT NOT NULL,
            applied_at DOUBLE PRECISION NOT NULL
        )
        """

    static let migrations: [Migration] = [
        Migration(version: 1, description: "conversations, transcripts, tickets, events, directory, audit", statements: [
            // Ticket numbers come from a sequence, so nodes writing at once never hand out the
            // same number; a number lost to a rolled-back insert is a gap residents never see.
            "CREATE SEQUENCE ticket_numbers",
            "CREATE SEQUENCE conversation_ids",
            "CREATE SEQUENCE transcript_message_ids",
            "CREATE SEQUENCE personal_data_reveal_ids",
            """
            CREATE TABLE conversations (
                id BIGINT PRIMARY KEY DEFAULT nextval('conversation_ids'),
                channel TEXT NOT NULL,
                room TEXT NOT NULL,
                "user" TEXT NOT NULL,
                dialogue_state BYTEA,
                is_flagged_for_human BOOLEAN NOT NULL DEFAULT FALSE,
                created_at DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL
            )
            """,
            "CREATE INDEX conversations_on_keys ON conversations (channel, room, \"user\")",
            """
            CREATE TABLE transcript_messages (
                id BIGINT PRIMARY KEY DEFAULT nextval('transcript_message_ids'),
                conversation_id BIGINT NOT NULL REFERENCES conversations (id),
                sequence BIGINT NOT NULL,
                at DOUBLE PRECISION NOT NULL,
                direction TEXT NOT NULL,
                text TEXT NOT NULL,
                intent TEXT,
                confidence DOUBLE PRECISION,
                UNIQUE (conversation_id, sequence)
            )
            """,
            """
            CREATE TABLE tickets (
                id BIGINT PRIMARY KEY DEFAULT nextval('ticket_numbers'),
                category TEXT NOT NULL,
                subcategory TEXT,
                state TEXT NOT NULL,
                priority TEXT NOT NULL,
                is_emergency BOOLEAN NOT NULL,
                summary TEXT NOT NULL,
                details TEXT NOT NULL,
                address TEXT,
                contact_phone TEXT,
                conversation_id BIGINT REFERENCES conversations (id),
                channel TEXT NOT NULL,
                source_message_id TEXT,
                unit_id TEXT,
                assignee TEXT,
                dispatch_due_at DOUBLE PRECISION,
                resolve_due_at DOUBLE PRECISION,
                reopen_count BIGINT NOT NULL,
                duplicate_of BIGINT REFERENCES tickets (id),
                rating BIGINT CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
                rating_comment TEXT,
                created_at DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL
            )
            """,
            // The same lookups as on SQLite, plus updated_at: the update feed's catch-up query.
            "CREATE INDEX tickets_on_state ON tickets (state)",
            "CREATE INDEX tickets_on_contact_phone ON tickets (contact_phone)",
            "CREATE INDEX tickets_on_conversation_id ON tickets (conversation_id)",
            "CREATE INDEX tickets_on_unit_id ON tickets (unit_id)",
            "CREATE INDEX tickets_on_updated_at ON tickets (updated_at)",
            // Idempotent creation: one ticket per (channel, source message).
            """
            CREATE UNIQUE INDEX tickets_on_source ON tickets (channel, source_message_id)
            WHERE source_message_id IS NOT NULL
            """,
            """
            CREATE TABLE ticket_events (
                ticket_id BIGINT NOT NULL REFERENCES tickets (id),
                sequence BIGINT NOT NULL,
                at DOUBLE PRECISION NOT NULL,
                actor_kind TEXT NOT NULL,
                actor_id TEXT NOT NULL,
                action TEXT NOT NULL,
                from_state TEXT,
                to_state TEXT,
                unit_id TEXT,
                reason TEXT,
                visibility TEXT NOT NULL,
                PRIMARY KEY (ticket_id, sequence)
            )
            """,
            """
            CREATE TABLE service_units (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                categories TEXT[] NOT NULL
            )
            """,
            """
            CREATE TABLE personal_data_reveals (
                id BIGINT PRIMARY KEY DEFAULT nextval('personal_data_reveal_ids'),
                at DOUBLE PRECISION NOT NULL,
                actor_kind TEXT NOT NULL,
                actor_id TEXT NOT NULL,
                subject TEXT NOT NULL,
                what TEXT NOT NULL,
                reason TEXT
            )
            """,
            "CREATE INDEX personal_data_reveals_on_at ON personal_data_reveals (at)",
        ], guards: [
            // History and audit are append-only, enforced by the database itself so that no
            // code path (nor a staff member in psql) rewrites them by accident.
            """
            CREATE FUNCTION minhu_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
            END
            $$
            """,
            """
            CREATE FUNCTION minhu_refuse_ticket_delete() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'tickets are never deleted: cancel or merge them' USING ERRCODE = 'restrict_violation';
            END
            $$
            """,
        ] + ["ticket_events", "transcript_messages", "personal_data_reveals"].flatMap { table in
            [
                """
                CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table)
                FOR EACH ROW EXECUTE FUNCTION minhu_refuse_change()
                """,
                // Row triggers do not fire on TRUNCATE.
                """
                CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
                FOR EACH STATEMENT EXECUTE FUNCTION minhu_refuse_change()
                """,
            ]
        } + [
            """
            CREATE TRIGGER tickets_no_delete BEFORE DELETE ON tickets
            FOR EACH ROW EXECUTE FUNCTION minhu_refuse_ticket_delete()
            """,
        ]),
        Migration(version: 2, description: "a conversation's tickets by state", statements: [
            // After every turn of a resident with tickets, the dialogue asks for the ones waiting
            // for a rating: a seek on (conversation, state) instead of a walk over them all.
            "CREATE INDEX tickets_on_conversation_state ON tickets (conversation_id, state)",
            "DROP INDEX tickets_on_conversation_id",
        ]),
    ]
}
