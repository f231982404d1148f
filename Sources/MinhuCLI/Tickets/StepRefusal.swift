import DispatchStore

/// Why a workflow step was refused, in words a staff member can act on: the ticket's state, the
/// steps possible from it, who may take them, and which CLI subcommand does each.
enum StepRefusal {
    /// The message for a refused step on a ticket in `state`; every refusal wrote nothing.
    static func message(for error: any Error, state: TicketState) -> String {
        guard let error = error as? DispatchStoreError else { return "\(error)" }
        let written = "Nothing was written."
        switch error {
        case .illegalTransition(let ticket, let state, let action, _):
            return "cannot \(verb(action)) (\(action.chineseName)) \(ticket): it is \(state.bilingualName). \(written)\n"
                + nextSteps(from: state)
        case .actorNotPermitted(let ticket, let action, let actor, let permitted):
            return "\(actor.rawValue) may not \(verb(action)) (\(action.chineseName)) \(ticket); only "
                + permitted.map(\.rawValue).joined(separator: ", ") + " may (use --as). \(written)\n"
                + nextSteps(from: state)
        case .alreadyTaken(let ticket, let state, let assignee):
            return "\(ticket) is already taken" + (assignee.map { " by \($0)" } ?? "")
                + ": it is \(state.bilingualName). \(written)\n" + nextSteps(from: state)
        case .storage:
            return "\(error)"
        default:
            return "\(error). \(written)"
        }
    }

    /// The steps possible from a state, one a line: subcommand, Chinese name, who may take it.
    static func nextSteps(from state: TicketState) -> String {
        let rows = Workflow.transitions.filter { $0.from.contains(state) }
        guard !rows.isEmpty else { return "No further step is possible from \(state.bilingualName)." }
        var table = TextTable(["step", "名称", "who"])
        for row in rows {
            let who = ActorKind.allCases.filter(row.actors.contains).map(\.rawValue).joined(separator: ", ")
            table.append([verb(row.action), row.action.chineseName, "by " + who])
        }
        return "Possible next steps from \(state.bilingualName):\n" + table.rendered(indent: "  ", includingHeader: false)
    }

    /// The `minhu tickets` subcommand that takes an action.
    static func verb(_ action: TicketAction) -> String {
        switch action {
        case .close: "rate"
        case .sendBack: "return"
        default: action.rawValue
        }
    }
}
