import DispatchStore
import Foundation

/// The three steps staff are measured on, and the median time each takes, from ticket histories.
///
/// The store reports mean times; a median is what staff quote, since one ticket forgotten over a
/// holiday would drag a mean far from the usual experience.
struct StepDurations {
    /// One measured step: from the first event of one kind to the first event of another.
    struct Step: Sendable {
        /// The step's action, as the workflow names it.
        let action: TicketAction
        /// `下单→派单`.
        let span: String
        /// The events that start the clock (the first of them counts).
        let from: Set<TicketAction>
        /// The events that stop it (the first of them counts).
        let to: Set<TicketAction>
    }

    /// 派单 (created → dispatched), 接单 (dispatched → accepted or claimed), 办结 (taken → resolved).
    static let steps: [Step] = [
        Step(action: .dispatch, span: "下单→派单", from: [.submit], to: [.dispatch]),
        Step(action: .accept, span: "派单→接单/抢单", from: [.dispatch], to: [.accept, .claim]),
        Step(action: .resolve, span: "接单→办结", from: [.accept, .claim], to: [.resolve]),
    ]

    /// Each step's durations in seconds, one per ticket that went through it.
    private(set) var durations: [TicketAction: [TimeInterval]] = [:]

    /// Adds one ticket's history.
    mutating func add(_ events: [TicketEvent]) {
        for step in Self.steps {
            guard let start = events.first(where: { step.from.contains($0.action) })?.at,
                  let end = events.first(where: { step.to.contains($0.action) })?.at, end >= start
            else { continue }
            durations[step.action, default: []].append(end.timeIntervalSince(start))
        }
    }

    /// How many tickets went through a step.
    func count(_ step: Step) -> Int { durations[step.action]?.count ?? 0 }

    /// The median duration of a step in seconds, nil when no ticket went through it.
    func median(_ step: Step) -> TimeInterval? {
        Self.median(of: durations[step.action] ?? [])
    }

    /// The middle value, or the mean of the two middle values of an even count.
    static func median(of values: [TimeInterval]) -> TimeInterval? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
