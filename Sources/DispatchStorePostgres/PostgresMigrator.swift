import DispatchStore
import Foundation
import Logging
import PostgresNIO

/// Brings a schema up to the newest ``PostgresSchema`` migration; safe with several nodes
/// starting at once.
///
/// Each migration runs in one transaction together with the insert of its version row. Two
/// nodes migrating at once both try that insert; the second waits on the first's uncommitted
/// row, then finds the version taken and rolls back its attempt. This needs no advisory locks,
/// which the distributed engines lack.
struct PostgresMigrator {
    let client: PostgresClient
    let schema: String?
    let logger: Logger

    func migrate() async throws {
        // Checked by PostgresStoreConfiguration to be a plain identifier.
        let schemaStatement = schema.map { "CREATE SCHEMA IF NOT EXISTS \($0)" }
        for statement in [schemaStatement, PostgresSchema.versionTable].compactMap({ $0 }) {
            do {
                try await client.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            } catch where ["23505", "42P06", "42P07"].contains(PostgresErrors.sqlState(error) ?? "") {
                // Two nodes creating the same schema or table at once: IF NOT EXISTS does not
                // cover the race, the loser's catalog insert fails, and the winner's is committed.
            }
        }
        let applied = try await client.query("SELECT version FROM minhu_schema_versions", logger: logger)
            .collect().map { try $0.decode(Int64.self) }
        for migration in PostgresSchema.migrations where !applied.contains(Int64(migration.version)) {
            try await apply(migration)
        }
    }

    private func apply(_ migration: PostgresSchema.Migration) async throws {
        try await PostgresErrors.retrying(logger: logger) {
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    let claimed = try await connection.query("""
                        INSERT INTO minhu_schema_versions (version, description, applied_at)
                        VALUES (\(Int64(migration.version)), \(migration.description), \(Date().timeIntervalSince1970))
                        ON CONFLICT (version) DO NOTHING RETURNING version
                        """, logger: logger).collect()
                    if !claimed.isEmpty {
                        for statement in migration.statements {
                            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                        }
                        for statement in migration.guards {
                            try await connection.query("SAVEPOINT minhu_guard", logger: logger)
                            do {
                                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                                try await connection.query("RELEASE SAVEPOINT minhu_guard", logger: logger)
                            } catch {
                                try await connection.query("ROLLBACK TO SAVEPOINT minhu_guard", logger: logger)
                                logger.warning("append-only guard not installed: this engine lacks the feature", metadata: [
                                    "error": "\(PostgresErrors.describe(error))",
                                    "statement": "\(statement.prefix(60))"])
                            }
                        }
                        logger.info("migrated dispatch store", metadata: [
                            "version": "\(migration.version)", "migration": "\(migration.description)"])
                    }
                    try await connection.query("COMMIT", logger: logger)
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }
}
