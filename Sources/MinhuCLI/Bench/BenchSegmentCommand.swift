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

    @Flag(help: """
        Alternate one-second rounds of the full pipeline with ICU's word break alone (boundaries \
        only: no normalization, no tokens, no overlay) and with normalization alone, on the same \
        lines; print the median ratio (a comparison that holds when the machine's speed varies) \
        and how the pipeline's time splits between ICU, normalization and the rest.
        """)
    var againstICU = false

    func run() throws {
        warnIfDebugBuild()
        let lines = try TextFile.read(file)
            .split(whereSeparator: \.isNewline).map(String.init)
        let characters = lines.reduce(0) { $0 + $1.unicodeScalars.count }
        let segmenter = try noLexicon ? Segmenter(overlay: false) : Segmenter(lexicon: intents.loadLexicon())
        for line in lines.prefix(200) { _ = segmenter.segment(line) }

        if againstICU {
            compareWithICU(lines, characters: characters, segmenter: segmenter)
            return
        }
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

    /// Ten rounds of each, alternating; rates in characters per CPU-second.
    private func compareWithICU(_ lines: [String], characters: Int, segmenter: Segmenter) {
        let units = lines.map { Array($0.utf16) }
        func rate(_ pass: () -> Void) -> Double {
            let start = processCPUSeconds()
            var passes = 0
            repeat {
                pass()
                passes += 1
            } while processCPUSeconds() - start < 1
            return Double(characters * passes) / (processCPUSeconds() - start)
        }
        var icu: [Double] = [], normalization: [Double] = [], full: [Double] = [], ratios: [Double] = []
        var normalizationShares: [Double] = []
        var pieces = 0
        for _ in 0..<10 {
            icu.append(rate { for line in units { pieces &+= segmenter.icuPieceCount(line) } })
            normalization.append(rate { for line in lines { pieces &+= NormalizedText(line).text.utf8.count } })
            full.append(rate { for line in lines { pieces &+= segmenter.segment(line).tokens.count } })
            ratios.append(full.last! / icu.last!)
            normalizationShares.append(full.last! / normalization.last!)
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        // The full pipeline's time splits into ICU's word break (the ratio), normalization,
        // and the rest (kinds, lexicon overlay, number compounds, token Strings).
        print(String(format: "ICU word break alone: median %.2f M chars per CPU-second; normalization alone: %.1f M; normalization + segmentation%@: %.2f M; ratio per round: median %.2f (%.2f–%.2f)\nthe full pipeline's time: ICU's word break %.0f %%, normalization %.0f %%, the rest %.0f %%",
                     median(icu) / 1e6, median(normalization) / 1e6, noLexicon ? "" : " + lexicon", median(full) / 1e6,
                     median(ratios), ratios.min()!, ratios.max()!, 100 * median(ratios), 100 * median(normalizationShares),
                     100 * (1 - median(ratios) - median(normalizationShares))))
    }
}
