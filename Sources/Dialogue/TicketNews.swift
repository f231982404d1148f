import DispatchStore

extension Ticket {
    /// Whether a change to this ticket is worth telling its resident: not the creation they
    /// just made, and not the closing their own rating did.
    public var isNewsForResident: Bool {
        switch state {
        case .submitted: false
        case .closed: rating == nil
        default: true
        }
    }
}
