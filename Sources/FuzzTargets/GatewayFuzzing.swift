import Gateways

/// The group-chat parsers: OneBot v11 JSON frames and IRC lines.
enum GatewayFuzzing {
    static func runOneBot(_ input: [UInt8]) {
        _ = parseOneBotFrameForFuzzing(String(decoding: input, as: UTF8.self))
    }

    static func runIRC(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        _ = IRCText.strippingFormatting(text)
        _ = IRCText.address(text, to: "minhu")
        guard let message = IRCMessage(parsing: text) else { return }
        _ = message.sourceNick
        // What we parse and write back must read the same the second time.
        let serialized = message.serialized
        if let again = IRCMessage(parsing: serialized) {
            precondition(again.serialized == serialized, "an IRC line does not survive a round trip")
        }
    }
}
