import ArgumentParser
import DispatchStore

extension Minhu.Tickets {
    /// `minhu tickets note ID TEXT`: add a note to a ticket's history.
    struct Note: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "note",
            abstract: "备注: add a note to a ticket's history without changing its state.",
            discussion: """
                Public notes are what a resident hears when asking where the ticket stands; \
                --internal keeps a note for staff and units. \
                Example: minhu tickets note 123 "已电话联系居民，明早上门" --internal --actor wangfang
                """
        )

        /// The store.
        @OptionGroup var database: DatabaseOptions

        /// The ticket.
        @Argument(help: ArgumentHelp("The ticket: MH-000123, mh123 or 123.", valueName: "id"))
        var ticket: TicketArgument

        /// The note.
        @Argument(help: ArgumentHelp("The note.", valueName: "text"))
        var text: String

        /// Whether residents may not see it.
        @Flag(help: "For staff and units only; residents never see it.")
        var `internal` = false

        /// Who writes it.
        @OptionGroup var actor: ActorOptions

        /// Adds the note.
        func run() async throws {
            let runner = try TicketStepRunner(database: database)
            let ticket = try await runner.ticket(ticket.number)
            try await runner.note(
                text, to: ticket, by: try actor.reference(defaultKind: .staff),
                visibility: `internal` ? .internal : .public)
        }
    }
}
