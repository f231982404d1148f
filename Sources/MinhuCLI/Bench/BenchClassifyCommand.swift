import ArgumentParser
import Foundation
import Understanding

/// `minhu bench classify`: training time and per-utterance latency of classification with
/// slot extraction.
struct BenchClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Print training time and median / p99 latency of classify + slots per utterance.",
        discussion: "Example: swift run -c release minhu bench classify (utterances: the intents' examples, or --file)"
    )

    @OptionGroup var intents: IntentsOptions

    @Option(help: "Utterances to time, one per line (or label<TAB>text); default: every example in the intents.")
    var file: String?

    @Option(help: "Passes over the utterances.")
    var passes = 20

    func run() throws {
        warnIfDebugBuild()
        let clock = ContinuousClock()
        let catalog = try intents.loadCatalog()
        let trainingStart = clock.now
        let interpreter = try Interpreter(catalog: catalog)
        let trainingTime = clock.now - trainingStart

        let utterances = try file.map { path in
            try TextFile.read(path).split(whereSeparator: \.isNewline).map { line in
                line.split(separator: "\t", maxSplits: 1).last.map(String.init) ?? ""
            }
        } ?? catalog.labelledExamples.map(\.text)
        let now = Date()
        for text in utterances.prefix(200) { _ = interpreter.interpret(text, now: now) }
        var samples: [Duration] = []
        samples.reserveCapacity(utterances.count * passes)
        let cpuStart = threadCPUNanoseconds()
        for _ in 0..<passes {
            for text in utterances {
                let start = clock.now
                _ = interpreter.interpret(text, now: now)
                samples.append(clock.now - start)
            }
        }
        let cpuPerUtterance = Double(threadCPUNanoseconds() - cpuStart) / 1e3 / Double(max(samples.count, 1))
        samples.sort()
        func microseconds(_ duration: Duration) -> Double { duration.seconds * 1e6 }
        print(String(format: "trained on %d examples in %d ms", catalog.labelledExamples.count, trainingTime.milliseconds))
        print(String(format: "%d utterances × %d passes: median %.1f µs, p90 %.1f µs, p99 %.1f µs per utterance (classify + slots)",
                     utterances.count, passes, microseconds(samples[samples.count / 2]),
                     microseconds(samples[samples.count * 9 / 10]), microseconds(samples[samples.count * 99 / 100])))
        // The wall-clock figures above include time the thread spent waiting for a core; on a
        // shared machine the CPU time is the steadier figure to compare two builds by.
        print(String(format: "CPU time: mean %.1f µs per utterance (this thread only)", cpuPerUtterance))
    }
}
