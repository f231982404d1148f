import DispatchStore
import Foundation
import Testing

/// Conversations, the dialogue state a restart resumes from, and transcripts.
@Suite struct ConversationTests {
    @Test(arguments: StoreBackend.allCases)
    func openingAgainResumesTheSameConversation(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let first = try await store.openConversation(channel: "irc", room: "#3dong", user: "laozhang")
            let again = try await store.openConversation(channel: "irc", room: "#3dong", user: "laozhang")
            let otherRoom = try await store.openConversation(channel: "irc", room: "#5dong", user: "laozhang")
            let otherChannel = try await store.openConversation(channel: "onebot", room: "#3dong", user: "laozhang")
            #expect(again.id == first.id)
            #expect(Set([first.id, otherRoom.id, otherChannel.id]).count == 3)
            #expect(first.isFlaggedForHuman == false)
            #expect(first.dialogueState == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func dialogueStateSurvivesAsTheEngineWroteIt(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let conversation = try await store.openConversation(channel: "line", room: "", user: "u1")
            let state = Data(#"{"intent":"repair","slots":{"address":"3栋2单元"},"awaiting":"phone"}"#.utf8)
            try await store.saveDialogueState(state, for: conversation.id)
            #expect(try await store.conversation(conversation.id)?.dialogueState == state)
            try await store.saveDialogueState(nil, for: conversation.id)
            #expect(try await store.conversation(conversation.id)?.dialogueState == nil)
            await #expect(throws: DispatchStoreError.conversationNotFound(999)) {
                try await store.saveDialogueState(state, for: 999)
            }
        }
    }

    /// Many turns at once, as the service runs them: each read (which may share a transaction
    /// with others) finds its own conversation and sees the turn its caller recorded before it.
    @Test(arguments: StoreBackend.allCases)
    func concurrentTurnsEachReadTheirOwnConversationAndTheirLastWrite(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for resident in 0..<60 {
                    group.addTask {
                        let user = "resident-\(resident)"
                        let opened = try await store.openConversation(channel: "line", room: "", user: user)
                        for turn in 1...3 {
                            let state = Data("\(user) turn \(turn)".utf8)
                            try await store.recordTurn(
                                [TranscriptLine(conversationID: opened.id, direction: .inbound, text: "第\(turn)句")],
                                dialogueState: state, for: opened.id)
                            let again = try await store.openConversation(channel: "line", room: "", user: user)
                            #expect(again.id == opened.id)
                            #expect(again.dialogueState == state)
                        }
                        if resident.isMultiple(of: 3) {
                            let ticket = try await store.createTicket(.lightRepair(conversationID: opened.id))
                            let mine = try await store.tickets(matching: TicketFilter(conversationID: opened.id, limit: 20))
                            #expect(mine.map(\.id) == [ticket.id])
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func transcriptKeepsEveryLineInOrderWithIntents(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let conversation = try await store.openConversation(channel: "line", room: "", user: "u1")
            let other = try await store.openConversation(channel: "line", room: "", user: "u2")
            try await store.appendMessage(TranscriptLine(
                conversationID: conversation.id, direction: .inbound, text: "楼道灯坏了", intent: "repair", confidence: 0.93))
            try await store.appendMessage(TranscriptLine(conversationID: other.id, direction: .inbound, text: "你好"))
            let reply = try await store.appendMessage(TranscriptLine(
                conversationID: conversation.id, direction: .outbound, text: "请问是几栋几单元？"))
            #expect(reply.sequence == 2)

            let transcript = try await store.transcript(of: conversation.id)
            #expect(transcript.map(\.text) == ["楼道灯坏了", "请问是几栋几单元？"])
            #expect(transcript.map(\.sequence) == [1, 2])
            #expect(transcript.map(\.direction) == [.inbound, .outbound])
            #expect(transcript[0].intent == "repair")
            #expect(transcript[0].confidence == 0.93)
            #expect(transcript[1].intent == nil)
            #expect(try await store.transcript(of: other.id).map(\.sequence) == [1])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aTurnStoresItsLinesAndTheDialogueStateTogether(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let conversation = try await store.openConversation(channel: "line", room: "", user: "u1")
            let state = Data(#"{"awaiting":"address"}"#.utf8)
            try await store.recordTurn([
                TranscriptLine(conversationID: conversation.id, direction: .inbound, text: "灯坏了", intent: "repair"),
                TranscriptLine(conversationID: conversation.id, direction: .outbound, text: "请问地址？"),
            ], dialogueState: state, for: conversation.id)
            #expect(try await store.transcript(of: conversation.id).map(\.text) == ["灯坏了", "请问地址？"])
            #expect(try await store.conversation(conversation.id)?.dialogueState == state)

            await #expect(throws: DispatchStoreError.conversationNotFound(4242)) {
                try await store.recordTurn(
                    [TranscriptLine(conversationID: 4242, direction: .inbound, text: "hi")], dialogueState: state, for: 4242)
            }
            await #expect(throws: DispatchStoreError.self) {
                try await store.recordTurn(
                    [TranscriptLine(conversationID: conversation.id, direction: .inbound, text: "late"),
                     TranscriptLine(conversationID: 4242, direction: .inbound, text: "elsewhere")],
                    dialogueState: nil, for: conversation.id)
            }
            #expect(try await store.transcript(of: conversation.id).count == 2, "a failed turn writes nothing")
            #expect(try await store.conversation(conversation.id)?.dialogueState == state)

            try await store.recordTurn(
                [TranscriptLine(conversationID: conversation.id, direction: .inbound, text: "3栋2单元")],
                dialogueState: nil, for: conversation.id)
            #expect(try await store.transcript(of: conversation.id).map(\.sequence) == [1, 2, 3])
            #expect(try await store.conversation(conversation.id)?.dialogueState == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func conversationsAreFoundByTheirUser(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let mine = try await store.openConversation(channel: "line", room: "", user: "s:abc")
            _ = try await store.openConversation(channel: "line", room: "", user: "s:def")
            #expect(try await store.conversations(matching: ConversationFilter(channel: "line", user: "s:abc")).map(\.id)
                    == [mine.id])
            #expect(try await store.conversations(matching: ConversationFilter(user: "s:nobody")).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aNewLineMakesItsConversationTheMostRecentlyActive(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let older = try await store.openConversation(channel: "line", room: "", user: "a")
            let newer = try await store.openConversation(channel: "line", room: "", user: "b")
            #expect(try await store.conversations(matching: ConversationFilter()).map(\.id) == [newer.id, older.id])
            try await Task.sleep(for: .milliseconds(20))
            let line = try await store.appendMessage(
                TranscriptLine(conversationID: older.id, direction: .inbound, text: "还在吗"))
            #expect(try await store.conversations(matching: ConversationFilter()).map(\.id) == [older.id, newer.id])
            #expect(try await store.conversation(older.id)?.updatedAt == line.at)
            #expect(try await store.conversations(matching: ConversationFilter(since: line.at)).map(\.id) == [older.id])
        }
    }

    /// Two stores on one file stand for two processes: each remembers the sequences it gave,
    /// and must notice the lines the other one appended in between.
    @Test func twoWritersOnOneFileNeverReuseOrSkipASequence() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = try SQLiteDispatchStore(path: folder.path("store.sqlite"))
        let second = try SQLiteDispatchStore(path: folder.path("store.sqlite"))
        let conversation = try await first.openConversation(channel: "line", room: "", user: "u1")
        for (index, store) in [first, first, second, first, second, second, first].enumerated() {
            let line = try await store.appendMessage(
                TranscriptLine(conversationID: conversation.id, direction: .inbound, text: "line \(index)"))
            #expect(line.sequence == index + 1)
        }
        #expect(try await second.transcript(of: conversation.id).map(\.sequence) == Array(1...7))
    }

    /// Turns that fail share commits with lines that succeed: the failed ones are rolled back
    /// inside the shared transaction, and the sequences of the rest still run 1, 2, 3 …
    @Test(arguments: [StoreBackend.sqliteInMemory, .sqliteOnDisk])
    func failedTurnsInASharedCommitLeaveNoGapInTheSequence(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let conversation = try await store.openConversation(channel: "line", room: "", user: "u1")
            let failures = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<60 {
                    group.addTask {
                        do {
                            // Every third turn appends a line, then fails on a line of another conversation.
                            var lines = [TranscriptLine(conversationID: conversation.id, direction: .inbound, text: "\(index)")]
                            if index % 3 == 0 {
                                lines.append(TranscriptLine(conversationID: 4242, direction: .inbound, text: "stray"))
                            }
                            try await store.recordTurn(lines, dialogueState: nil, for: conversation.id)
                            return false
                        } catch {
                            return true
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(failures == 20)
            let transcript = try await store.transcript(of: conversation.id)
            #expect(transcript.map(\.sequence) == Array(1...40))
            #expect(!transcript.contains { Int($0.text)! % 3 == 0 })
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func appendingToAMissingConversationIsRefused(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: DispatchStoreError.conversationNotFound(77)) {
                try await store.appendMessage(TranscriptLine(conversationID: 77, direction: .inbound, text: "hi"))
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func transcriptsStreamInPagesOfAnyExportSize(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let a = try await store.openConversation(channel: "line", room: "", user: "a")
            let b = try await store.openConversation(channel: "line", room: "", user: "b")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (conversation, count) in [(a.id, 250), (b.id, 120)] {
                    group.addTask {
                        for index in 0..<count {
                            try await store.appendMessage(TranscriptLine(
                                conversationID: conversation, direction: .inbound, text: "line \(index)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            var pages: [[TranscriptMessage]] = []
            for try await page in store.transcriptPages(of: a.id, pageSize: 100) { pages.append(page) }
            #expect(pages.map(\.count) == [100, 100, 50])
            #expect(pages.joined().map(\.sequence) == Array(1...250))
            #expect(pages.joined().map(\.text) == (0..<250).map { "line \($0)" })

            var everything: [TranscriptMessage] = []
            for try await page in store.transcriptPages(of: nil, pageSize: 64) { everything += page }
            #expect(everything.count == 370)
            #expect(everything.map(\.id) == everything.map(\.id).sorted())
            #expect(Set(everything.map(\.id)).count == 370)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func conversationListsFilterByChannelFlagIntentTextAndTime(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let repair = try await store.openConversation(channel: "line", room: "", user: "a")
            try await store.appendMessage(TranscriptLine(
                conversationID: repair.id, direction: .inbound, text: "水管爆了", intent: "repair", confidence: 0.9))
            let human = try await store.openConversation(channel: "onebot", room: "group-1", user: "b")
            try await store.appendMessage(TranscriptLine(
                conversationID: human.id, direction: .inbound, text: "转人工", intent: "human", confidence: 0.99))
            try await store.setFlaggedForHuman(true, for: human.id)
            try await Task.sleep(for: .milliseconds(20))
            let cutoff = Date()
            let quiet = try await store.openConversation(channel: "line", room: "", user: "c")

            func ids(_ filter: ConversationFilter) async throws -> [Int64] {
                try await store.conversations(matching: filter).map(\.id)
            }
            #expect(try await ids(ConversationFilter()) == [quiet.id, human.id, repair.id])
            #expect(try await ids(ConversationFilter(channel: "line")) == [quiet.id, repair.id])
            #expect(try await ids(ConversationFilter(isFlaggedForHuman: true)) == [human.id])
            #expect(try await ids(ConversationFilter(isFlaggedForHuman: false)) == [quiet.id, repair.id])
            #expect(try await ids(ConversationFilter(intent: "repair")) == [repair.id])
            #expect(try await ids(ConversationFilter(text: "水管")) == [repair.id])
            #expect(try await ids(ConversationFilter(since: cutoff)) == [quiet.id])
            #expect(try await ids(ConversationFilter(limit: 1)) == [quiet.id])
            #expect(try await store.conversation(human.id)?.isFlaggedForHuman == true)
        }
    }
}
