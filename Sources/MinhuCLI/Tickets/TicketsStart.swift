import ArgumentParser
import DispatchStore

extension Minhu.Tickets {
    /// `minhu tickets start`: 跑单: work on an accepted or claimed ticket starts.
    struct Start: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "跑单: work on an accepted or claimed ticket starts.",
            discussion: """
                Acts as whoever took the ticket: a unit if it was accepted, a volunteer if it was \
                claimed (override with --as). Example: minhu tickets start 123 --actor laozhang
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
            let kind = try await runner.takerKind(of: ticket)
            try await runner.apply(.start, to: ticket, by: try actor.reference(defaultKind: kind))
        }
    }
}
