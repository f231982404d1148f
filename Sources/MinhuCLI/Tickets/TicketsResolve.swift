import ArgumentParser
import DispatchStore

extension Minhu.Tickets {
    /// `minhu tickets resolve`: 办结: the work is done; an optional note tells the resident what was done.
    struct Resolve: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "resolve",
            abstract: "办结: the work is done; an optional note tells the resident what was done.",
            discussion: """
                Acts as whoever took the ticket: a unit if it was accepted, a volunteer if it was \
                claimed (override with --as). The ticket must be in progress (`start` first). \
                Example: minhu tickets resolve 123 --actor laozhang --note "已更换灯泡"
                """
        )

        /// The store (`--db`).
        @OptionGroup var database: DatabaseOptions

        /// The ticket.
        @Argument(help: ArgumentHelp("The ticket: MH-000123, mh123 or 123.", valueName: "id"))
        var ticket: TicketArgument

        /// What was done, recorded on the event and shown to the resident.
        @Option(help: ArgumentHelp("What was done, recorded on the event and shown to the resident.", valueName: "text"))
        var note: String?

        /// Who takes the step (`--actor`, `--as`).
        @OptionGroup var actor: ActorOptions

        /// Runs the command.
        func run() async throws {
            let runner = try TicketStepRunner(database: database)
            let ticket = try await runner.ticket(ticket.number)
            let kind = try await runner.takerKind(of: ticket)
            try await runner.apply(.resolve(note: note), to: ticket, by: try actor.reference(defaultKind: kind))
        }
    }
}
