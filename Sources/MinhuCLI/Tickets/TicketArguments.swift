import Foundation
import ArgumentParser
import DispatchStore

/// A ticket number on the command line: `MH-000123` as the bot prints it, or `mh123`, `123`, `#123`.
struct TicketArgument: ExpressibleByArgument, CustomStringConvertible {
    /// The parsed number.
    let number: TicketNumber

    /// Parses with ``TicketNumber/init(parsing:)``, the same forgiving rules residents get.
    init?(argument: String) {
        guard let number = TicketNumber(parsing: argument) else { return nil }
        self.number = number
    }

    /// The canonical form.
    var description: String { number.description }
}

/// A ticket state on the command line: its English name (`in_progress`, `in-progress`) or its
/// Chinese one (`已派单`).
struct TicketStateArgument: ExpressibleByArgument {
    /// The parsed state.
    let state: TicketState

    /// Parses either name.
    init?(argument: String) {
        let key = argument.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        // The Chinese name without its parenthesis (已办结 for 已办结（待验收）) too (QA).
        func chinese(_ state: TicketState) -> [String] {
            [state.chineseName, String(state.chineseName.prefix { $0 != "（" })]
        }
        guard let state = TicketState.allCases.first(where: { $0.rawValue == key || chinese($0).contains(key) })
        else { return nil }
        self.state = state
    }

    /// Every state, for help and completion.
    static var allValueStrings: [String] { TicketState.allCases.map(\.rawValue) }
}

extension TicketState {
    /// `已派单 dispatched`: staff read the Chinese, scripts and English speakers the code.
    var bilingualName: String { "\(chineseName) \(rawValue)" }
}

extension TicketAction {
    /// `派单 dispatch`.
    var bilingualName: String { "\(chineseName) \(rawValue)" }
}
