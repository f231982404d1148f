import DispatchStore
import Foundation

/// Everything `minhu stats` prints, gathered once so the table and `--json` agree.
struct StatsReport: Encodable {
    /// A median step time.
    struct StepMedian: Encodable {
        /// The step's action (`dispatch`).
        let step: String
        /// The step's Chinese name (派单).
        let name: String
        /// From which event to which (下单→派单).
        let span: String
        /// How many tickets went through the step.
        let count: Int
        /// The median time in seconds; nil when no ticket did.
        let medianSeconds: TimeInterval?

        /// snake_case keys, as the store's own records use.
        enum CodingKeys: String, CodingKey {
            case step, name, span, count
            case medianSeconds = "median_seconds"
        }
    }

    /// Tickets past a deadline now.
    struct Overdue: Encodable {
        /// All overdue tickets.
        let total: Int
        /// Tickets past their dispatch deadline.
        let dispatch: Int
        /// Tickets past their resolve deadline.
        let resolve: Int
    }

    /// The residents' ratings.
    struct Satisfaction: Encodable {
        /// How many tickets were rated.
        let rated: Int
        /// The mean rating, nil when none was.
        let average: Double?
    }

    /// Printed as `since`.
    let since: Date?
    /// Printed as `total`.
    let total: Int
    /// Printed as `by_state`.
    let byState: [String: Int]
    /// Printed as `by_category`.
    let byCategory: [String: Int]
    /// Printed as `by_unit`.
    let byUnit: [String: Int]
    /// Printed as `medians`.
    let medians: [StepMedian]
    /// Printed as `overdue`.
    let overdue: Overdue
    /// Printed as `satisfaction`.
    let satisfaction: Satisfaction

    /// snake_case keys, as the store's own records use.
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
