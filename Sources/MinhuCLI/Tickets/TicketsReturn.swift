import ArgumentParser
import DispatchStore

extension Minhu.Tickets {
    /// `minhu tickets return`: 退单: send a misrouted dispatched ticket back to be dispatched again.
    struct Return: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "return",
            abstract: "退单: send a misrouted dispatched ticket back to be dispatched again.",
            discussion: """
                Acts as staff by default; a unit returning its own ticket passes --as unit. \
                Example: minhu tickets return 123 --reason "不归物业管，应派城管" --actor wangfang
                """
        )

        /// The store (`--db`).
        @OptionGroup var database: DatabaseOptions

        /// The ticket.
        @Argument(help: ArgumentHelp("The ticket: MH-000123, mh123 or 123.", valueName: "id"))
        var ticket: TicketArgument

        /// Why it was misrouted (required).
        @Option(help: ArgumentHelp("Why it was misrouted (required).", valueName: "text"))
        var reason: String

        /// Who takes the step (`--actor`, `--as`).
        @OptionGroup var actor: ActorOptions

        /// Runs the command.
        func run() async throws {
            let runner = try TicketStepRunner(database: database)
            let ticket = try await runner.ticket(ticket.number)
            try await runner.apply(.sendBack(reason: reason), to: ticket, by: try actor.reference(defaultKind: .staff))
        }
    }
}
