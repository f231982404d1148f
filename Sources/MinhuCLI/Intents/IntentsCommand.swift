import ArgumentParser

/// `minhu intents …`: check and evaluate the bot's knowledge.
struct IntentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intents",
        abstract: "Check the intents folder and measure the classifier.",
        subcommands: [IntentsCheckCommand.self, IntentsEvalCommand.self, IntentsOutOfScopeCommand.self]
    )
}
