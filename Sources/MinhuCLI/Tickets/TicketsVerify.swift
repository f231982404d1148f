import ArgumentParser
import DispatchStore

extension Minhu.Tickets {
    /// `minhu tickets verify`: 验单: staff confirm the work on a resolved ticket.
    struct Verify: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "验单: staff confirm the work on a resolved ticket.",
            discussion: """
                Example: minhu tickets verify 123 --actor wangfang
                """
        )

        /// The store (`--db`).
        @OptionGroup var database: DatabaseOptions

        /// The ticket.
        @Argument(help: ArgumentHelp("The ticket: MH-000123, mh123 or 123.", valueName: "id"))
        var ticket: TicketArgument

        /// Who takes the step (`--actor`, `--as`).
        @OptionGroup var actor: ActorOptions

        /// Runs the command.
        func run() async throws {
            let runner = try TicketStepRunner(database: database)
            let ticket = try await runner.ticket(ticket.number)
            try await runner.apply(.verify, to: ticket, by: try actor.reference(defaultKind: .staff))
        }
    }
}
