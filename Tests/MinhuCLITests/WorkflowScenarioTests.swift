import DispatchStore
import Foundation
import Testing

/// A ticket worked through the five steps from the command line, checked event by event.
@Suite struct WorkflowScenarioTests {
    @Test func aTicketGoesThroughEveryStepAndItsHistoryAndStatsSayExactlyWhatHappened() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (ticket, _, _) = try await database.repairTicket()
        try assertExecuteCommand(
            ["units", "add", "wuye-3", "--name", "3栋物业", "--kind", "物业", "--serves", "repair,complaint"] + database.db,
            expected: "added wuye-3 (3栋物业, 物业) serving repair, complaint\n")

        let staff = ["--actor", "wangfang"]
        try assertExecuteCommand(
            ["tickets", "dispatch", "MH-000001", "--yes"] + staff + database.db + intentsOption,
            expected: """
                建议单位 Suggested unit: wuye-3 (3栋物业)  ← repair / lighting 楼道灯、室内照明 → 物业
                MH-000001  派单 dispatch  已提交 submitted → 已派单 dispatched  staff:wangfang  unit wuye-3

                """)
        try assertExecuteCommand(
            ["tickets", "accept", "mh1", "--actor", "laozhang"] + database.db,
            expected: "MH-000001  接单 accept  已派单 dispatched → 已接单 accepted  unit:laozhang  unit wuye-3\n")
        try assertExecuteCommand(
            ["tickets", "start", "1", "--actor", "laozhang"] + database.db,
            expected: "MH-000001  跑单 start  已接单 accepted → 处理中 in_progress  unit:laozhang\n")
        try assertExecuteCommand(
            ["tickets", "resolve", "1", "--actor", "laozhang", "--note", "已更换灯泡"] + database.db,
            expected: "MH-000001  办结 resolve  处理中 in_progress → 已办结（待验收） resolved  unit:laozhang  已更换灯泡\n")
        try assertExecuteCommand(
            ["tickets", "verify", "1"] + staff + database.db,
            expected: "MH-000001  验单 verify  已办结（待验收） resolved → 已验收 verified  staff:wangfang\n")
        try assertExecuteCommand(
            ["tickets", "rate", "1", "--score", "5", "--comment", "师傅很及时"] + staff + database.db,
            expected: "MH-000001  评单 close  已验收 verified → 已完成 closed  staff:wangfang  师傅很及时\n")

        let events = try await database.store.events(of: ticket.id)
        #expect(events.map(\.action) == [.submit, .dispatch, .accept, .start, .resolve, .verify, .close])
        let at = events.map { Shanghai.full($0.at) }
        let history = try runMinhu(["tickets", "show", "1"] + database.db).stdout
        let section = history.components(separatedBy: "历史 History\n").last?.components(separatedBy: "\n\n").first
        #expect(section == """
              #  时间 When            谁 Who                           动作 Action    状态 State                                      说明 Details
              1  \(at[0])  resident:line/room-1/resident-1  下单 submit    → 已提交 submitted
              2  \(at[1])  staff:wangfang                   派单 dispatch  已提交 submitted → 已派单 dispatched            unit wuye-3
              3  \(at[2])  unit:laozhang                    接单 accept    已派单 dispatched → 已接单 accepted             unit wuye-3
              4  \(at[3])  unit:laozhang                    跑单 start     已接单 accepted → 处理中 in_progress
              5  \(at[4])  unit:laozhang                    办结 resolve   处理中 in_progress → 已办结（待验收） resolved  已更换灯泡
              6  \(at[5])  staff:wangfang                   验单 verify    已办结（待验收） resolved → 已验收 verified
              7  \(at[6])  staff:wangfang                   评单 close     已验收 verified → 已完成 closed                 师傅很及时
            """)

        // Step times: 派单 from creation, 接单 from dispatch, 办结 from acceptance.
        let dispatch = events[1].at.timeIntervalSince(events[0].at)
        let accept = events[2].at.timeIntervalSince(events[1].at)
        let resolve = events[4].at.timeIntervalSince(events[2].at)
        // Right-aligned as the table prints them: on a slow machine one step may take 10 s or more.
        let times = [dispatch, accept, resolve].map(seconds)
        let width = times.map(\.count).max() ?? 0
        let step = times.map { String(repeating: " ", count: width - $0.count) + $0 }
        try assertExecuteCommand(["stats"] + database.db, expected: """
            工单 Tickets         1
            超时 Overdue         0  (派单 dispatch 0, 办结 resolve 0)
            满意度 Satisfaction  5.00 / 5  (1 rated)

            按状态 By state
              已完成 closed  1

