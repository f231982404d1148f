import ArgumentParser
import Foundation
import Segmentation

/// `minhu bench segment FILE`: normalization + segmentation throughput on one thread.
struct BenchSegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Print characters per second for normalizing and segmenting a file's lines.",
        discussion: "Example: swift run -c release minhu bench segment ../shared/datasets/icwb2/pku_test.utf8"
    )

    @Argument(help: "A UTF-8 text file, one sentence per line.")
    var file: String

    @OptionGroup var intents: IntentsOptions

    @Flag(name: .customLong("no-lexicon"), help: "Measure ICU alone, without Minhu's overlay.")
    var noLexicon = false

    @Option(help: "Keep going over the file for at least this many seconds.")
    var seconds: Double = 3

    func run() throws {
        warnIfDebugBuild()
        let lines = try String(contentsOfFile: file, encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)
        let characters = lines.reduce(0) { $0 + $1.unicodeScalars.count }
        let segmenter = try noLexicon ? Segmenter(overlay: false) : Segmenter(lexicon: intents.loadLexicon())
        for line in lines.prefix(200) { _ = segmenter.segment(line) }

        var passes = 0
        var tokens = 0
        let clock = ContinuousClock()
        let cpuStart = processCPUSeconds()
        let start = clock.now
        repeat {
            for line in lines { tokens &+= segmenter.segment(line).tokens.count }
            passes += 1
        } while (clock.now - start) < .seconds(seconds)
        let elapsed = clock.now - start
        let cpu = processCPUSeconds() - cpuStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = Double(characters * passes) / seconds
        print(String(format: "%@: %d lines, %d chars × %d passes in %.2f s: %.2f M chars/s, %.0f lines/s, %.2f M chars per CPU-second (lexicon %@, ICU %@)",
                     (file as NSString).lastPathComponent, lines.count, characters, passes, seconds,
                     rate / 1e6, Double(lines.count * passes) / seconds, Double(characters * passes) / cpu / 1e6,
                     noLexicon ? "off" : "\(segmenter.lexicon.count) words", Segmenter.icuVersion))
    }
}
