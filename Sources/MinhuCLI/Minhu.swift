import ArgumentParser

/// `minhu` — the community-service bot and the staff's tools, one binary.
@main
struct Minhu: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minhu",
        abstract: "Minhu (民呼): residents chat with their community office; requests become tickets.",
        subcommands: [ServeCommand.self, SegmentCommand.self, ClassifyCommand.self, IntentsCommand.self, BenchCommand.self,
                      Tickets.self, Units.self, Transcripts.self, Stats.self, Audit.self]
    )
}
