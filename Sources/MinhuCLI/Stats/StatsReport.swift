import DispatchStore
import Foundation

/// Everything `minhu stats` prints, gathered once so the table and `--json` agree.
struct StatsReport: Encodable {
    /// A median step time.
    struct StepMedian: Encodable {
        let step: String
        let name: String
        let span: String
        let count: Int
        let medianSeconds: TimeInterval?

        enum CodingKeys: String, CodingKey {
            case step, name, span, count
            case medianSeconds = "median_seconds"
        }
    }

    /// Tickets past a deadline now.
    struct Overdue: Encodable {
        let total: Int
        let dispatch: Int
        let resolve: Int
    }

    /// The residents' ratings.
    struct Satisfaction: Encodable {
        let rated: Int
        let average: Double?
    }

    let since: Date?
    let total: Int
    let byState: [String: Int]
    let byCategory: [String: Int]
    let byUnit: [String: Int]
    let medians: [StepMedian]
    let overdue: Overdue
    let satisfaction: Satisfaction

    enum CodingKeys: String, CodingKey {
        case since, total
        case byState = "by_state"
        case byCategory = "by_category"
        case byUnit = "by_unit"
        case medians = "median_step_times"
        case overdue, satisfaction
    }

    /// Gathers the report: counts and ratings from the store, medians from each ticket's history,
    /// overdue counts at `now`.
    static func gather(from store: any DispatchStore, since: Date?, now: Date) async throws -> StatsReport {
        let stats = try await store.stats(since: since)
        let tickets = try await store.tickets(matching: TicketFilter(since: since, limit: nil))
        var durations = StepDurations()
        for ticket in tickets { durations.add(try await store.events(of: ticket.id)) }
        let late = tickets.compactMap { $0.overdue(at: now) }
        return StatsReport(
            since: since,
            total: stats.total,
            byState: Dictionary(uniqueKeysWithValues: stats.byState.map { ($0.key.rawValue, $0.value) }),
            byCategory: stats.byCategory,
            byUnit: stats.byUnit,
            medians: StepDurations.steps.map { step in
                StepMedian(step: step.action.rawValue, name: step.action.chineseName, span: step.span,
                           count: durations.count(step), medianSeconds: durations.median(step))
            },
            overdue: Overdue(total: late.count, dispatch: late.filter { $0 == .dispatch }.count,
                             resolve: late.filter { $0 == .resolve }.count),
            satisfaction: Satisfaction(rated: stats.ratedCount, average: stats.averageRating))
    }
}
