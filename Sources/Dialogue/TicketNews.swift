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

extension TicketState {
    /// The state as a resident is told it: staff's workflow words (已办结（待验收）, 已抢单,
    /// 已验收) are jargon to them (QA).
    var residentName: String {
        switch self {
        case .submitted: "已登记"
        case .dispatched: "已派单"
        case .accepted, .claimed: "已接单"
        case .inProgress: "处理中"
        case .resolved, .verified: "已处理完"
        case .closed: "已完成"
        case .cancelled: "已取消"
        case .merged: "已合并处理"
        }
    }
}