            按类别 By category
              repair  1

            按单位 By unit
              wuye-3 (3栋物业)  1

            各步用时中位数 Median time per step
              派单 dispatch  下单→派单       \(step[0])  (1 ticket)
              接单 accept    派单→接单/抢单  \(step[1])  (1 ticket)
              办结 resolve   接单→办结       \(step[2])  (1 ticket)

            """)
        let stats = try JSONDecoder().decode(StatsJSON.self, from: Data(try runMinhu(["stats", "--json"] + database.db).stdout.utf8))
        #expect(stats.total == 1)
        #expect(stats.byState == ["closed": 1])
        #expect(stats.byUnit == ["wuye-3": 1])
        #expect(stats.medianStepTimes.map(\.medianSeconds) == [dispatch, accept, resolve])
        #expect(stats.satisfaction.average == 5)
    }

    @Test func anIllegalStepSaysWhyAndWritesNothing() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (ticket, _, _) = try await database.repairTicket()
        try await database.store.apply(.dispatch(unitID: "wuye-3"), to: ticket.id, by: .staff("wangfang"))
        let before = try await database.store.events(of: ticket.id)

        let output = try assertExecuteCommand(
            ["tickets", "resolve", "MH-000001", "--actor", "laozhang"] + database.db, expected: "", exitCode: 1)
        #expect(output.stderr == """
            Error: cannot resolve (办结) MH-000001: it is 已派单 dispatched. Nothing was written.
            Possible next steps from 已派单 dispatched:
              accept  接单  by unit
              claim   抢单  by volunteer
              return  退单  by staff, unit
              cancel  取消  by resident, staff
              merge   合并  by staff, system

            """)
        #expect(try await database.store.events(of: ticket.id) == before)
    }

    @Test func aStepTakenByTheWrongKindOfActorIsRefusedAndNamesWhoMay() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (ticket, _, _) = try await database.repairTicket()
        let output = try assertExecuteCommand(
            ["tickets", "dispatch", "1", "--unit", "wuye-3", "--actor", "laozhang", "--as", "unit"] + database.db,
            expected: "", exitCode: 1)
        #expect(output.stderr == """
            Error: unit may not dispatch (派单) MH-000001; only staff, system may (use --as). Nothing was written.
            Possible next steps from 已提交 submitted:
              dispatch  派单  by staff, system
              cancel    取消  by resident, staff
              merge     合并  by staff, system

            """)
        #expect(try await database.store.events(of: ticket.id).count == 1)
    }

    @Test func everyStepNeedsAnActorFromTheOptionOrTheEnvironment() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (ticket, _, _) = try await database.repairTicket()
        let refused = try assertExecuteCommand(["tickets", "dispatch", "1", "--unit", "wuye-3"] + database.db, exitCode: 1)
        #expect(refused.stderr == "Error: who is acting? pass --actor NAME or set MINHU_ACTOR\n")
        #expect(try await database.store.ticket(ticket.id)?.state == .submitted)

        try await database.store.saveUnit(ServiceUnit(id: "wuye-3", name: "3栋物业", kind: .propertyManagement, categories: ["repair"]))
        try assertExecuteCommand(
            ["tickets", "dispatch", "1", "--unit", "wuye-3"] + database.db, environment: ["MINHU_ACTOR": "lisi"])
        #expect(try await database.store.events(of: ticket.id).last?.actor == .staff("lisi"))
    }

    @Test func dispatchWithoutAUnitPrintsTheSuggestionAndWaitsForYes() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (ticket, _, _) = try await database.repairTicket()
        try await database.store.saveUnit(ServiceUnit(id: "wuye-3", name: "3栋物业", kind: .propertyManagement, categories: ["repair"]))
        try assertExecuteCommand(
            ["tickets", "dispatch", "1", "--actor", "wangfang"] + database.db + intentsOption,
            expected: """
                建议单位 Suggested unit: wuye-3 (3栋物业)  ← repair / lighting 楼道灯、室内照明 → 物业
                Nothing was written: run again with --yes to dispatch to wuye-3, or pass --unit ID.

