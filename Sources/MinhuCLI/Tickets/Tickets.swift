import ArgumentParser

extension Minhu {
    /// `minhu tickets …`: list, read and work tickets through the five steps.
    struct Tickets: ParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "tickets",
            abstract: "List, show and work tickets: 派单 → 接单/抢单 → 跑单 → 办结 → 验单 → 评单.",
            discussion: """
                Every step records an event with who took it (--actor NAME or $MINHU_ACTOR). \
                A step the workflow does not allow prints the ticket's state and the possible \
                next steps, writes nothing, and exits non-zero. Ticket numbers may be typed \
                as the bot prints them (MH-000123) or shorter (mh123, 123).
                """,
            subcommands: [
                List.self, Show.self,
                Dispatch.self, Accept.self, Claim.self, Start.self, Resolve.self, Verify.self, Rate.self,
                Return.self, Reopen.self, Cancel.self, Merge.self, Note.self,
            ]
        )
    }
}
