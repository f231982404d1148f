import DispatchStore
import Foundation
import MinhuTestSupport
import Testing
@testable import Dialogue

/// The dialogue state's hand-written JSON reads back as the same state.
@Suite struct DialogueStateTests {
    @Test func anEmptyStateMakesTheRoundTrip() throws {
        let state = DialogueState()
        let data = state.encoded()
        #expect(try JSONDecoder().decode(DialogueState.self, from: data) == state)
    }

    @Test func everyFieldMakesTheRoundTripWithCharactersJSONMustEscape() throws {
        var form = RequestForm(id: "form-1", intent: "repair")
        form.values = ["address": "3栋2单元\"501\"", "details": "漏水\\滴答\n\t第二行\u{01}", "phone": "13912345678"]
        form.declined = ["time"]
        form.asking = "phone"
        form.asked = ["phone": 2, "address": 1]
        form.confirming = true
        form.emergency = true
        form.lines = ["楼道灯坏了 😀", "/还有\r\n厨房"]
        var state = DialogueState()
        state.form = form
        state.pausedForm = RequestForm(id: "form-0", intent: "complaint")
        state.clarifying = ["repair", "complaint"]
        state.clarifyingText = "灯\"坏\"了"
        state.certificateOffer = "低保证明"
        state.certificateTopic = "无犯罪记录证明"
        state.ratingTicket = 42
        state.phoneWantedFor = 43
        state.cancelOffer = 44
        state.ratingAsked = [7, 42]
        state.phonesGiven = ["13912345678"]
        state.hasTickets = true

        let data = state.encoded()
        let decoded = try JSONDecoder().decode(DialogueState.self, from: data)
        #expect(decoded == state)
        // What JSONEncoder writes for the same state reads back the same too.
        #expect(try JSONDecoder().decode(DialogueState.self, from: JSONEncoder().encode(state)) == decoded)
    }

    @Test func anyTextAResidentTypesMakesTheRoundTrip() throws {
        // Scalars from every range residents' text reaches: controls, ASCII, CJK, emoji, the
        // line and paragraph separators JSON leaves unescaped.
        let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0x80...0x2FF, 0x2028...0x2029, 0x3000...0x9FFF,
                                             0xFF00...0xFFEF, 0x1F300...0x1FAFF]
        var generator = SeededGenerator(seed: 2026)
        for _ in 0..<300 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 0...24, using: &generator)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: ranges.randomElement(using: &generator)!, using: &generator))
            }))
            var form = RequestForm(id: text, intent: "complaint")
            form.values = [text: text]
            form.asked = [text: 1]
            form.lines = [text, text]
            var state = DialogueState()
            state.form = form
            state.clarifyingText = text
            state.phonesGiven = [text]
            let data = state.encoded()
            #expect(try JSONDecoder().decode(DialogueState.self, from: data) == state, "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func optionalFieldsLeftOutStayEmpty() throws {
        var state = DialogueState()
        state.form = RequestForm(id: "f", intent: "health")
        state.hasTickets = false
        let decoded = try JSONDecoder().decode(DialogueState.self, from: state.encoded())
        #expect(decoded == state)
        #expect(decoded.form?.asking == nil)
        #expect(decoded.clarifying == nil)
        #expect(decoded.ratingTicket == nil)
    }

    @Test func theCachedStateServesOnlyTheBytesItWasSavedAs() throws {
        let cache = DialogueStateCache()
        var mine = DialogueState()
        mine.clarifyingText = "这个节点存的"
        // Remembered under bytes that would not decode to it: only a cache hit can return it.
        let marker = Data("saved here".utf8)
        cache.remember(mine, savedAs: marker, for: 7)
        func conversation(_ id: Int64, holding state: Data?) -> Conversation {
            Conversation(id: id, channel: "line", room: "", user: "u", dialogueState: state, isFlaggedForHuman: false,
                         createdAt: morning, updatedAt: morning)
        }
        #expect(cache.state(of: conversation(7, holding: marker)) == mine)

        // Another node saved a newer state: it is decoded from the store, not taken from the cache.
        var theirs = DialogueState()
        theirs.clarifyingText = "另一个节点存的"
        #expect(cache.state(of: conversation(7, holding: theirs.encoded())) == theirs)
        #expect(cache.state(of: conversation(8, holding: marker)) == DialogueState())
        #expect(cache.state(of: conversation(7, holding: nil)) == DialogueState())
    }
}
