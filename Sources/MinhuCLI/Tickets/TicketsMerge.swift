import ArgumentParser
import DispatchStore

extension Minhu.Tickets {
    /// `minhu tickets merge DUP --into ORIG`: fold a duplicate into the original ticket.
    struct Merge: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "合并: fold a duplicate ticket into the original (staff).",
            discussion: "Example: minhu tickets merge MH-000124 --into MH-000123 --actor wangfang"
        )

        /// The store.
        @OptionGroup var database: DatabaseOptions

        /// The duplicate, which ends merged.
        @Argument(help: ArgumentHelp("The duplicate ticket: MH-000124, mh124 or 124.", valueName: "dup"))
        var duplicate: TicketArgument

        /// The ticket that carries on.
        @Option(help: ArgumentHelp("The original ticket it duplicates.", valueName: "orig"))
        var into: TicketArgument

        /// Who merges.
        @OptionGroup var actor: ActorOptions

        /// Merges, after checking that the original exists so the error names it.
        func run() async throws {
            let runner = try TicketStepRunner(database: database)
            let duplicate = try await runner.ticket(duplicate.number)
            _ = try await runner.ticket(into.number)
            try await runner.apply(.merge(into: into.number), to: duplicate, by: try actor.reference(defaultKind: .staff))
        }
    }
}
