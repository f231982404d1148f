import ArgumentParser
import DispatchStore

extension Minhu.Tickets {
    /// `minhu tickets cancel`: 取消: withdraw a ticket before work starts, e.g. for a resident who phones the office.
    struct Cancel: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "取消: withdraw a ticket before work starts (a resident phoned to say it is no longer needed).",
            discussion: """
                Example: minhu tickets cancel 123 --reason "居民来电说灯已经修好了" --actor wangfang
                """
        )

        /// The store (`--db`).
        @OptionGroup var database: DatabaseOptions

        /// The ticket.
        @Argument(help: ArgumentHelp("The ticket: MH-000123, mh123 or 123.", valueName: "id"))
        var ticket: TicketArgument

        /// Why it is withdrawn (required: the resident and the unit read it).
        @Option(help: ArgumentHelp("Why it is withdrawn (required).", valueName: "text"))
        var reason: String

        /// Who takes the step (`--actor`, `--as`).
        @OptionGroup var actor: ActorOptions

        /// Runs the command.
        func run() async throws {
            let runner = try TicketStepRunner(database: database)
            let ticket = try await runner.ticket(ticket.number)
            try await runner.apply(.cancel(reason: reason), to: ticket, by: try actor.reference(defaultKind: .staff))
        }
    }
}
