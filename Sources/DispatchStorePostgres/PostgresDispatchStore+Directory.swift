import DispatchStore
import Foundation
import PostgresNIO

extension PostgresDispatchStore {
    /// Adds a unit or volunteer to the directory, or replaces the entry with the same id.
    public func saveUnit(_ unit: ServiceUnit) async throws {
        try await query("""
            INSERT INTO service_units (id, name, kind, categories)
            VALUES (\(unit.id), \(unit.name), \(unit.kind.rawValue), \(unit.categories))
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, categories = excluded.categories
            """)
    }

    /// The whole directory, by id.
    public func units() async throws -> [ServiceUnit] {
        try await query("SELECT id, name, kind, categories FROM service_units ORDER BY id").map(ServiceUnit.init(row:))
    }

    /// Records that a staff member revealed personal data.
    @discardableResult
    public func recordReveal(_ reveal: PersonalDataReveal) async throws -> PersonalDataReveal {
        var entry = reveal
        entry.at = StoreSQL.storedTime(entry.at)
        let rows = try await query("""
            INSERT INTO personal_data_reveals (at, actor_kind, actor_id, subject, what, reason)
            VALUES (\(entry.at.timeIntervalSince1970), \(entry.actorKind.rawValue), \(entry.actorID), \(entry.subject),
                    \(entry.what), \(entry.reason))
            RETURNING id
            """)
        guard let row = rows.first else { throw DispatchStoreError.storage("INSERT … RETURNING returned no row") }
        entry.id = try row.decode(Int64.self)
        return entry
    }

    /// Recorded reveals since a time, newest first.
    public func reveals(since: Date?, limit: Int?) async throws -> [PersonalDataReveal] {
        var builder = QueryBuilder("SELECT id, at, actor_kind, actor_id, subject, what, reason FROM personal_data_reveals")
        if let since { builder.sql += " WHERE at >= \(builder.bind(since.timeIntervalSince1970))" }
        builder.sql += " ORDER BY id DESC"
        if let limit { builder.sql += " LIMIT \(builder.bind(Int64(max(0, limit))))" }
        return try await query(builder.query).map(PersonalDataReveal.init(row:))
    }
}
