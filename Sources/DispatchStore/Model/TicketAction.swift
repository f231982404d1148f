/// Something that happened to a ticket: a workflow transition, its creation, or a note.
public enum TicketAction: String, CaseIterable, Codable, Sendable {
    /// 下单: the ticket was created.
    case submit
    /// 派单: staff send it to a unit.
    case dispatch
    /// 接单: the unit accepts it.
    case accept
    /// 抢单: a volunteer claims it, first come first served.
    case claim
    /// 跑单: work starts.
    case start
    /// The work is reported done.
    case resolve
    /// 验单: staff confirm the work.
    case verify
    /// 评单: the resident rates the work, which closes the ticket.
    case close
    /// 退单: the unit sends a misrouted ticket back to be dispatched again.
    case sendBack = "send_back"
    /// 重办: the work was not good enough; dispatch it again.
    case reopen
    /// The resident withdraws the request before work starts.
    case cancel
    /// The ticket duplicates another and is folded into it.
    case merge
    /// A note on the ticket, public or internal; changes no state.
    case note

    /// The name staff and residents read, in Chinese.
    public var chineseName: String {
        switch self {
        case .submit: "下单"
        case .dispatch: "派单"
        case .accept: "接单"
        case .claim: "抢单"
        case .start: "跑单"
        case .resolve: "办结"
        case .verify: "验单"
        case .close: "评单"
        case .sendBack: "退单"
        case .reopen: "重办"
        case .cancel: "取消"
        case .merge: "合并"
        case .note: "备注"
        }
    }
}
