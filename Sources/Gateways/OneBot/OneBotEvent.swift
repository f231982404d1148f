import Foundation

/// One JSON frame from a OneBot v11 client: an event it reports, or its answer to one of our
/// actions. Only what the bot uses is read; everything else in the frame is ignored.
enum OneBotFrame: Equatable, Sendable {
    /// A message in a group or a private chat.
    case message(OneBotMessageEvent)
    /// A sign of life with nothing to handle: heartbeats, lifecycle, notices, requests, the
    /// bot's own messages.
    case activity
    /// The answer to an action, matched to it by `echo`.
    case response(OneBotResponse)

    /// Reads a frame; nil when it is not a JSON object OneBot would send.
    static func parse(_ text: String) -> OneBotFrame? {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(text.utf8)) else { return nil }
        if let postType = envelope.postType {
            guard postType == "message", let message = OneBotMessageEvent(envelope) else { return .activity }
            return .message(message)
        }
        guard let echo = envelope.echo else { return nil }
        return .response(OneBotResponse(echo: echo, status: envelope.status ?? "", retcode: envelope.retcode ?? 0,
                                        messageID: envelope.data?.messageID, userID: envelope.data?.userID,
                                        detail: envelope.wording ?? envelope.msg ?? envelope.message?.plainText ?? ""))
    }
}

/// A `message` event (群消息 or 私聊消息), reduced to what a reply needs.
struct OneBotMessageEvent: Equatable, Sendable {
    /// `group` or `private`.
    enum Kind: Equatable, Sendable {
        case group(String)
        case direct
    }

    var kind: Kind
    var messageID: String?
    var userID: String
    var displayName: String
    var segments: [OneBotSegment]

    /// Nil for events the bot never answers: anonymous posts (one user id shared by every
    /// anonymous sender) and group system notices (`sub_type: notice`).
    fileprivate init?(_ envelope: Envelope) {
        guard let userID = envelope.userID, let content = envelope.message else { return nil }
        switch envelope.messageType {
        case "group":
            guard let group = envelope.groupID, envelope.subType != "anonymous", envelope.subType != "notice" else { return nil }
            kind = .group(group)
        case "private":
            kind = .direct
        default:
            return nil
        }
        self.userID = userID
        messageID = envelope.messageID
        let card = envelope.sender?.card ?? ""
        let nickname = envelope.sender?.nickname ?? ""
        displayName = !card.isEmpty ? card : !nickname.isEmpty ? nickname : userID
        segments = content.segments
    }

    /// Whether the message is addressed to the bot: it mentions `selfID` with an `at`
    /// segment, or quotes (replies to) a message the bot sent. `@全体成员` (`qq: all`) does
    /// not count: it is an announcement to everyone, and answering each one would be noise.
    func isAddressed(to selfID: String, botMessageIDs: (String) -> Bool) -> Bool {
        segments.contains { segment in
            switch segment {
            case .at(let qq): qq == selfID
            case .reply(let id): botMessageIDs(id)
            case .text, .other: false
            }
        }
    }

