import Foundation
import GRDB

extension SQLiteDispatchStore {
    /// Counts and timings over the tickets created since a time.
    public func stats(since: Date?) async throws -> DispatchStats {
        try await read { db in
            // Times are seconds since 1970, so 0 covers "all".
            let since = since?.timeIntervalSince1970 ?? 0
            func counts(by column: String) throws -> [String: Int] {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT \(column) AS k, COUNT(*) AS n FROM tickets
                    WHERE created_at >= ? AND \(column) IS NOT NULL GROUP BY \(column)
                    """, arguments: [since])
                return Dictionary(uniqueKeysWithValues: rows.map { ($0["k"] as String, $0["n"] as Int) })
            }
            let byState = try counts(by: "state")
            let rating = try Row.fetchOne(db, sql: """
                SELECT COUNT(rating) AS n, AVG(rating) AS average FROM tickets WHERE created_at >= ?
                """, arguments: [since])
            let timings = try DispatchStats.measuredSteps.map { step in
                let row = try Row.fetchOne(db, sql: """
                    SELECT COUNT(*) AS n, AVG(b.at - a.at) AS average
                    FROM (SELECT ticket_id, MIN(at) AS at FROM ticket_events WHERE action = ? GROUP BY ticket_id) a
                    JOIN (SELECT ticket_id, MIN(at) AS at FROM ticket_events WHERE action = ? GROUP BY ticket_id) b
                      ON b.ticket_id = a.ticket_id
                    JOIN tickets t ON t.id = a.ticket_id
                    WHERE t.created_at >= ?
                    """, arguments: [step.from, step.to, since])
                return DispatchStats.StepTiming(
                    from: step.from, to: step.to, count: row?["n"] ?? 0, averageSeconds: row?["average"])
            }
            return DispatchStats(
                total: byState.values.reduce(0, +),
                byState: Dictionary(uniqueKeysWithValues: byState.compactMap { key, value in
                    TicketState(rawValue: key).map { ($0, value) }
                }),
                byCategory: try counts(by: "category"),
                byUnit: try counts(by: "unit_id"),
                stepTimings: timings,
                ratedCount: rating?["n"] ?? 0,
                averageRating: rating?["average"])
        }
    }
}
