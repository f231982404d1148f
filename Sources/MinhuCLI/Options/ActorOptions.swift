import ArgumentParser
import DispatchStore
import Foundation

/// `--actor NAME` and `--as KIND`: who takes a workflow step, recorded on its event.
///
/// Every step names a person because the history is the office's record of who did what;
/// `MINHU_ACTOR` spares staff from typing their login on every command.
struct ActorOptions: ParsableArguments {
    /// The name recorded on the event.
    @Option(help: ArgumentHelp(
        "Who takes the step (a staff login, a unit's person, a volunteer id); defaults to $MINHU_ACTOR.",
        valueName: "name"))
    var actor: String?

    /// The kind of party, when the command's default is not the right one.
    @Option(name: .customLong("as"), help: ArgumentHelp(
        "Act as staff, unit or volunteer (each step has a sensible default; see the command's help).",
        valueName: "kind"))
    var kind: StaffActorKind?

    /// The actor's name from `--actor` or `$MINHU_ACTOR`, or an error that says how to give one.
    func name() throws -> String {
        try Self.requiredName(actor)
    }

    /// The actor: the name with `--as` if given, else `defaultKind`.
    func reference(defaultKind: ActorKind) throws -> ActorRef {
        ActorRef(kind: kind?.actorKind ?? defaultKind, id: try name())
    }

    /// A non-blank name from an option or the environment.
    static func requiredName(_ option: String?) throws -> String {
        let candidates = [option, ProcessInfo.processInfo.environment["MINHU_ACTOR"]]
        guard let name = candidates.lazy.compactMap({ $0?.trimmingCharacters(in: .whitespaces) })
            .first(where: { !$0.isEmpty })
        else {
            throw CLIError("who is acting? pass --actor NAME or set MINHU_ACTOR")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw CLIError("--actor: a name cannot hold control characters (a line break, an escape sequence)")
        }
        return name
    }
}

/// The actor kinds a person at the CLI may act as (residents and the system act through the bot).
enum StaffActorKind: String, CaseIterable, ExpressibleByArgument {
    /// 社区工作者, 网格员.
    case staff
    /// Someone at 物业, 城管, 医疗队 ….
    case unit
    /// 志愿者, 下沉党员.
    case volunteer

    /// The store's kind.
    var actorKind: ActorKind {
        switch self {
        case .staff: .staff
        case .unit: .unit
        case .volunteer: .volunteer
        }
    }
}
