import Foundation

// The dialogue state is saved after every turn. JSONEncoder's generic Codable machinery cost
// as much as a sixth of a turn's CPU for these few fields, so the state writes its JSON itself.
// JSONDecoder reads it back (DialogueState.decode), and a test checks that every field makes
// the round trip.

extension DialogueState {
    /// The state as JSON, in the shape JSONDecoder reads back with the Codable conformance.
    func encoded() -> Data {
        var json = JSONWriter()
        json.beginObject()
        if let form {
            json.key("form")
            form.write(to: &json)
        }
        if let pausedForm {
            json.key("pausedForm")
            pausedForm.write(to: &json)
        }
        if let clarifying {
            json.key("clarifying")
            json.strings(clarifying)
        }
        if let clarifyingText {
            json.key("clarifyingText")
            json.string(clarifyingText)
        }
        if let certificateOffer {
            json.key("certificateOffer")
            json.string(certificateOffer)
        }
        if let certificateTopic {
            json.key("certificateTopic")
            json.string(certificateTopic)
        }
        if let ratingTicket {
            json.key("ratingTicket")
            json.integer(ratingTicket)
        }
        if let phoneWantedFor {
            json.key("phoneWantedFor")
            json.integer(phoneWantedFor)
        }
        if phoneAskedAgain {
            json.key("phoneAskedAgain")
            json.bool(true)
        }
        if let cancelOffer {
            json.key("cancelOffer")
            json.integer(cancelOffer)
        }
        json.key("ratingAsked")
        json.beginArray()
        for ticket in ratingAsked { json.integer(ticket) }
        json.endArray()
        json.key("phonesGiven")
        json.strings(phonesGiven)
        json.key("hasTickets")
        json.bool(hasTickets)
        json.endObject()
        return Data(json.bytes)
    }
}

extension RequestForm {
    fileprivate func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("id")
        json.string(id)
        json.key("intent")
        json.string(intent)
        json.key("values")
        json.beginObject()
        for (name, value) in values {
            json.key(name)
            json.string(value)
        }
        json.endObject()
        json.key("declined")
        json.strings(declined)
        if let asking {
            json.key("asking")
            json.string(asking)
        }
        json.key("asked")
        json.beginObject()
        for (name, count) in asked {
            json.key(name)
            json.integer(Int64(count))
        }
        json.endObject()
        json.key("confirming")
        json.bool(confirming)
        json.key("emergency")
        json.bool(emergency)
        json.key("lines")
        json.strings(lines)
        json.endObject()
    }
}

/// Appends JSON values to a byte buffer, with the commas between members and elements.
private struct JSONWriter {
    private static let hexDigits = Array("0123456789abcdef".utf8)
    private(set) var bytes: [UInt8] = []
    /// Whether the next value opens its container (or follows a key): no comma before it.
    private var atStart = true

    init() {
        bytes.reserveCapacity(256)
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        atStart = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func integer(_ value: Int64) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8.
    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0xF)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        atStart = true
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        atStart = false
    }

    private mutating func separate() {
        if !atStart { bytes.append(UInt8(ascii: ",")) }
        atStart = false
    }
}