    /// The text segments joined and trimmed; mentions, images and faces dropped.
    var text: String {
        segments.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined()
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// One message segment (消息段), of the kinds the bot reads.
enum OneBotSegment: Equatable, Sendable {
    /// Plain text, already unescaped (array segments carry real values).
    case text(String)
    /// A mention of a QQ number, or `all`.
    case at(String)
    /// A quote of an earlier message, by its id.
    case reply(String)
    /// Anything else (`face`, `image`, `record` …), kept only so that it is not text.
    case other(String)
}

/// An answer to an action.
struct OneBotResponse: Equatable, Sendable {
    var echo: String
    /// `ok`, `async` or `failed`.
    var status: String
    var retcode: Int
    /// `data.message_id` of `send_group_msg` / `send_private_msg`.
    var messageID: String?
    /// `data.user_id` of `get_login_info`.
    var userID: String?
    /// The implementation's words for a failure (`wording`, `msg`, `message`), for staff.
    var detail: String

    /// Whether the client accepted the action (`async` means queued, which is as good as it gets).
    var isSuccess: Bool { status == "ok" || status == "async" || (status.isEmpty && retcode == 0) }
}

// MARK: Decoding

/// The fields of any frame the bot reads. Ids are numbers in the spec but some implementations
/// send strings: both are read, as strings.
private struct Envelope: Decodable {
    var postType: String?
    var messageType: String?
    var subType: String?
    var messageID: String?
    var groupID: String?
    var userID: String?
    var message: MessageContent?
    var sender: Sender?
    var echo: String?
    var status: String?
    var retcode: Int?
    var data: ResponseData?
    var wording: String?
    var msg: String?

    struct Sender: Decodable {
        var card: String?
        var nickname: String?
    }

    struct ResponseData: Decodable {
        var messageID: String?
        var userID: String?

        enum CodingKeys: String, CodingKey {
            case messageID = "message_id"
            case userID = "user_id"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            messageID = container.lenientString(.messageID)
            userID = container.lenientString(.userID)
        }
    }

    enum CodingKeys: String, CodingKey {
        case message, sender, echo, status, retcode, data, wording, msg
        case postType = "post_type"
        case messageType = "message_type"
        case subType = "sub_type"
        case messageID = "message_id"
        case groupID = "group_id"
        case userID = "user_id"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        postType = container.lenientString(.postType)
        messageType = container.lenientString(.messageType)
        subType = container.lenientString(.subType)
        messageID = container.lenientString(.messageID)
        groupID = container.lenientString(.groupID)
        userID = container.lenientString(.userID)
        message = try? container.decodeIfPresent(MessageContent.self, forKey: .message)
        sender = try? container.decodeIfPresent(Sender.self, forKey: .sender)
        echo = container.lenientString(.echo)
        // A heartbeat's `status` is an object; only a response's is a string.
        status = try? container.decodeIfPresent(String.self, forKey: .status)
        retcode = try? container.decodeIfPresent(Int.self, forKey: .retcode)
        data = try? container.decodeIfPresent(ResponseData.self, forKey: .data)
        wording = try? container.decodeIfPresent(String.self, forKey: .wording)
        msg = try? container.decodeIfPresent(String.self, forKey: .msg)
    }
}

/// A `message` field: the array format, or the string format. The string format is taken as
/// plain text and never searched for CQ codes: a resident who types `[CQ:at,qq=…]` must not
/// be able to forge a mention (configure the client to report arrays, as NapCat and Lagrange
/// can).
private struct MessageContent: Decodable {
    var segments: [OneBotSegment]

    var plainText: String {
        segments.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined()
    }

    init(from decoder: any Decoder) throws {
        if let string = try? decoder.singleValueContainer().decode(String.self) {
            segments = [.text(Self.unescapingStringFormat(string))]
        } else if let array = try? decoder.singleValueContainer().decode([RawSegment].self) {
            segments = array.map(\.segment)
        } else {
            let single = try decoder.singleValueContainer().decode(RawSegment.self)
            segments = [single.segment]
        }
    }

    /// The string format's four escapes; what comes out is still only text.
    private static func unescapingStringFormat(_ string: String) -> String {
        string.replacingOccurrences(of: "&#91;", with: "[").replacingOccurrences(of: "&#93;", with: "]")
            .replacingOccurrences(of: "&#44;", with: ",").replacingOccurrences(of: "&amp;", with: "&")
    }

    private struct RawSegment: Decodable {
        var segment: OneBotSegment

        enum CodingKeys: String, CodingKey { case type, data }
        enum DataKeys: String, CodingKey { case text, qq, id }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let type = try container.decode(String.self, forKey: .type)
            let data = try? container.nestedContainer(keyedBy: DataKeys.self, forKey: .data)
            switch type {
            case "text": segment = .text(data?.lenientString(.text) ?? "")
            case "at": segment = .at(data?.lenientString(.qq) ?? "")
            case "reply": segment = .reply(data?.lenientString(.id) ?? "")
            default: segment = .other(type)
            }
        }
    }
}

extension KeyedDecodingContainer {
    /// A string, or a number written as a string; nil when absent or of another type.
    fileprivate func lenientString(_ key: Key) -> String? {
        if let string = try? decodeIfPresent(String.self, forKey: key) { return string }
        if let number = try? decodeIfPresent(Int64.self, forKey: key) { return String(number) }
        return nil
    }
}

// MARK: Fuzzing

/// Parses one frame and reads everything a reply would use, for the fuzzer and its corpus
/// replay (the `FuzzTargets` module), which cannot see the frame types themselves.
///
/// - Parameter text: Any text, as a OneBot client could send it.
/// - Returns: Whether `text` is a frame the bot reads.
package func parseOneBotFrameForFuzzing(_ text: String) -> Bool {
    switch OneBotFrame.parse(text) {
    case .message(let event):
        _ = event.isAddressed(to: "10001") { $0 == "1" }
        _ = event.text
        return true
    case .response(let response):
        _ = response.isSuccess
        return true
    case .activity:
        return true
    case nil:
        return false
    }
}
