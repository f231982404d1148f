import DispatchStore
import Foundation
import Testing

/// `tickets list` and `tickets show`: aligned tables, filters, JSON and CSV, masking and reveals.
@Suite struct TicketListingTests {
    @Test func listShowsNewestFirstInATableAlignedByDisplayWidthWithPersonalDataMasked() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (light, _, _) = try await database.repairTicket()
        let noise = try await database.plainTicket(category: "complaint", summary: "楼下KTV太吵")
        try await database.store.apply(.dispatch(unitID: "chengguan"), to: noise.id, by: .staff("wangfang"))
        try assertExecuteCommand(["tickets", "list"] + database.db, expected: """
            编号 ID    时长 Age  状态 State         类别 Category      摘要 Summary              单位 Unit  时限 Due
            MH-000002  <1m       已派单 dispatched  complaint          楼下KTV太吵               chengguan  —
            MH-000001  <1m       已提交 submitted   repair / lighting  *栋*单元***室楼道灯坏了…  —          \(Shanghai.short(light.dispatchDueAt!))

            """)
    }

    @Test func anEmergencyStandsOutInTheList() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        _ = try await database.plainTicket(category: "repair", summary: "楼道灯不亮")
        _ = try await database.store.createTicket(TicketDraft(
            category: "health", subcategory: "emergency", priority: .urgent, isEmergency: true, summary: "胸口痛",
            channel: "line", submittedBy: .resident("line//s:0")))
        let output = try assertExecuteCommand(["tickets", "list"] + database.db)
        let rows = output.stdout.split(separator: "\n")
        #expect(rows.count == 3 && rows[1].contains("紧急 health / emergency") && !rows[2].contains("紧急"), "\(output.stdout)")
    }

    @Test func showPrintsALongNoteInFullWithItsInternalMark() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (ticket, _, _) = try await database.repairTicket()
        let note = "已电话联系居民，约好明天上午九点到十点之间维保师傅上门检查，居民说下午不在家，请不要改时间"
        try await database.store.addNote(note, to: ticket.id, by: .staff("wangfang"), visibility: .internal)
        // Once cut at 60 columns, which dropped the end of the note and its internal mark.
        let output = try assertExecuteCommand(["tickets", "show", "1"] + database.db)
        #expect(output.stdout.contains("(内部 internal)  " + note), "\(output.stdout)")
    }

    @Test func showStartsAtTheLineThatOpenedTheRequest() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let store = database.store
        let conversation = try await store.openConversation(channel: "line", room: "", user: "s:1")
        let said: [(MessageDirection, String)] = [
            (.inbound, "楼道灯坏了"), (.outbound, "已为您登记报修。工单号：MH-000099。"),
            (.inbound, "我要投诉楼上装修太吵"), (.outbound, "这件事发生在哪里？"), (.inbound, "5栋3单元"),
            (.outbound, "一般是什么时候发生的？"), (.inbound, "每天晚上"), (.outbound, "您希望匿名投诉吗？"),
            (.inbound, "不用匿名"), (.outbound, "我核对一下：没问题请回复“确认”"), (.inbound, "确认"),
        ]
        let now = Date()
        for (offset, line) in said.enumerated() {
            try await store.appendMessage(TranscriptLine(conversationID: conversation.id, direction: line.0, text: line.1,
                                                         at: now.addingTimeInterval(Double(offset - 60))))
        }
        _ = try await store.createTicket(TicketDraft(
            category: "complaint", summary: "我要投诉楼上装修太吵", conversationID: conversation.id, channel: "line",
            submittedBy: .resident("line//s:1")))
        // Once six lines back, which began after the complaint's opening line.
        let output = try assertExecuteCommand(["tickets", "show", "1"] + database.db)
        let chat = try #require(output.stdout.components(separatedBy: "对话 Conversation").last)
        #expect(chat.contains("我要投诉楼上装修太吵") && chat.contains("前面还有 2 行"), "\(chat)")
        #expect(!chat.contains("楼道灯坏了"), "\(chat)")
    }

    @Test func filtersNarrowTheListAndQuietPrintsOnlyNumbers() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let store = database.store
        let light = try await database.plainTicket(category: "repair", summary: "楼道灯不亮")
        let noise = try await database.plainTicket(category: "complaint", summary: "楼下KTV太吵")
        let lift = try await database.plainTicket(category: "repair", summary: "电梯坏了")
        try await store.apply(.dispatch(unitID: "wuye-3"), to: lift.id, by: .staff("wangfang"))
        try await store.apply(.dispatch(unitID: "chengguan"), to: noise.id, by: .staff("wangfang"))

        try assertExecuteCommand(["tickets", "list", "-q"] + database.db, expected: "MH-000003\nMH-000002\nMH-000001\n")
        try assertExecuteCommand(["tickets", "list", "-q", "--category", "repair"] + database.db, expected: "MH-000003\nMH-000001\n")
        try assertExecuteCommand(["tickets", "list", "-q", "--state", "submitted"] + database.db, expected: "\(light.id)\n")
        try assertExecuteCommand(["tickets", "list", "-q", "--state", "已派单"] + database.db, expected: "MH-000003\nMH-000002\n")
        try assertExecuteCommand(["tickets", "list", "-q", "--unit", "chengguan"] + database.db, expected: "MH-000002\n")
        try assertExecuteCommand(["tickets", "list", "-q", "--search", "电梯"] + database.db, expected: "MH-000003\n")
        // QA: a misspelt category listed nothing, silently; 已办结 without its parenthesis was refused.
        let bogus = try runMinhu(["tickets", "list", "--category", "bogus"] + database.db)
        #expect(bogus.exitCode != 0 && bogus.stderr.contains("unknown category bogus"), "\(bogus.stderr)")
        #expect(try runMinhu(["tickets", "list", "-q", "--category", "REPAIR"] + database.db).stdout
                == (try runMinhu(["tickets", "list", "-q", "--category", "repair"] + database.db).stdout))
        #expect(try runMinhu(["tickets", "list", "-q", "--state", "已办结"] + database.db).exitCode == 0)
        try assertExecuteCommand(["tickets", "list", "-q", "--limit", "1"] + database.db, expected: "MH-000003\n")
        try assertExecuteCommand(["tickets", "list", "-q", "--since", "1h"] + database.db, expected: "MH-000003\nMH-000002\nMH-000001\n")
        try assertExecuteCommand(["tickets", "list", "-q", "--since", "2999-01-01"] + database.db, expected: "")
    }

    @Test func overdueListsOnlyTicketsPastTheirDeadline() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        _ = try await database.plainTicket(category: "repair", summary: "电梯困人", dispatchWithin: 0)
        _ = try await database.plainTicket(category: "repair", summary: "楼道灯不亮", dispatchWithin: 3600)
        try await Task.sleep(for: .milliseconds(20))
        try assertExecuteCommand(["tickets", "list", "-q", "--overdue"] + database.db, expected: "MH-000001\n")
        let table = try runMinhu(["tickets", "list", "--overdue"] + database.db).stdout
        #expect(table.contains(" 超时\n"))
    }

    @Test func jsonAndCSVCarryTheSameMaskedFields() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (ticket, conversation, _) = try await database.repairTicket()
        let json = try runMinhu(["tickets", "list", "--json"] + database.db).stdout
        let records = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        let record = try #require(records?.first)
        #expect(record["id"] as? String == "MH-000001")
        #expect(record["state"] as? String == "submitted")
        #expect(record["state_name"] as? String == "已提交")
        #expect(record["contact_phone"] as? String == "139****5678")
        #expect(record["address"] as? String == "*栋*单元***室")
        #expect(record["summary"] as? String == "*栋*单元***室楼道灯坏了，电话139****5678")
        #expect(record["conversation_id"] as? Int == Int(conversation.id))
        #expect(record["created_at"] as? String == Shanghai.iso(ticket.createdAt))
        #expect(!json.contains("13912345678"))

        try assertExecuteCommand(["tickets", "list", "--csv"] + database.db, expected: """
            id,state,state_name,category,subcategory,priority,summary,address,contact_phone,unit_id,assignee,dispatch_due_at,resolve_due_at,overdue,rating,created_at,updated_at
            MH-000001,submitted,已提交,repair,lighting,normal,*栋*单元***室楼道灯坏了，电话139****5678,*栋*单元***室,139****5678,,,\(Shanghai.iso(ticket.dispatchDueAt!)),\(Shanghai.iso(ticket.resolveDueAt!)),,,\(Shanghai.iso(ticket.createdAt)),\(Shanghai.iso(ticket.updatedAt))

            """)
    }

    @Test func showPrintsEveryFieldTheHistoryAndTheChatAroundCreation() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (ticket, conversation, lines) = try await database.repairTicket()
        try await database.store.saveUnit(ServiceUnit(id: "wuye-3", name: "3栋物业", kind: .propertyManagement, categories: ["repair"]))
        try await database.store.apply(.dispatch(unitID: "wuye-3"), to: ticket.id, by: .staff("wangfang"))
        let after = try #require(try await database.store.ticket(ticket.id))
        let events = try await database.store.events(of: ticket.id)
        let clock = lines.map { Shanghai.clock($0.at) }
        try assertExecuteCommand(["tickets", "show", "mh1"] + database.db, expected: """
            编号 Ticket            MH-000001
            状态 State             已派单 dispatched
            类别 Category          repair / lighting
            优先级 Priority        normal
            摘要 Summary           *栋*单元***室楼道灯坏了，电话139****5678
            详情 Details           *栋*单元***室楼道灯坏了，电话139****5678
            地址 Address           *栋*单元***室
            电话 Phone             139****5678
            渠道 Channel           line
            对话 Conversation      #\(conversation.id)
            单位 Unit              wuye-3 (3栋物业)
            派单时限 Dispatch due  \(Shanghai.full(ticket.dispatchDueAt!))
            办结时限 Resolve due   \(Shanghai.full(ticket.resolveDueAt!))
            创建 Created           \(Shanghai.full(ticket.createdAt))
            更新 Updated           \(Shanghai.full(after.updatedAt))

            历史 History
              #  时间 When            谁 Who                           动作 Action    状态 State                            说明 Details
              1  \(Shanghai.full(events[0].at))  resident:line/room-1/resident-1  下单 submit    → 已提交 submitted
              2  \(Shanghai.full(events[1].at))  staff:wangfang                   派单 dispatch  已提交 submitted → 已派单 dispatched  unit wuye-3

            对话 Conversation #\(conversation.id)（创建前后 around creation）
              ── \(Shanghai.day(lines[0].at)) ──
              \(clock[0])  居民  *栋*单元***室楼道灯坏了，电话139****5678  ‹repair 0.93›
              \(clock[1])  民呼  我核对一下：*栋*单元***室楼道灯坏了，电话139****5678。没问题请回复“确认”。
              \(clock[2])  居民  确认  ‹thanks 0.26›

            """)
    }

    @Test func revealingPersonalDataShowsItAndRecordsWhoLooked() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        _ = try await database.repairTicket()
        let shown = try assertExecuteCommand(["tickets", "show", "1", "--reveal-pii", "--actor", "wangfang"] + database.db)
        #expect(shown.stdout.contains("电话 Phone             13912345678\n"))
        #expect(shown.stdout.contains("地址 Address           3栋2单元501室\n"))
        let reveals = try await database.store.reveals(since: nil, limit: nil)
        #expect(reveals.map(\.actor) == [.staff("wangfang")])
        #expect(reveals.first?.subject == "MH-000001")
    }

    @Test func revealingPersonalDataWithoutANameIsRefusedBeforeAnythingIsPrinted() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        _ = try await database.repairTicket()
        let refused = try assertExecuteCommand(["tickets", "list", "--reveal-pii"] + database.db, expected: "", exitCode: 1)
        #expect(refused.stderr.contains("who is acting? pass --actor NAME or set MINHU_ACTOR"))
        #expect(try await database.store.reveals(since: nil, limit: nil).isEmpty)
    }
}
