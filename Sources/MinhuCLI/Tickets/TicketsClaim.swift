import ArgumentParser
import DispatchStore

extension Minhu.Tickets {
    /// `minhu tickets claim ID --by VOLUNTEER`: 抢单.
    struct Claim: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "claim",
            abstract: "抢单: a volunteer grabs a dispatched ticket; the first claim wins.",
            discussion: """
                The claim is recorded as the volunteer's (--by). When someone else enters it \
                (--actor differs from --by, e.g. staff taking a claim by phone), an internal note \
                records who did. Example: minhu tickets claim 123 --by vol-zhang --actor wangfang
                """
        )

        /// The store.
        @OptionGroup var database: DatabaseOptions

        /// The ticket to claim.
        @Argument(help: ArgumentHelp("The ticket: MH-000123, mh123 or 123.", valueName: "id"))
        var ticket: TicketArgument

        /// The volunteer who claims it.
        @Option(help: ArgumentHelp("The volunteer's directory id.", valueName: "volunteer"))
        var by: String

        /// Who enters the claim.
        @OptionGroup var actor: ActorOptions

        /// Claims as the volunteer, then notes who entered it if that was someone else.
        func run() async throws {
            let runner = try TicketStepRunner(database: database)
            let ticket = try await runner.ticket(ticket.number)
            let recorder = try actor.name()
            // A typo or a volunteer who left would take the ticket from the unit it was sent to
            // and leave it with no one (QA).
            let directory = try await runner.store.units()
            guard let volunteer = directory.first(where: { $0.id == by }) else {
                throw CLIError("\(by) is not in the directory. Nothing was written. (minhu units list; minhu units add \(by) --kind 志愿者 … to add them)")
            }
            guard !volunteer.categories.isEmpty else {
                throw CLIError("\(by) (\(volunteer.name)) is retired: it serves no category. Nothing was written.")
            }
            try await runner.apply(.claim, to: ticket, by: .volunteer(by))
            if recorder != by {
                try await runner.note(
                    "抢单 entered by \(recorder) for \(by)", to: ticket, by: try actor.reference(defaultKind: .staff),
                    visibility: .internal)
            }
        }
    }
}
