import ArgumentParser
import DispatchStore

extension Minhu.Tickets {
    /// `minhu tickets accept`: 接单: the unit it was dispatched to accepts the ticket.
    struct Accept: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "accept",
            abstract: "接单: the unit it was dispatched to accepts the ticket.",
            discussion: """
                Acts as a unit: --actor names the person at the unit, who becomes the assignee; the \
                event records the ticket's unit. Example: minhu tickets accept 123 --actor laozhang
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
            try await runner.apply(.accept, to: ticket, by: try actor.reference(defaultKind: .unit))
        }
    }
}
