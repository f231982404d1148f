import ArgumentParser
import DispatchStore
import Foundation
import Understanding

extension Minhu {
    /// `minhu audit …`: who looked at residents' personal data.
    struct Audit: ParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Who revealed residents' personal data (--reveal-pii), when, and what.",
            subcommands: [List.self]
        )
    }
}

extension Minhu.Audit {
    /// `minhu audit list`: the reveals, newest first. QA: they were recorded, but no command
    /// could read them back, so "who looked at my data" had no answer at the counter.
    struct List: AsyncParsableCommand {
        /// The command's name and help.
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List reveals of personal data, newest first.",
            discussion: """
                Examples:
                  minhu audit list --since 7d
                  minhu audit list --json
                A search term recorded with a reveal may itself be a phone or ID number: masked
                unless --reveal-pii is given (and that reveal is recorded too).
                """
        )

        /// The store.
        @OptionGroup var database: DatabaseOptions

        /// Only reveals since then.
        @Option(help: ArgumentHelp("Only reveals since: 2026-11-27, '2026-11-27 10:00', or 30m, 2h, 7d ago.", valueName: "time"))
        var since: SinceArgument?

        /// How many.
        @Option(help: "At most this many reveals (0 for all).")
        var limit = 100

        /// JSON instead of a table.
        @Flag(help: "Print a JSON array of reveals.")
        var json = false

        /// Masked subjects, or an audited reveal.
        @OptionGroup var privacy: PrivacyOptions

        /// Refuses a negative limit.
        func validate() throws {
            guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
        }

        /// Prints the reveals.
        func run() async throws {
            let store = try database.openStore()
            // Read before a reveal of this listing is recorded, so it does not list itself.
            var reveals = try await store.reveals(since: since?.date, limit: limit == 0 ? nil : limit)
            let masking = try await privacy.masking(in: store, subject: "audit", what: "search terms")
            for index in reveals.indices { reveals[index].subject = masking.text(reveals[index].subject) }
            if json {
                try StaffJSON.print(reveals)
                return
            }
            var table = TextTable(["时间 At", "谁 Who", "看了 Subject", "内容 What"])
            for reveal in reveals {
                table.append([StaffTime.short(reveal.at), "\(reveal.actorKind.rawValue):\(reveal.actorID)",
                              reveal.subject.truncated(toWidth: 40), reveal.what])
            }
            print(table.rendered())
        }
    }
}
