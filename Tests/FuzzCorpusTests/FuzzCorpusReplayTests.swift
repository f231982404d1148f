import Foundation
import FuzzTargets
import Testing

/// `Tests/FuzzCorpus/`, where each fuzz target keeps the inputs libFuzzer found interesting.
let corpusDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("FuzzCorpus")

/// Replays every corpus file through the function the fuzzer drives, so an input that once
/// crashed (and is kept here after its fix) stays fixed in the ordinary test run.
@Suite struct FuzzCorpusReplayTests {
    @Test(arguments: FuzzTarget.allCases)
    func everyCorpusInputRunsWithoutCrashing(target: FuzzTarget) throws {
        let folder = corpusDirectory.appendingPathComponent(target.rawValue)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 10, "the \(target.rawValue) corpus is missing or nearly empty")
        target.prepare()
        for name in names {
            target.run(Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }
}
