import DispatchStore
import Foundation
import Testing
@testable import Dialogue

/// What a resident can learn about tickets through the dialogue (the line protocol and the
/// gateways speak only through it): their own tickets, never another resident's, whatever
/// number they guess or command they type.
@Suite struct TicketAccessTests {
    /// Alice's three tickets (with her phone) and Bob's one, each from its own conversation.
    static func aliceAndBob() async throws -> (ConversationEngine, any DispatchStore, alice: [TicketNumber], bob: TicketNumber) {
        let (engine, store) = try makeEngine()
        let alice = Resident(engine: engine, store: store, user: "alice")
        var numbers: [TicketNumber] = []
        for problem in ["3栋2单元101楼道灯坏了", "3栋2单元101厨房水管漏水", "3栋2单元101门禁坏了"] {
            _ = try await alice.say("\(problem)，电话13912345678")
            numbers.append(try #require(ticketNumber(in: try await alice.say("确认"))))
        }
        let bob = Resident(engine: engine, store: store, user: "bob", room: "room-2")
        _ = try await bob.say("5栋1单元302电梯坏了，电话13800001111")
        let bobs = try #require(ticketNumber(in: try await bob.say("确认")))
        return (engine, store, numbers, bobs)
    }

    @Test func guessingTicketNumbersRevealsNothingOfAnotherResident() async throws {
        let (engine, store, alices, _) = try await Self.aliceAndBob()
        let mallory = Resident(engine: engine, store: store, user: "mallory", room: "room-3")
        for sequence in 1...6 {
            let number = TicketNumber(Int64(sequence))
            for question in ["查一下\(number)", "工单号\(number)到哪一步了", "\(number)", "我的工单\(number)处理了吗",
                             "查询工单 \(number.description.lowercased())", "MH\(number.description.dropFirst(3))进度"] {
                let reply = try await mallory.say(question)
                for alice in alices {
                    #expect(!reply.contains(alice.description), "\(question) → \(reply)")
                }
                #expect(!reply.contains("楼道灯") && !reply.contains("水管") && !reply.contains("电梯"), "\(question) → \(reply)")
                #expect(!reply.contains("已登记"), "\(question) → \(reply)")
            }
        }
    }

    @Test func aResidentWithTheirOwnPhoneSeesOnlyTheirOwnTicketsWhenGuessing() async throws {
        let (engine, store, alices, bobs) = try await Self.aliceAndBob()
        let bob = Resident(engine: engine, store: store, user: "bob", room: "room-2")
        let own = try await bob.say("我电话13800001111，查一下进度")
        #expect(own.contains(bobs.description))
        for alice in alices {
            let reply = try await bob.say("那\(alice)呢？")
            #expect(!reply.contains(alice.description), "\(alice) → \(reply)")
            #expect(!reply.contains("楼道灯") && !reply.contains("水管") && !reply.contains("门禁"), "\(alice) → \(reply)")
        }
    }

    @Test func slashCommandsOfferNothingStaffOnly() async throws {
        let (engine, store, alices, _) = try await Self.aliceAndBob()
        let mallory = Resident(engine: engine, store: store, user: "mallory", room: "room-3")
        for command in ["/tickets", "/tickets list", "/list", "/show MH-000001", "/admin", "/staff", "/dispatch MH-000001 wuye",
                        "/resolve MH-000001", "/reveal-pii", "/export", "/transcripts", "/help", "/"] {
            let reply = try await mallory.say(command)
            for alice in alices { #expect(!reply.contains(alice.description), "\(command) → \(reply)") }
            #expect(!reply.contains("1391") && !reply.contains("5678"), "\(command) → \(reply)")
        }
        // Nothing about them changed either.
        for alice in alices { #expect(try await store.ticket(alice)?.state == .submitted) }
    }

    @Test func ratingAnotherResidentsTicketByNumberDoesNotCloseIt() async throws {
        let (engine, store, alices, _) = try await Self.aliceAndBob()
        for alice in alices {
            try await store.apply(.dispatch(unitID: "wuye"), to: alice, by: .staff("wang"))
            try await store.apply(.accept, to: alice, by: .unit("wuye"))
            try await store.apply(.start, to: alice, by: .unit("wuye"))
            try await store.apply(.resolve(note: "修好了"), to: alice, by: .unit("wuye"))
        }
        let mallory = Resident(engine: engine, store: store, user: "mallory", room: "room-3")
        for alice in alices {
            let reply = try await mallory.say("\(alice) 5分")
            #expect(!reply.contains(alice.description), "\(reply)")
            #expect(try await store.ticket(alice)?.state == .resolved)
        }
        #expect(try await engine.updates(for: mallory.key, now: morning).isEmpty)
    }

    @Test func newsOfATicketReachesOnlyItsOwnConversation() async throws {
        let (engine, store, alices, _) = try await Self.aliceAndBob()
        let mallory = Resident(engine: engine, store: store, user: "mallory", room: "room-3")
        _ = try await mallory.say("你好")
        let ticket = try #require(try await store.ticket(alices[0]))
        #expect(try await engine.update(about: ticket, for: mallory.key, now: morning).isEmpty)
    }
}
