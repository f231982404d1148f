import ArgumentParser

/// `minhu bench …`: throughput figures, meant for release builds.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput (build with -c release for real figures).",
        subcommands: [BenchSegmentCommand.self, BenchClassifyCommand.self, BenchStoreCommand.self, BenchChatCommand.self,
                      BenchCrashCommand.self, BenchAbuseCommand.self]
    )
}

/// Warns when figures come from a debug build, which is several times slower.
func warnIfDebugBuild() {
    #if DEBUG
    printError("note: this is a debug build; for real figures run `swift run -c release minhu bench …`")
    #endif
}
