import Foundation
import GRDB

extension SQLiteDispatchStore {
    /// Adds a unit or volunteer to the directory, or replaces the entry with the same id.
    public func saveUnit(_ unit: ServiceUnit) async throws {
        try await write { db in try unit.upsert(db) }
    }

    /// The whole directory, by id.
    public func units() async throws -> [ServiceUnit] {
        try await read { db in try ServiceUnit.order(Column("id")).fetchAll(db) }
    }

    /// Records that a staff member revealed personal data.
    @discardableResult
    public func recordReveal(_ reveal: PersonalDataReveal) async throws -> PersonalDataReveal {
        try await write { db in
            var entry = reveal
            entry.at = Self.storedTime(entry.at)
            entry.id = try Self.nextID(in: PersonalDataReveal.databaseTableName, db)
            try entry.insert(db)
            return entry
        }
    }

    /// Recorded reveals since a time, newest first.
    public func reveals(since: Date?, limit: Int?) async throws -> [PersonalDataReveal] {
        try await read { db in
            var request = PersonalDataReveal.order(Column("id").desc)
            if let since { request = request.filter(Column("at") >= since.timeIntervalSince1970) }
            if let limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }
}
