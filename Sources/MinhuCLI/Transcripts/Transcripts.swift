import ArgumentParser

extension Minhu {
    /// `minhu transcripts …`: review what residents said and what the bot answered.
    struct Transcripts: ParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "transcripts",
            abstract: "Review conversations: list them, read one as a chat, export them all.",
            discussion: """
                Phones, ID numbers and address numbers are masked unless --reveal-pii is given \
                with --actor, which records the reveal in the audit log.
                """,
            subcommands: [List.self, Show.self, Export.self]
        )
    }
}
