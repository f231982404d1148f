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
        // A message with a well-formed command (letters, or three digits: RFC 1459) that we
        // parse and write back must read the same the second time. Lines whose "command" is
        // junk (@x, :x) are only required not to crash: servers never send them.
        let isCommand = message.command.allSatisfy { ("A"..."Z").contains($0) }
            || (message.command.count == 3 && message.command.allSatisfy { ("0"..."9").contains($0) })
        guard isCommand else { return }
        let serialized = message.serialized
        let again = IRCMessage(parsing: serialized)
        precondition(again?.serialized == serialized, "an IRC line does not survive a round trip")
    }
}
