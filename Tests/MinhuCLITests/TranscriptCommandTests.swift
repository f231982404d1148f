import Dialogue
import DispatchStore
import Foundation
import Testing
import Understanding

/// `transcripts list`, `show` and `export`: what residents said, readable and masked.
@Suite struct TranscriptCommandTests {
    @Test func showRendersTheChatWithIntentsAndTheTicketsItOpened() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (_, conversation, lines) = try await database.repairTicket()
        let clock = lines.map { Shanghai.clock($0.at) }
        try assertExecuteCommand(["transcripts", "show", "#\(conversation.id)"] + database.db, expected: """
            对话 Conversation #\(conversation.id)  line  room-1  resident-1  开始 \(Shanghai.full(conversation.createdAt))
            ── \(Shanghai.day(lines[0].at)) ──
            \(clock[0])  居民  *栋*单元***室楼道灯坏了，电话139****5678  ‹repair 0.93›
            \(clock[1])  民呼  我核对一下：*栋*单元***室楼道灯坏了，电话139****5678。没问题请回复“确认”。
            \(clock[2])  居民  确认  ‹thanks 0.26›

            工单 Tickets
              编号 ID    状态 State        类别 Category      摘要 Summary                    单位 Unit
              MH-000001  已提交 submitted  repair / lighting  *栋*单元***室楼道灯坏了，电话…  —

            """)
    }

    @Test func listFindsFlaggedConversationsAndThoseMentioningAText() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (_, light, _) = try await database.repairTicket()
        let human = try await database.store.openConversation(channel: "irc", room: "#kanghe", user: "laoli")
        try await database.store.appendMessage(TranscriptLine(
            conversationID: human.id, direction: .inbound, text: "转人工", intent: "human", confidence: 0.98))
        try await database.store.setFlaggedForHuman(true, for: human.id)

        let flagged = try assertExecuteCommand(["transcripts", "list", "--flagged", "--json"] + database.db)
        let records = try JSONSerialization.jsonObject(with: Data(flagged.stdout.utf8)) as? [[String: Any]]
        #expect(records?.map { $0["id"] as? Int } == [Int(human.id)])
        #expect(records?.first?["is_flagged_for_human"] as? Bool == true)

        let found = try runMinhu(["transcripts", "list", "--search", "楼道灯", "--json"] + database.db).stdout
        let matches = try JSONSerialization.jsonObject(with: Data(found.utf8)) as? [[String: Any]]
        #expect(matches?.map { $0["id"] as? Int } == [Int(light.id)])
        #expect(matches?.first?["tickets"] as? [String] == ["MH-000001"])

        let byIntent = try runMinhu(["transcripts", "list", "--intent", "human", "--channel", "irc"] + database.db).stdout
        #expect(byIntent.split(separator: "\n").count == 2)
        #expect(byIntent.contains("#kanghe") && byIntent.contains("是 yes"))
    }

    @Test func exportMasksPhonesIDNumbersAndAddressesByDefault() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let conversation = try await database.store.openConversation(channel: "line", room: "", user: "r1")
        let said = "我住5栋2单元501室，身份证420102199001011236，电话13912345678"
        let line = try await database.store.appendMessage(TranscriptLine(
            conversationID: conversation.id, direction: .inbound, text: said, intent: "certificate", confidence: 0.8))

        let jsonl = try assertExecuteCommand(["transcripts", "export", "--format", "jsonl"] + database.db)
        #expect(jsonl.stdout == """
            {"at":"\(Shanghai.iso(line.at))","confidence":0.8,"conversation_id":\(conversation.id),"direction":"in","id":1,"intent":"certificate","sequence":1,"text":"我住*栋*单元***室，身份证4201**********1236，电话139****5678"}

            """)
        #expect(jsonl.stderr.isEmpty, "no progress bar when standard error is not a terminal")

        try assertExecuteCommand(["transcripts", "export", "--format", "csv"] + database.db, expected: """
            id,conversation_id,sequence,at,direction,text,intent,confidence
            1,\(conversation.id),1,\(Shanghai.iso(line.at)),in,我住*栋*单元***室，身份证4201**********1236，电话139****5678,certificate,0.8

            """)
        #expect(try await database.store.reveals(since: nil, limit: nil).isEmpty)
    }

    /// Found by a QA session: a resident's =HYPERLINK(…) would run when staff open the file.
    @Test func aCSVExportNeverStartsAFieldWithAFormula() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let conversation = try await database.store.openConversation(channel: "line", room: "", user: "r1")
        for text in ["=HYPERLINK(\"http://evil.example/\",\"点我\")", "+1+1", "@SUM(1)", "-2+3"] {
            try await database.store.appendMessage(TranscriptLine(conversationID: conversation.id, direction: .inbound, text: text))
        }
        let csv = try runMinhu(["transcripts", "export", "--format", "csv"] + database.db).stdout
        let texts = csv.split(separator: "\n").dropFirst().map { String($0.split(separator: ",", maxSplits: 5)[5]) }
        #expect(texts.count == 4)
        #expect(texts.allSatisfy { $0.hasPrefix("'") || $0.hasPrefix("\"'") }, "\(texts)")
    }

    @Test func exportWithRevealPrintsPersonalDataAndRecordsTheReveal() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let conversation = try await database.store.openConversation(channel: "line", room: "", user: "r1")
        try await database.store.appendMessage(TranscriptLine(
            conversationID: conversation.id, direction: .inbound, text: "电话13912345678"))
        let refused = try assertExecuteCommand(["transcripts", "export", "--reveal-pii"] + database.db, expected: "", exitCode: 1)
        #expect(refused.stderr.contains("--actor"))

        let revealed = try assertExecuteCommand(["transcripts", "export", "--reveal-pii", "--actor", "wangfang"] + database.db)
        #expect(revealed.stdout.contains("电话13912345678"))
        let reveals = try await database.store.reveals(since: nil, limit: nil)
        #expect(reveals.map(\.actor) == [.staff("wangfang")])
        #expect(reveals.first?.what == "transcript")
    }

    @Test func exportDrawsAProgressBarOnATerminal() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let conversation = try await database.store.openConversation(channel: "line", room: "", user: "r1")
        for index in 1...5 {
            try await database.store.appendMessage(TranscriptLine(conversationID: conversation.id, direction: .inbound, text: "第\(index)句"))
        }
        // util-linux `script` runs the command on a pseudo-terminal, as a staff member's shell would.
        let script = "/usr/bin/script"
        try #require(FileManager.default.isExecutableFile(atPath: script), "util-linux script is needed to give the export a terminal")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["-qec", "'\(MinhuBinary.url.path)' transcripts export --page-size 2 --db '\(database.path)' > /dev/null", "/dev/null"]
        let terminal = Pipe()
        process.standardOutput = terminal
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let drawn = String(decoding: terminal.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(drawn.contains("导出 export ██████████████████████████████ 100%  5/5"))
    }

    @Test func exportStreamsEveryLineInOrderAcrossPagesAndFiltersBySince() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let conversation = try await database.store.openConversation(channel: "line", room: "", user: "r1")
        let old = Date().addingTimeInterval(-10 * 86_400)
        for index in 1...7 {
            try await database.store.appendMessage(TranscriptLine(
                conversationID: conversation.id, direction: .inbound, text: "第\(index)句",
                at: index <= 2 ? old : nil))
        }
        let all = try runMinhu(["transcripts", "export", "--format", "csv", "--page-size", "2"] + database.db).stdout
        let texts = all.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[5] }
        #expect(texts == ["第1句", "第2句", "第3句", "第4句", "第5句", "第6句", "第7句"])

        let recent = try runMinhu(["transcripts", "export", "--since", "1d", "--page-size", "3"] + database.db).stdout
        #expect(recent.split(separator: "\n").count == 5)
        #expect(!recent.contains("第2句"))
    }

    @Test func aConversationWithTheBotIsListedAndShownWithTheTicketItOpened() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let interpreter = try Interpreter(directory: projectDirectory.appendingPathComponent("intents"))
        let engine = ConversationEngine(interpreter: interpreter, store: database.store)
        let key = ConversationKey(channel: "line", room: "10.0.0.7", user: "42")
        _ = try await engine.handle(Turn(key: key, text: "3栋2单元501室楼道灯坏了，电话13912345678"))
        let reply = try await engine.handle(Turn(key: key, text: "确认"))
        #expect(reply.text.contains("MH-000001"))

        let shown = try assertExecuteCommand(["transcripts", "show", "\(reply.conversationID)"] + database.db)
        #expect(shown.stdout.contains("居民  *栋*单元***室楼道灯坏了，电话139****5678  ‹repair"))
        #expect(shown.stdout.contains("民呼  "))
        #expect(shown.stdout.contains("MH-000001  已提交 submitted  repair"))
        #expect(!shown.stdout.contains("13912345678"))
    }
}
