import DispatchStore
import Foundation
import Testing

/// Health complaints are personal data: hidden whole in listings, ticket views, transcripts and
/// exports until a named staff member reveals them, and the reveal is recorded.
@Suite struct HealthPrivacyTests {
    static let complaint = "我妈最近老是头晕，血压高，3栋2单元501室，电话13912345678"
    static let hidden = "健康信息已隐藏"

    /// A health consultation (conversation 1, ticket 1) and a repair (conversation 2, ticket 2).
    private func scenario() async throws -> ScenarioDatabase {
        let database = try ScenarioDatabase()
        _ = try await database.repairTicket(summary: Self.complaint, user: "resident-1", category: "health",
                                            subcategory: "home_visit")
        _ = try await database.repairTicket(user: "resident-2")
        return database
    }

    @Test func listingsHideAHealthTicketsSummaryAndShowOthers() async throws {
        let database = try await scenario()
        defer { database.remove() }
        for format in [[], ["--json"], ["--csv"]] {
            let listed = try assertExecuteCommand(["tickets", "list"] + format + database.db).stdout
            #expect(!listed.contains("头晕"), "\(format)")
            #expect(listed.contains(Self.hidden), "\(format)")
            #expect(listed.contains("楼道灯坏了"), "\(format)")
        }
    }

    /// Found by a QA session: a search matched the stored text, so it confirmed a hidden
    /// complaint or a phone number the listing masks, and no one was recorded as looking.
    @Test func aSearchFindsOnlyWhatTheListingShowsUntilARevealRecordsIt() async throws {
        let database = try await scenario()
        defer { database.remove() }
        for term in ["头晕", "13912345678", "楼道灯"] {
            let found = try assertExecuteCommand(["tickets", "list", "-q", "--search", term] + database.db).stdout
            #expect(found == (term == "楼道灯" ? "MH-000002\n" : ""), "\(term)")
        }
        let revealed = try assertExecuteCommand(["tickets", "list", "-q", "--search", "头晕", "--reveal-pii", "--actor", "wangfang"]
                                                + database.db).stdout
        #expect(revealed == "MH-000001\n")
        let reveals = try await database.store.reveals(since: nil, limit: nil)
        #expect(reveals.map(\.subject) == ["search 头晕: MH-000001"], "\(reveals)")
        #expect(reveals.first?.what == "phone,address,health")
        // The audit can be read back, the search term masked when it is a number (QA: no command read it).
        try await database.store.recordReveal(PersonalDataReveal(actor: .staff("lisi"), subject: "search 13912345678: MH-000001", what: "phone"))
        let audit = try assertExecuteCommand(["audit", "list"] + database.db).stdout
        #expect(audit.contains("staff:wangfang") && audit.contains("search 头晕") && audit.contains("139****5678")
                && !audit.contains("13912345678"), "\(audit)")
    }

    /// Found by a QA session: transcripts list --search said who wrote an ID number.
    @Test func aTranscriptSearchForPersonalDataNeedsARevealAndHidesHealthConversations() async throws {
        let database = try await scenario()
        defer { database.remove() }
        let refused = try runMinhu(["transcripts", "list", "--search", "13912345678"] + database.db)
        #expect(refused.exitCode != 0 && refused.stderr.contains("--reveal-pii"), "\(refused)")
        // The health conversation holds 电话 as well as the repair's: only the repair is listed.
        let masked = try assertExecuteCommand(["transcripts", "list", "--search", "电话", "--json"] + database.db).stdout
        #expect(!masked.contains("resident-1") && masked.contains("resident-2"), "\(masked)")
        let revealed = try assertExecuteCommand(["transcripts", "list", "--search", "13912345678", "--json",
                                                 "--reveal-pii", "--actor", "wangfang"] + database.db).stdout
        #expect(revealed.contains("resident-1") && revealed.contains("resident-2"), "\(revealed)")
        let reveals = try await database.store.reveals(since: nil, limit: nil)
        #expect(reveals.count == 1 && reveals[0].subject.hasPrefix("search 13912345678: conversations #"), "\(reveals)")
    }

    @Test func aHealthTicketShowsNeitherItsComplaintNorItsNotesNorItsChat() async throws {
        let database = try await scenario()
        defer { database.remove() }
        try await database.store.addNote("医生说是高血压，下周复诊", to: TicketNumber(1), by: .staff("wangfang"),
                                         visibility: .internal)
        for format in [[], ["--json"]] {
            let shown = try assertExecuteCommand(["tickets", "show", "1"] + format + database.db).stdout
            for private_ in ["头晕", "高血压", "13912345678"] { #expect(!shown.contains(private_), "\(format)") }
            #expect(shown.contains(Self.hidden))
            // What staff need to route it stays: the category and the masked phone.
            #expect(shown.contains("home_visit"))
            #expect(shown.contains("139****5678"))
        }
    }

    @Test func revealingAHealthTicketShowsTheComplaintAndRecordsWhoLooked() async throws {
        let database = try await scenario()
        defer { database.remove() }
        let shown = try assertExecuteCommand(["tickets", "show", "1", "--reveal-pii", "--actor", "wangfang"] + database.db)
        #expect(shown.stdout.contains("摘要 Summary           \(Self.complaint)\n"))
        #expect(!shown.stdout.contains(Self.hidden))
        let reveals = try await database.store.reveals(since: nil, limit: nil)
        #expect(reveals.map(\.actor) == [.staff("wangfang")])
        #expect(reveals.first?.what.contains("health") == true)
    }

    @Test func aHealthConversationsLinesAreHiddenInItsTranscriptAndInTheExport() async throws {
        let database = try await scenario()
        defer { database.remove() }
        let health = try assertExecuteCommand(["transcripts", "show", "1"] + database.db).stdout
        #expect(!health.contains("头晕"))
        #expect(health.contains(Self.hidden))
        let repair = try assertExecuteCommand(["transcripts", "show", "2"] + database.db).stdout
        #expect(repair.contains("楼道灯坏了"))
        #expect(!repair.contains(Self.hidden))

        let exported = try assertExecuteCommand(["transcripts", "export"] + database.db).stdout
        let lines = exported.split(separator: "\n")
        let first = lines.filter { $0.contains("\"conversation_id\":1") }
        let second = lines.filter { $0.contains("\"conversation_id\":2") }
        #expect(first.count == 3 && first.allSatisfy { $0.contains(Self.hidden) })
        #expect(second.count == 3 && !second.contains { $0.contains(Self.hidden) })
    }

    @Test func aHealthQuestionWithoutATicketIsHiddenToo() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let conversation = try await database.store.openConversation(channel: "line", room: "", user: "resident-3")
        _ = try await database.store.appendMessage(TranscriptLine(
            conversationID: conversation.id, direction: .inbound, text: "降压药饭前吃还是饭后吃", intent: "health",
            confidence: 0.97, at: Date()))
        let exported = try assertExecuteCommand(["transcripts", "export"] + database.db).stdout
        #expect(!exported.contains("降压药"))
        #expect(exported.contains(Self.hidden))
    }
}
