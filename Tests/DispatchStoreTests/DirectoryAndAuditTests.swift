import DispatchStore
import Foundation
import Testing

/// The units and volunteers directory, and the record of personal data revealed to staff.
@Suite struct DirectoryAndAuditTests {
    @Test(arguments: StoreBackend.allCases)
    func theDirectoryFindsWhoServesACategory(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.saveUnit(ServiceUnit(id: "wuye-3", name: "三号院物业", kind: .propertyManagement, categories: ["repair"]))
            try await store.saveUnit(ServiceUnit(id: "chengguan", name: "街道城管", kind: .cityManagement, categories: ["complaint"]))
            try await store.saveUnit(ServiceUnit(id: "yiliao", name: "志愿医疗队", kind: .medicalTeam, categories: ["health"]))
            try await store.saveUnit(ServiceUnit(id: "vol-li", name: "李师傅", kind: .volunteer, categories: ["repair", "health"]))
            #expect(try await store.units().map(\.id) == ["chengguan", "vol-li", "wuye-3", "yiliao"])
            #expect(try await store.units(serving: "repair").map(\.id) == ["vol-li", "wuye-3"])

            try await store.saveUnit(ServiceUnit(id: "wuye-3", name: "三号院物业", kind: .propertyManagement, categories: ["repair", "complaint"]))
            #expect(try await store.units().count == 4)
            #expect(try await store.units(serving: "complaint").map(\.id) == ["chengguan", "wuye-3"])
            #expect(try await store.units().first { $0.id == "yiliao" }?.kind.rawValue == "医疗队")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func revealingPersonalDataLeavesAnAuditEntry(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let first = try await store.recordReveal(PersonalDataReveal(
                actor: Cast.staff, subject: "MH-000001", what: "phone", reason: "回访"))
            let second = try await store.recordReveal(PersonalDataReveal(
                actor: Cast.staff, subject: "conversation 3", what: "transcript"))
            #expect(second.id > first.id)
            let entries = try await store.reveals(since: nil, limit: nil)
            #expect(entries == [second, first])
            #expect(entries.last?.actor == Cast.staff)
            #expect(entries.last?.reason == "回访")
            #expect(try await store.reveals(since: Date() + 60, limit: nil).isEmpty)
            #expect(try await store.reveals(since: nil, limit: 1) == [second])
        }
    }
}