                """,
            exitCode: 1)
        #expect(try await database.store.ticket(ticket.id)?.state == .submitted)
    }

    /// Found by a QA session: escape sequences in a note or a name reached the next reader's
    /// terminal, and a line break in a name broke the history table.
    @Test func staffTextWithControlCharactersIsRefusedAndNothingIsWritten() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (ticket, _, _) = try await database.repairTicket()
        let before = try await database.store.events(of: ticket.id).count
        for arguments in [["note", "1", "line1\n\u{1B}[31mred\u{1B}[0m", "--actor", "w"],
                          ["note", "1", "fine", "--actor", "a\nb"],
                          ["cancel", "1", "--reason", "x\u{1B}[2J", "--actor", "w"]] {
            let output = try runMinhu(["tickets"] + arguments + database.db)
            #expect(output.exitCode != 0 && output.stderr.contains("control characters"), "\(arguments): \(output.stderr)")
        }
        #expect(try await database.store.events(of: ticket.id).count == before)
        try assertExecuteCommand(["tickets", "note", "1", "两行\n备注", "--actor", "w"] + database.db)
    }

    /// Found by a QA session: accepting a closed ticket said it was "already taken".
    @Test func aFinishedTicketIsNotTakenButDone() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (ticket, _, _) = try await database.repairTicket()
        try await database.store.apply(.dispatch(unitID: "wuye-3"), to: ticket.id, by: .staff("wangfang"))
        try await database.store.apply(.accept, to: ticket.id, by: .unit("wuye-3"))
        try await database.store.apply(.start, to: ticket.id, by: .unit("wuye-3"))
        try await database.store.apply(.resolve(note: nil), to: ticket.id, by: .unit("wuye-3"))
        let late = try runMinhu(["tickets", "accept", "1", "--actor", "wuye-3", "--as", "unit"] + database.db)
        #expect(late.exitCode != 0 && !late.stderr.contains("already taken") && late.stderr.contains("accept"), "\(late.stderr)")
    }

    @Test func aSecondClaimLosesAndSaysWhoHasTheTicket() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (ticket, _, _) = try await database.repairTicket()
        try await database.store.apply(.dispatch(unitID: "volunteers"), to: ticket.id, by: .staff("wangfang"))
        for (id, name) in [("vol-zhang", "张师傅"), ("vol-li", "李阿姨")] {
            try await database.store.saveUnit(ServiceUnit(id: id, name: name, kind: .volunteer, categories: ["repair"]))
        }
        // Someone not in the directory (a typo) cannot take it from the unit it was sent to.
        let typo = try runMinhu(["tickets", "claim", "1", "--by", "vol-zahng", "--actor", "wangfang"] + database.db)
        #expect(typo.exitCode != 0 && typo.stderr.contains("vol-zahng is not in the directory. Nothing was written."), "\(typo)")
        try assertExecuteCommand(
            ["tickets", "claim", "1", "--by", "vol-zhang", "--actor", "vol-zhang"] + database.db,
            expected: "MH-000001  抢单 claim  已派单 dispatched → 已抢单 claimed  volunteer:vol-zhang\n")
        let lost = try assertExecuteCommand(
            ["tickets", "claim", "1", "--by", "vol-li", "--actor", "vol-li"] + database.db, expected: "", exitCode: 1)
        #expect(lost.stderr.contains("Error: MH-000001 is already taken by vol-zhang: it is 已抢单 claimed. Nothing was written."))
        // A volunteer's ticket is started and resolved as that volunteer without --as.
        try assertExecuteCommand(
            ["tickets", "start", "1", "--actor", "vol-zhang"] + database.db,
            expected: "MH-000001  跑单 start  已抢单 claimed → 处理中 in_progress  volunteer:vol-zhang\n")
    }

    @Test func returnReopenMergeAndNotesEachWriteTheirEvent() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (ticket, _, _) = try await database.repairTicket()
        let duplicate = try await database.plainTicket(category: "repair", summary: "楼道灯不亮")
        let store = database.store
        let staff = ["--actor", "wangfang"] + database.db
        try await store.apply(.dispatch(unitID: "chengguan"), to: ticket.id, by: .staff("wangfang"))
        try assertExecuteCommand(
            ["tickets", "return", "1", "--reason", "不归城管管"] + staff,
            expected: "MH-000001  退单 send_back  已派单 dispatched → 已提交 submitted  staff:wangfang  unit chengguan  不归城管管\n")
        try await store.apply(.dispatch(unitID: "wuye-3"), to: ticket.id, by: .staff("wangfang"))
        try await store.apply(.accept, to: ticket.id, by: .unit("laozhang"))
        try await store.apply(.start, to: ticket.id, by: .unit("laozhang"))
        try await store.apply(.resolve(), to: ticket.id, by: .unit("laozhang"))
        try assertExecuteCommand(
            ["tickets", "reopen", "1", "--reason", "灯还是不亮"] + staff,
            expected: "MH-000001  重办 reopen  已办结（待验收） resolved → 已派单 dispatched  staff:wangfang  灯还是不亮\n")
        try assertExecuteCommand(
            ["tickets", "merge", "\(duplicate.id.sequence)", "--into", "MH-000001"] + staff,
            expected: "MH-000002  合并 merge  已提交 submitted → 已合并 merged  staff:wangfang  merged into MH-000001\n")
        try assertExecuteCommand(
            ["tickets", "note", "1", "已电话联系居民", "--internal"] + staff,
            expected: "MH-000001  备注 note  staff:wangfang  (内部 internal)  已电话联系居民\n")
        let note = try #require(try await store.events(of: ticket.id).last)
        #expect(note.action == .note && note.visibility == .internal && note.reason == "已电话联系居民")
        #expect(try await store.ticket(duplicate.id)?.duplicateOf == ticket.id)
    }

    @Test func staffCancelATicketBeforeWorkStartsAndNotAfter() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (ticket, _, _) = try await database.repairTicket()
        let started = try await database.plainTicket(category: "repair", summary: "楼道灯不亮")
        let staff = ["--actor", "wangfang"] + database.db
        try assertExecuteCommand(
            ["tickets", "cancel", "1", "--reason", "居民来电说灯已经好了"] + staff,
            expected: "MH-000001  取消 cancel  已提交 submitted → 已取消 cancelled  staff:wangfang  居民来电说灯已经好了\n")
        #expect(try await database.store.ticket(ticket.id)?.state == .cancelled)
        let store = database.store
        try await store.apply(.dispatch(unitID: "wuye-3"), to: started.id, by: .staff("wangfang"))
        try await store.apply(.accept, to: started.id, by: .unit("laozhang"))
        try await store.apply(.start, to: started.id, by: .unit("laozhang"))
        let refused = try assertExecuteCommand(["tickets", "cancel", "2", "--reason", "不要了"] + staff, exitCode: 1)
        #expect(refused.stderr.contains("cannot cancel (取消) MH-000002: it is 处理中 in_progress"), "\(refused.stderr)")
    }

    @Test func aUnitNotInTheDirectoryIsRefusedAndAMissingIntentsFolderGivesNoGuess() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (ticket, _, _) = try await database.repairTicket()
        try await database.store.saveUnit(ServiceUnit(id: "wuye-3", name: "3栋物业", kind: .propertyManagement, categories: ["repair"]))
        // Once dispatched to the typo "wuye", with a note on stderr.
        let typo = try assertExecuteCommand(["tickets", "dispatch", "1", "--unit", "wuye", "--actor", "wangfang"] + database.db,
                                            exitCode: 1)
        #expect(typo.stderr.contains("wuye is not in the directory. Nothing was written. Units: wuye-3"), "\(typo.stderr)")
        // Once suggested from the directory alone, and --yes sent a water leak to 城管.
        let guess = try assertExecuteCommand(
            ["tickets", "dispatch", "1", "--yes", "--actor", "wangfang", "--intents", "/nonexistent"] + database.db, exitCode: 1)
        #expect(guess.stderr.contains("no intents folder at /nonexistent"), "\(guess.stderr)")
        #expect(try await database.store.ticket(ticket.id)?.state == .submitted)
    }

    @Test func anUnknownTicketIsNamedInTheError() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let output = try assertExecuteCommand(["tickets", "verify", "42", "--actor", "wangfang"] + database.db, exitCode: 1)
        #expect(output.stderr == "Error: ticket MH-000042 not found\n")
    }
}

/// `--intents` pointing at the project's `intents/` folder, wherever the tests run from.
let intentsOption = ["--intents", projectDirectory.appendingPathComponent("intents").path]

/// The package's root folder.
let projectDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// `3s`: how the CLI prints durations under a minute.
func seconds(_ interval: TimeInterval) -> String { "\(Int(interval.rounded(.down)))s" }

/// The parts of `stats --json` the tests read.
struct StatsJSON: Decodable {
    /// One median step time.
    struct Step: Decodable {
        /// The median, nil when no ticket went through the step.
        let medianSeconds: Double?
        /// JSON keys.
        enum CodingKeys: String, CodingKey { case medianSeconds = "median_seconds" }
    }

    /// The residents' ratings.
    struct Satisfaction: Decodable {
        /// The mean rating.
        let average: Double?
    }

    /// All tickets.
    let total: Int
    /// Tickets per state.
    let byState: [String: Int]
    /// Tickets per unit.
    let byUnit: [String: Int]
    /// 派单, 接单, 办结.
    let medianStepTimes: [Step]
    /// The ratings.
    let satisfaction: Satisfaction

    /// JSON keys.
    enum CodingKeys: String, CodingKey {
        case total, satisfaction
        case byState = "by_state"
        case byUnit = "by_unit"
        case medianStepTimes = "median_step_times"
    }
}
