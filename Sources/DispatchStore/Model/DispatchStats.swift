import Foundation

/// Counts and timings for staff: how much there is, where it is stuck, how residents rate it.
public struct DispatchStats: Hashable, Codable, Sendable {
    /// The time between the first occurrence of two actions on the same ticket, averaged.
    public struct StepTiming: Hashable, Codable, Sendable {
        /// The earlier action.
        public var from: TicketAction
        /// The later action.
        public var to: TicketAction
        /// How many tickets have both.
        public var count: Int
        /// The mean time between them, in seconds; nil when no ticket has both.
        public var averageSeconds: TimeInterval?

        /// Creates a timing.
        public init(from: TicketAction, to: TicketAction, count: Int, averageSeconds: TimeInterval?) {
            self.from = from
            self.to = to
            self.count = count
            self.averageSeconds = averageSeconds
        }
    }

    /// The steps whose timings staff look at: time to dispatch, to take, to finish, to check, to rate.
    public static let measuredSteps: [(from: TicketAction, to: TicketAction)] = [
        (.submit, .dispatch), (.dispatch, .accept), (.dispatch, .claim), (.dispatch, .resolve),
        (.resolve, .verify), (.verify, .close), (.submit, .close),
    ]

    /// All tickets counted.
    public var total: Int
    /// Tickets per state.
    public var byState: [TicketState: Int]
    /// Tickets per category.
    public var byCategory: [String: Int]
    /// Tickets per unit; undispatched tickets are not counted here.
    public var byUnit: [String: Int]
    /// Timings of ``measuredSteps``, in that order.
    public var stepTimings: [StepTiming]
    /// How many tickets were rated.
    public var ratedCount: Int
    /// The mean rating, nil if none was rated.
    public var averageRating: Double?

    /// Creates statistics; backends fill them in.
    public init(
        total: Int, byState: [TicketState: Int], byCategory: [String: Int], byUnit: [String: Int],
        stepTimings: [StepTiming], ratedCount: Int, averageRating: Double?
    ) {
        self.total = total
        self.byState = byState
        self.byCategory = byCategory
        self.byUnit = byUnit
        self.stepTimings = stepTimings
        self.ratedCount = ratedCount
        self.averageRating = averageRating
    }
}
