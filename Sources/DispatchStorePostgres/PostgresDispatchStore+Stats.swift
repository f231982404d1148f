import DispatchStore
import Foundation
import PostgresNIO

extension PostgresDispatchStore {
    /// Counts and timings over the tickets created since a time.
    public func stats(since: Date?) async throws -> DispatchStats {
        // Times are seconds since 1970, so 0 covers "all".
        let since = since?.timeIntervalSince1970 ?? 0
        func counts(by column: String) async throws -> [String: Int] {
            let rows = try await query("""
                SELECT \(unescaped: column), COUNT(*) FROM tickets
                WHERE created_at >= \(since) AND \(unescaped: column) IS NOT NULL GROUP BY \(unescaped: column)
                """)
            return Dictionary(uniqueKeysWithValues: try rows.map { row in
                let (key, count) = try row.decode((String, Int64).self)
                return (key, Int(count))
            })
        }
        let byState = try await counts(by: "state")
        let rating = try await query("""
            SELECT COUNT(rating), AVG(rating)::DOUBLE PRECISION FROM tickets WHERE created_at >= \(since)
            """).first?.decode((Int64, Double?).self)
        var timings: [DispatchStats.StepTiming] = []
        for step in DispatchStats.measuredSteps {
            let row = try await query("""
                SELECT COUNT(*), AVG(b.at - a.at)
                FROM (SELECT ticket_id, MIN(at) AS at FROM ticket_events WHERE action = \(step.from.rawValue) GROUP BY ticket_id) a
                JOIN (SELECT ticket_id, MIN(at) AS at FROM ticket_events WHERE action = \(step.to.rawValue) GROUP BY ticket_id) b
                  ON b.ticket_id = a.ticket_id
                JOIN tickets t ON t.id = a.ticket_id
                WHERE t.created_at >= \(since)
                """).first?.decode((Int64, Double?).self)
            timings.append(DispatchStats.StepTiming(
                from: step.from, to: step.to, count: Int(row?.0 ?? 0), averageSeconds: row?.1))
        }
        return DispatchStats(
            total: byState.values.reduce(0, +),
            byState: Dictionary(uniqueKeysWithValues: byState.compactMap { key, value in
                TicketState(rawValue: key).map { ($0, value) }
            }),
            byCategory: try await counts(by: "category"),
            byUnit: try await counts(by: "unit_id"),
            stepTimings: timings,
            ratedCount: Int(rating?.0 ?? 0),
            averageRating: rating?.1)
    }
}
