import DispatchStore
import Foundation
import Testing

/// `units` and `--db`: the directory of units, and what happens with a wrong database.
@Suite struct DirectoryAndDatabaseTests {
    @Test func unitsAreAddedListedAndRetired() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        try assertExecuteCommand(
            ["units", "add", "wuye-3", "--name", "3栋物业", "--kind", "物业", "--serves", "repair", "--serves", "complaint"] + database.db,
            expected: "added wuye-3 (3栋物业, 物业) serving repair, complaint\n")
        try assertExecuteCommand(
            ["units", "add", "vol-zhang", "--name", "张师傅", "--kind", "志愿者", "--serves", "repair"] + database.db,
            expected: "added vol-zhang (张师傅, 志愿者) serving repair\n")
        try assertExecuteCommand(["units", "list"] + database.db, expected: """
            编号 ID    名称 Name  类型 Kind  服务 Serves
            vol-zhang  张师傅     志愿者     repair
            wuye-3     3栋物业    物业       repair, complaint

            """)
        try assertExecuteCommand(["units", "remove", "wuye-3", "--serves", "complaint"] + database.db,
                                 expected: "wuye-3 (3栋物业) now serves repair\n")
        try assertExecuteCommand(["units", "remove", "vol-zhang"] + database.db,
                                 expected: "vol-zhang (张师傅) retired: it serves no category\n")
        try assertExecuteCommand(["units", "list", "--serving", "repair", "--json"] + database.db, expected: """
            [{"categories":["repair"],"id":"wuye-3","kind":"物业","name":"3栋物业"}]

            """)
        #expect(try await database.store.units().map(\.categories) == [[], ["repair"]])
        // A retired volunteer or unit takes no more tickets (QA: both still could).
        let (ticket, _, _) = try await database.repairTicket()
        let dispatch = try runMinhu(["tickets", "dispatch", "\(ticket.id)", "--unit", "vol-zhang", "--actor", "wangfang"] + database.db)
        #expect(dispatch.exitCode != 0 && dispatch.stderr.contains("vol-zhang (张师傅) is retired"), "\(dispatch)")
        try await database.store.apply(.dispatch(unitID: "wuye-3"), to: ticket.id, by: .staff("wangfang"))
        let claim = try runMinhu(["tickets", "claim", "\(ticket.id)", "--by", "vol-zhang", "--actor", "wangfang"] + database.db)
        #expect(claim.exitCode != 0 && claim.stderr.contains("vol-zhang (张师傅) is retired"), "\(claim)")
        #expect(try await database.store.ticket(ticket.id)?.unitID == "wuye-3")
    }

    @Test func aMisspelledCategoryIsRefused() throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        // Once added as "serving repiar, helth": a unit that is never suggested, unnoticed.
        let output = try assertExecuteCommand(
            ["units", "add", "badcat", "--name", "猫", "--kind", "物业", "--serves", "repiar,helth"] + database.db,
            expected: "", exitCode: 64)
        #expect(output.stderr.contains("--serves: unknown category repiar (known: repair, health, complaint, certificate, human)"),
                "\(output.stderr)")
        try assertExecuteCommand(
            ["units", "add", "wuye-3", "--name", "3栋物业", "--kind", "物业", "--serves", "repair"] + database.db)
        // Once "now serves repair", as if something had changed.
        let removal = try assertExecuteCommand(["units", "remove", "wuye-3", "--serves", "health"] + database.db,
                                               expected: "", exitCode: 1)
        #expect(removal.stderr == "Error: wuye-3 (3栋物业) does not serve health; it serves repair. Nothing was written.\n")
    }

    @Test func aRetiredUnitIsNeverSuggestedForDispatch() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let (ticket, _, _) = try await database.repairTicket()
        try await database.store.saveUnit(ServiceUnit(id: "wuye-3", name: "3栋物业", kind: .propertyManagement, categories: []))
        let output = try assertExecuteCommand(
            ["tickets", "dispatch", "1", "--yes", "--actor", "wangfang"] + database.db + intentsOption, expected: "", exitCode: 1)
        #expect(output.stderr == "Error: No directory entry matches the routing (repair / lighting 楼道灯、室内照明 → 物业): pass --unit ID, or add one with `minhu units add`.\n")
        #expect(try await database.store.ticket(ticket.id)?.state == .submitted)
    }

    @Test func anUnsupportedURLSchemeIsRefusedBeforeItIsTakenForAFileName() throws {
        let output = try assertExecuteCommand(
            ["tickets", "list", "--db", "mysql://minhu@db.example/minhu"], expected: "", exitCode: 1)
        #expect(output.stderr
                == "Error: unsupported database URL scheme mysql://: pass --db PATH to a SQLite file or a postgres:// URL\n")
    }

    @Test func anUnreachablePostgresServerIsReportedWithThePasswordMasked() throws {
        // Port 1 on loopback refuses at once: no server needed.
        let output = try assertExecuteCommand(
            ["tickets", "list", "--db", "postgres://minhu:s3cret-pw@127.0.0.1:1/minhu"], expected: "", exitCode: 1)
        #expect(output.stderr.hasPrefix("Error: "))
        #expect(output.stderr.contains("postgres://minhu:***@127.0.0.1:1/minhu"), "\(output.stderr)")
        #expect(!output.stderr.contains("s3cret-pw"))
    }

    @Test func aMalformedPostgresURLIsRefusedWithThePasswordMasked() throws {
        let output = try assertExecuteCommand(
            ["stats", "--db", "postgres://minhu:s3cret-pw@db.example/"], expected: "", exitCode: 1)
        #expect(output.stderr == "Error: --db: the URL names no database: postgres://minhu:***@db.example/\n")
    }

    @Test func aMissingDatabaseFileIsAnErrorNotANewEmptyDatabase() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("minhu-missing-\(UUID().uuidString).sqlite").path
        let output = try assertExecuteCommand(["stats", "--db", path], expected: "", exitCode: 1)
        #expect(output.stderr == "Error: no database at \(path): pass --db PATH (the file `minhu serve` writes)\n")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aFolderGivenAsTheDatabaseIsNamedAsAFolder() throws {
        let folder = FileManager.default.temporaryDirectory.path
        // Once SQLite's own words: "storage failure: 14 (unable to open database file)".
        let output = try assertExecuteCommand(["tickets", "list", "--db", folder], expected: "", exitCode: 1)
        #expect(output.stderr == "Error: \(folder) is a folder, not a database file: pass --db PATH (the file `minhu serve` writes)\n")
    }

    /// Found by a QA session: SQLite's words ("storage failure: 26 (file is not a database)"),
    /// naming no file.
    @Test func aFileThatIsNotADatabaseOrCannotBeCreatedIsSaidPlainly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("minhu-notes-\(UUID().uuidString).sqlite").path
        try "not a database, just notes\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let notADatabase = try assertExecuteCommand(["tickets", "list", "--db", path], expected: "", exitCode: 1)
        #expect(notADatabase.stderr.hasPrefix("Error: \(path) is not a Minhu database"), "\(notADatabase.stderr)")
        let nowhere = "/nonexistent-\(UUID().uuidString)/minhu.sqlite"
        let cannotCreate = try assertExecuteCommand(
            ["units", "add", "x", "--name", "y", "--kind", "物业", "--serves", "repair", "--db", nowhere], expected: "", exitCode: 1)
        #expect(cannotCreate.stderr.hasPrefix("Error: cannot open or create a database at \(nowhere)"), "\(cannotCreate.stderr)")
    }

    @Test func aServerOnAPortInUseSaysSo() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let node = try await ServeNode.start(db: database.path)
        defer { node.stop() }
        let second = try runMinhu(["serve", "--port", "\(node.port)"] + database.db + intentsOption)
        #expect(second.exitCode != 0 && second.stderr.contains("Error: port \(node.port) is already in use"), "\(second.stderr)")
    }

    @Test func statsOnAnEmptyDatabaseSaysSo() throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        try assertExecuteCommand(["stats"] + database.db, expected: """
            工单 Tickets         0
            超时 Overdue         0  (派单 dispatch 0, 办结 resolve 0)
            满意度 Satisfaction  —  (0 rated)

            按状态 By state


            按类别 By category
              (none)

            按单位 By unit
              (none)

            各步用时中位数 Median time per step
              派单 dispatch  下单→派单       —  (0 tickets)
              接单 accept    派单→接单/抢单  —  (0 tickets)
              办结 resolve   接单→办结       —  (0 tickets)

            """)
    }
}
