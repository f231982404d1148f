import ArgumentParser
import DispatchStore

extension Minhu.Tickets {
    /// `minhu tickets rate`: 评单: record the resident's rating (1 to 5), which closes the ticket.
    struct Rate: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "rate",
            abstract: "评单: record the resident's rating (1 to 5), which closes the ticket.",
            discussion: """
                Staff record a rating the resident gave by phone or in person (residents who chat \
                rate through the bot). Example: minhu tickets rate 123 --score 5 --comment "师傅很及时" --actor wangfang
                """
        )

        /// The store (`--db`).
        @OptionGroup var database: DatabaseOptions

        /// The ticket.
        @Argument(help: ArgumentHelp("The ticket: MH-000123, mh123 or 123.", valueName: "id"))
        var ticket: TicketArgument

        /// The rating, 1 (worst) to 5 (best).
        @Option(help: ArgumentHelp("The rating, 1 (worst) to 5 (best).", valueName: "n"))
        var score: Int

        /// The resident's words with the rating.
        @Option(help: ArgumentHelp("The resident's words with the rating.", valueName: "text"))
        var comment: String?

        /// Refuses a score the store would refuse, before opening it.
        func validate() throws {
            guard (1...5).contains(score) else { throw ValidationError("--score must be 1 to 5") }
        }

        /// Who takes the step (`--actor`, `--as`).
        @OptionGroup var actor: ActorOptions

        /// Runs the command.
        func run() async throws {
            let runner = try TicketStepRunner(database: database)
            let ticket = try await runner.ticket(ticket.number)
            try await runner.apply(
                .close(rating: score, comment: comment), to: ticket, by: try actor.reference(defaultKind: .staff))
        }
    }
}
