import Foundation
import Testing
@testable import Understanding

@Suite struct IntentCatalogTests {
    @Test func theProjectFolderHoldsExactlyTheNineIntentsWithEnoughExamples() throws {
        let catalog = interpreter.catalog
        #expect(catalog.intents.map(\.id).sorted() == IntentCatalog.knownIDs.sorted())
        for intent in catalog.intents {
            #expect(intent.examples.count >= IntentLint.minimumExamples(for: intent.id), "\(intent.id)")
            #expect(!intent.name.isEmpty && !intent.description.isEmpty, "\(intent.id)")
        }
    }

    @Test func theProjectFolderPassesTheLint() {
        #expect(IntentLint.check(interpreter.catalog).map(\.description) == [])
    }

    @Test func ticketIntentsRouteToAUnitWithTimeLimits() throws {
        for id in ["repair", "health", "complaint"] {
            let routing = try #require(interpreter.catalog[id]?.routing, "\(id)")
            let route = try #require(routing.default)
            #expect(!route.unit.isEmpty)
            #expect(route.dispatchWithin.seconds > 0 && route.dispatchWithin.seconds <= route.resolveWithin.seconds)
            #expect(!routing.subcategories.isEmpty)
        }
    }

    @Test func theCertificateKnowledgeBaseCoversAtLeastFifteenKinds() throws {
        let knowledge = try #require(interpreter.catalog["certificate"]).knowledge
        #expect(knowledge.count >= 15)
        #expect(knowledge.contains { $0.issuedHere })
        #expect(knowledge.contains { !$0.issuedHere && !$0.online.isEmpty })
        for kind in knowledge where kind.issuedHere { #expect(!kind.bring.isEmpty, "\(kind.id)") }
    }

    @Test func healthCarriesEmergencySignalsWithNumbersToCall() throws {
        let rules = try #require(interpreter.catalog["health"]).emergencies
        #expect(Set(rules.map(\.call)).isSuperset(of: ["120", "119", "110"]))
    }

    @Test func timeLimitsParseMinutesHoursAndDays() {
        #expect(TimeLimit("15m")?.seconds == 900)
        #expect(TimeLimit("2h")?.seconds == 7200)
        #expect(TimeLimit("3d")?.seconds == 259_200)
        #expect(TimeLimit("2h")?.chinese == "2小时")
        #expect(TimeLimit("soon") == nil)
        #expect(TimeLimit("-5m") == nil)
    }

    @Test func aBrokenIntentFileIsReportedWithItsPathAndField() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intents-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name: 报修\nexamples: [灯坏了]\n".write(to: folder.appendingPathComponent("repair.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try IntentCatalog(directory: folder)
            Issue.record("a file without id loaded")
        } catch let error as UnderstandingError {
            #expect(error.description.contains("repair.yaml"))
            #expect(error.description.contains("id"))
        }
    }

    @Test func anIDThatDiffersFromTheFileNameIsRejected() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intents-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "id: health\nexamples: [头疼]\n".write(to: folder.appendingPathComponent("repair.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: UnderstandingError.self) { try IntentCatalog(directory: folder) }
    }

    @Test func lintFindsAPlaceholderInSubcategoryAdviceWhichIsSaidAsWritten() {
        // health's emergency advice once said "请先拨打{call}！" to a resident.
        let routing = Routing(default: nil, subcategories: [
            Subcategory(id: "emergency", name: "急症", keywords: ["晕倒"], unit: "社区医疗队", priority: .urgent,
                        dispatchWithin: TimeLimit("15m")!, resolveWithin: TimeLimit("1d")!)])
        let health = IntentDefinition(id: "health", examples: [], routing: routing,
                                      answers: ["emergency": "请先拨打{call}！", "created": "工单号：{ticket_id}"])
        let findings = IntentLint.check(IntentCatalog(intents: [health])).map(\.message)
        #expect(findings.contains("answer emergency uses {call}, which nothing fills"), "\(findings)")
        #expect(!findings.contains { $0.hasPrefix("answer created") }, "\(findings)")
    }

    @Test func lintFindsASubcategoryAskingForASlotTheIntentDoesNotHave() {
        var visit = Subcategory(id: "home_visit", name: "上门", keywords: ["上门"], unit: "社区医疗队", priority: .high,
                                dispatchWithin: TimeLimit("4h")!, resolveWithin: TimeLimit("2d")!)
        visit.asks = ["adress"]
        let health = IntentDefinition(id: "health", examples: [], routing: Routing(default: nil, subcategories: [visit]))
        let findings = IntentLint.check(IntentCatalog(intents: [health])).map(\.message)
        #expect(findings.contains("sub-category home_visit asks for adress, which is not a slot"), "\(findings)")
    }

    @Test func lintFindsDuplicatesAcrossIntentsAndSlotsWithoutPrompts() {
        let catalog = IntentCatalog(intents: [
            IntentDefinition(id: "repair", name: "报修", description: "x", examples: ["灯坏了"],
                             slots: [SlotDefinition(name: "phone", required: true, extractor: .phone, prompt: nil)]),
            IntentDefinition(id: "complaint", name: "投诉", description: "x", lexicon: ["網格員", "噪音"], examples: ["燈壞了"]),
            IntentDefinition(id: "human", name: "转人工", description: "x", lexicon: ["网格员"], examples: ["转人工"]),
        ])
        let messages = IntentLint.check(catalog).map(\.description)
        #expect(messages.contains { $0.contains("example also in") })
        #expect(messages.filter { $0.contains("lexicon term also in") } == [
            "human: lexicon term also in complaint: 网格员 (keep it in one file, or in lexicon.txt if it hints at no intent)"])
        #expect(messages.contains { $0.contains("slot phone has no prompt") })
        #expect(messages.contains { $0.contains("health.yaml is missing") })
    }
}
