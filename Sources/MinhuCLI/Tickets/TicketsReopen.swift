import ArgumentParser
import DispatchStore

extension Minhu.Tickets {
    /// `minhu tickets reopen`: 重办: the resident is not satisfied; dispatch the ticket again to the same unit.
    struct Reopen: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "reopen",
            abstract: "重办: the resident is not satisfied; dispatch the ticket again to the same unit.",
            discussion: """
                Example: minhu tickets reopen 123 --reason "灯还是不亮" --actor wangfang
                """
        )

        /// The store (`--db`).
        @OptionGroup var database: DatabaseOptions

        /// The ticket.
        @Argument(help: ArgumentHelp("The ticket: MH-000123, mh123 or 123.", valueName: "id"))
        var ticket: TicketArgument

        /// Why the work was not accepted (required).
        @Option(help: ArgumentHelp("Why the work was not accepted (required).", valueName: "text"))
        var reason: String

        /// Who takes the step (`--actor`, `--as`).
        @OptionGroup var actor: ActorOptions

        /// Runs the command.
        func run() async throws {
            let runner = try TicketStepRunner(database: database)
            let ticket = try await runner.ticket(ticket.number)
            try await runner.apply(.reopen(reason: reason), to: ticket, by: try actor.reference(defaultKind: .staff))
        }
    }
}
