/// A request to move a ticket along the workflow, with what that step needs.
///
/// Whether it is allowed depends on the ticket's state and the actor's kind; see ``Workflow``.
public enum TicketCommand: Hashable, Sendable {
    /// 派单 to a unit of the directory.
    case dispatch(unitID: String)
    /// 接单 by the unit it was dispatched to.
    case accept
    /// 抢单 by a volunteer; only one claim can win.
    case claim
    /// 跑单: work starts.
    case start
    /// The work is done; an optional public note for the resident.
    case resolve(note: String? = nil)
    /// 验单 by staff.
    case verify
    /// 评单: the resident's rating (1–5) closes the ticket.
    case close(rating: Int, comment: String? = nil)
    /// 退单: back to the dispatcher, with the reason it was misrouted.
    case sendBack(reason: String)
    /// 重办: dispatch again, with the reason the work was not accepted.
    case reopen(reason: String)
    /// Withdrawn by the resident before work starts.
    case cancel(reason: String? = nil)
    /// Folded into the original ticket it duplicates.
    case merge(into: TicketNumber)

    /// The workflow action this command performs.
    public var action: TicketAction {
        switch self {
        case .dispatch: .dispatch
        case .accept: .accept
        case .claim: .claim
        case .start: .start
        case .resolve: .resolve
        case .verify: .verify
        case .close: .close
        case .sendBack: .sendBack
        case .reopen: .reopen
        case .cancel: .cancel
        case .merge: .merge
        }
    }

    /// The reason or note the command carries, recorded on its event.
    public var reason: String? {
        switch self {
        case .resolve(let note): note
        case .close(_, let comment): comment
        case .sendBack(let reason), .reopen(let reason): reason
        case .cancel(let reason): reason
        case .merge(let original): "merged into \(original)"
        case .dispatch, .accept, .claim, .start, .verify: nil
        }
    }
}
