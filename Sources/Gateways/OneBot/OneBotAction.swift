import Foundation

/// One action request (API 调用) sent to the OneBot client over the WebSocket:
/// `{"action": …, "params": {…}, "echo": …}`. The client answers with the same `echo`.
struct OneBotAction: Sendable, Equatable {
    var action: String
    var params: Params
    var echo: String

    /// The parameters of the actions the bot uses.
    enum Params: Sendable, Equatable {
        case none
        case groupMessage(group: String, message: [OutgoingSegment])
        case privateMessage(user: String, message: [OutgoingSegment])
    }

    /// A segment the bot sends. Segment values are strings in OneBot v11, so they are always
    /// taken literally (no CQ-code parsing happens on the array format).
    enum OutgoingSegment: Sendable, Equatable {
        case text(String)
        case at(String)
    }

    /// The action that posts `message`: `send_group_msg` with the resident mentioned by an
    /// `at` segment in a group, `send_private_msg` in a private chat.
    static func send(_ message: OutboundMessage, echo: String) -> OneBotAction {
        switch message.room {
        case .group(let group):
            var segments: [OutgoingSegment] = []
            var text = message.text
            if let mention = message.mention {
                segments.append(.at(mention.user))
                // QQ shows the mention as "@名片"; a space keeps the reply from sticking to it.
                text = " " + text
            }
            segments.append(.text(text))
            return OneBotAction(action: "send_group_msg", params: .groupMessage(group: group, message: segments), echo: echo)
        case .direct(let user):
            return OneBotAction(action: "send_private_msg", params: .privateMessage(user: user, message: [.text(message.text)]),
                                echo: echo)
        }
    }

    /// `get_login_info`: asks the client for the bot's own QQ number.
    static func loginInfo(echo: String) -> OneBotAction {
        OneBotAction(action: "get_login_info", params: .none, echo: echo)
    }

    /// The JSON text of the request.
    func json() -> String {
        var object: [String: Any] = ["action": action, "echo": echo]
        switch params {
        case .none:
            object["params"] = [String: Any]()
        case .groupMessage(let group, let message):
            object["params"] = ["group_id": Self.number(group), "message": message.map(\.json)]
        case .privateMessage(let user, let message):
            object["params"] = ["user_id": Self.number(user), "message": message.map(\.json)]
        }
        // Sorted keys: the same action always gives the same text (tests and logs compare it).
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// QQ numbers are numbers in the spec; an id that is not one is passed as a string, which
    /// implementations also accept.
    private static func number(_ id: String) -> Any {
        Int64(id).map { NSNumber(value: $0) } ?? id
    }
}

extension OneBotAction.OutgoingSegment {
    fileprivate var json: [String: Any] {
        switch self {
        case .text(let text): ["type": "text", "data": ["text": text]]
        case .at(let qq): ["type": "at", "data": ["qq": qq]]
        }
    }
}
