import ArgumentParser
import DispatchStore
import Foundation
import Understanding

extension Minhu.Tickets {
    /// `minhu tickets dispatch ID --unit U`: 派单.
    struct Dispatch: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "dispatch",
            abstract: "派单: send a submitted ticket to a unit (staff).",
            discussion: """
                Without --unit, the unit is suggested from the ticket's routing (the intents \
                folder names a unit such as 物业 for each category and sub-category) matched \
                against the directory (`minhu units list`). The suggestion is printed and \
                nothing is written unless --yes confirms it; without --yes the command exits \
                non-zero so that a script never dispatches to a guess.
                Examples:
                  minhu tickets dispatch MH-000123 --unit wuye-3 --actor wangfang
                  minhu tickets dispatch 123 --actor wangfang          # prints the suggestion
                  minhu tickets dispatch 123 --actor wangfang --yes    # dispatches to it
                """
        )

        /// The store (`--db`).
        @OptionGroup var database: DatabaseOptions

        /// The ticket.
        @Argument(help: ArgumentHelp("The ticket: MH-000123, mh123 or 123.", valueName: "id"))
        var ticket: TicketArgument

        /// The unit's directory id; suggested from routing when omitted.
        @Option(help: ArgumentHelp("The unit's directory id; suggested from routing when omitted.", valueName: "unit"))
        var unit: String?

        /// Dispatch to the suggested unit (when --unit is omitted).
        @Flag(help: "Dispatch to the suggested unit (when --unit is omitted).")
        var yes = false

        /// The intents folder, whose routing suggests a unit.
        @OptionGroup var intents: IntentsOptions

        /// Who takes the step (`--actor`, `--as`).
        @OptionGroup var actor: ActorOptions

        /// Runs the command.
        func run() async throws {
            let runner = try TicketStepRunner(database: database)
            let ticket = try await runner.ticket(ticket.number)
            let staff = try actor.reference(defaultKind: .staff)
            try runner.precheck(.dispatch(unitID: unit ?? "?"), on: ticket, by: staff)
            let directory = try await runner.store.units()
            let unitID: String
            if let unit {
                // A typo would leave the ticket with a unit that no one reads.
                guard let entry = directory.first(where: { $0.id == unit }) else {
                    let known = directory.filter { !$0.categories.isEmpty }.map(\.id).sorted()
                    throw CLIError("\(unit) is not in the directory. Nothing was written. Units: "
                        + (known.isEmpty ? "none" : known.joined(separator: ", "))
                        + " (minhu units list; minhu units add \(unit) … to add it)")
                }
                guard !entry.categories.isEmpty else {
                    throw CLIError("\(unit) (\(entry.name)) is retired: it serves no category. Nothing was written.")
                }
                if !entry.categories.contains(ticket.category) {
                    printError("note: \(unit) (\(entry.name)) serves \(entry.categories.joined(separator: ", ")), not \(ticket.category); dispatching as asked")
                }
                unitID = unit
            } else {
                let suggestion = UnitSuggestion(for: ticket, catalog: try loadCatalog(), directory: directory)
                guard let suggested = suggestion.unit else { throw CLIError(suggestion.describe(for: ticket)) }
                print(suggestion.describe(for: ticket))
                guard yes else {
                    print("Nothing was written: run again with --yes to dispatch to \(suggested.id), or pass --unit ID.")
                    throw ExitCode.failure
                }
                unitID = suggested.id
            }
            try await runner.apply(.dispatch(unitID: unitID), to: ticket, by: staff)
        }

        /// The intents, whose routing names the unit for each sub-category. Without them a
        /// suggestion would be any unit of the category: a water leak went to 城管.
        private func loadCatalog() throws -> IntentCatalog {
            guard FileManager.default.fileExists(atPath: intents.directory) else {
                throw CLIError("no intents folder at \(intents.directory): pass --intents DIR to get a suggestion, or --unit ID")
            }
            return try intents.loadCatalog()
        }
    }
}
