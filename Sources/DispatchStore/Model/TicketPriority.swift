/// How urgently a ticket should be handled, as routing or staff set it.
public enum TicketPriority: String, CaseIterable, Codable, Sendable, Comparable {
    /// Can wait for the next working day.
    case low
    /// The usual case.
    case normal
    /// Affects daily life: no water, no power, a broken lift.
    case high
    /// Danger to people or property.
    case urgent

    private var rank: Int {
        switch self {
        case .low: 0
        case .normal: 1
        case .high: 2
        case .urgent: 3
        }
    }

    /// Orders priorities from low to urgent.
    public static func < (lhs: TicketPriority, rhs: TicketPriority) -> Bool { lhs.rank < rhs.rank }
}
