import Foundation
import Testing

/// Files named on the command line: a clear message when one cannot be read, and pipes
/// (`<(grep …)`) read like files.
@Suite struct FileArgumentTests {
    @Test func aMissingFileOrAFolderIsNamedInAPlainMessage() throws {
        let missing = try runMinhu(["intents", "eval", "/nonexistent/test.tsv", "--train", "/nonexistent/train.tsv"])
        #expect(missing.exitCode != 0)
        #expect(missing.stderr.contains("cannot read /nonexistent/train.tsv: no such file"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("NSCocoaErrorDomain"))
        let folder = try runMinhu(["bench", "segment", NSTemporaryDirectory()])
        #expect(folder.exitCode != 0)
        #expect(folder.stderr.contains("it is a folder"), "\(folder.stderr)")
    }

    @Test func aNamedPipeIsReadLikeAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("minhu-pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let training = folder.appendingPathComponent("train.tsv")
        try "weather\t明天下雨吗\nweather\t今天天气怎么样\nmusic\t放首歌\nmusic\t来点音乐\n"
            .write(to: training, atomically: true, encoding: .utf8)
        let pipe = folder.appendingPathComponent("test.tsv")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        // The writer blocks until minhu opens the pipe for reading.
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: pipe.path) {
                handle.write(Data("weather\t明天会下雨吗\nmusic\t放首歌听听\n".utf8))
                try? handle.close()
            }
        }
        writer.start()
        let output = try runMinhu(["intents", "eval", pipe.path, "--train", training.path, "--intents", folder.path])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stdout.contains("(2 lines)"), "\(output.stdout)")
    }
}
