/// Where a ticket stands in the five-step workflow (接单、派单、跑单、验单、评单).
public enum TicketState: String, CaseIterable, Codable, Sendable {
    /// 下单: a resident's request became a ticket.
    case submitted
    /// 派单: staff sent it to a unit.
    case dispatched
    /// 接单: the unit took it.
    case accepted
    /// 抢单: a volunteer grabbed it first.
    case claimed
    /// 跑单: the work is under way.
    case inProgress = "in_progress"
    /// The work is done and waits for staff to check it.
    case resolved
    /// 验单: staff checked the work.
    case verified
    /// 评单: the resident rated it; nothing more happens unless it is reopened.
    case closed
    /// The resident withdrew it before work started.
    case cancelled
    /// It duplicated another ticket and was folded into it.
    case merged

    /// The name residents and staff read, in Chinese.
    public var chineseName: String {
        switch self {
        case .submitted: "已提交"
        case .dispatched: "已派单"
        case .accepted: "已接单"
        case .claimed: "已抢单"
        case .inProgress: "处理中"
        case .resolved: "已办结（待验收）"
        case .verified: "已验收"
        case .closed: "已完成"
        case .cancelled: "已取消"
        case .merged: "已合并"
        }
    }

    /// States in which nobody is expected to do anything more (reopening aside).
    public var isFinished: Bool {
        switch self {
        case .closed, .cancelled, .merged: true
        default: false
        }
    }

    /// States in which the work itself is not yet done, so a resolve deadline still runs.
    public var awaitsResolution: Bool {
        switch self {
        case .submitted, .dispatched, .accepted, .claimed, .inProgress: true
        default: false
        }
    }
}
