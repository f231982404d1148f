import DispatchStore
import Foundation

extension Ticket {
    /// `repair / light`, or just the category.
    var categoryLabel: String {
        subcategory.map { "\(category) / \($0)" } ?? category
    }

    /// The deadline that currently runs: dispatch while submitted, resolve until the work is done.
    var runningDeadline: Date? {
        if state == .submitted, let dispatchDueAt { return dispatchDueAt }
        return state.awaitsResolution ? resolveDueAt : nil
    }

    /// The due column: the running deadline, marked 超时 when missed; `—` when none runs.
    func dueLabel(now: Date) -> String {
        guard let due = runningDeadline else { return "—" }
        return StaffTime.short(due) + (overdue(at: now) != nil ? " 超时" : "")
    }
}

extension TicketEvent {
    /// `已提交 submitted → 已派单 dispatched`, `→ 已提交 submitted` for the creation, empty for notes.
    var transitionLabel: String {
        switch (fromState, toState) {
        case let (from?, to?): "\(from.bilingualName) → \(to.bilingualName)"
        case (nil, let to?): "→ \(to.bilingualName)"
        default: ""
        }
    }

    /// What the event says beyond the transition: the unit for dispatch and accept, the reason or
    /// note, and whether a note is internal.
    func detailsLabel(masking: Masking) -> String {
        var parts: [String] = []
        // First, so that no width can hide it: an internal note must never pass for a public one.
        if action == .note, visibility == .internal { parts.append("(内部 internal)") }
        if let unitID, [.dispatch, .accept, .sendBack].contains(action) { parts.append("unit \(unitID)") }
        if let reason, !reason.isEmpty { parts.append(masking.text(reason)) }
        return parts.joined(separator: "  ")
    }
}
