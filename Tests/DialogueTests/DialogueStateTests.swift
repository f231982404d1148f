import Foundation
import Testing
@testable import Dialogue

/// The dialogue state's hand-written JSON reads back as the same state.
@Suite struct DialogueStateTests {
    @Test func anEmptyStateMakesTheRoundTrip() throws {
        let state = DialogueState()
        let data = try #require(state.encoded())
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
        state.clarifying = ["repair", "complaint"]
        state.clarifyingText = "灯\"坏\"了"
        state.certificateOffer = "低保证明"
        state.ratingTicket = 42
        state.ratingAsked = [7, 42]
        state.phonesGiven = ["13912345678"]
        state.hasTickets = true

        let data = try #require(state.encoded())
        let decoded = try JSONDecoder().decode(DialogueState.self, from: data)
        #expect(decoded == state)
        // What JSONEncoder writes for the same state reads back the same too.
        #expect(try JSONDecoder().decode(DialogueState.self, from: JSONEncoder().encode(state)) == decoded)
    }

    @Test func optionalFieldsLeftOutStayEmpty() throws {
        var state = DialogueState()
        state.form = RequestForm(id: "f", intent: "health")
        state.hasTickets = false
        let decoded = try JSONDecoder().decode(DialogueState.self, from: try #require(state.encoded()))
        #expect(decoded == state)
        #expect(decoded.form?.asking == nil)
        #expect(decoded.clarifying == nil)
        #expect(decoded.ratingTicket == nil)
    }
}
