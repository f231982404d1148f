import DispatchStore
import Foundation
import Testing

/// `minhu transcripts export`, masked by default: the 10,000 synthetic messages stored as
/// transcripts and exported through the real binary, as staff would.
@Suite struct ExportTests {
    @Test func transcriptExportMasksEveryValidNumber() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("minhu-privacy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("minhu.sqlite").path
        do {
            let store = try SQLiteDispatchStore(path: path)
            // A hundred conversations of a hundred lines, each conversation written in one commit.
            for batch in 0..<100 {
                let conversation = try await store.openConversation(channel: "line", room: "", user: "resident-\(batch)")
                let lines = syntheticMessages[batch * 100..<(batch + 1) * 100].map {
                    TranscriptLine(conversationID: conversation.id, direction: .inbound, text: $0.text)
                }
                try await store.recordTurn(Array(lines), dialogueState: nil, for: conversation.id)
            }
        }

        let exported = try runMinhu(["transcripts", "export", "--format", "jsonl", "--db", path])
        let texts = try exported.split(separator: "\n").map { line in
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return try #require(record?["text"] as? String)
        }
        try #require(texts.count == syntheticMessages.count)
        var masked = 0, leaked: [String] = []
        for (message, text) in zip(syntheticMessages, texts) {
            let leaks = Leak.leaked(message.numbers, in: text)
            masked += message.numbers.count - leaks.count
            if !leaks.isEmpty, leaked.count < 10 { leaked.append(text) }
        }
        let total = syntheticMessages.map(\.numbers.count).reduce(0, +)
        print("privacy (transcripts export): \(masked) of \(total) valid numbers masked")
        #expect(masked == total, "exported in the clear:\n\(leaked.joined(separator: "\n"))")
    }
}

/// Runs the built `minhu` binary (next to the test bundle) and returns what it printed.
private func runMinhu(_ arguments: [String]) throws -> String {
    var directory = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    while directory.pathComponents.count > 1, directory.pathExtension != "xctest" { directory.deleteLastPathComponent() }
    let binary = directory.deletingLastPathComponent().appendingPathComponent("minhu")
    try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the minhu product first")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["MINHU_ACTOR"] = nil
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "minhu \(arguments.joined(separator: " ")) failed")
    return String(decoding: data, as: UTF8.self)
}
