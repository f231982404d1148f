import Foundation
import NIOHTTP1
import Testing
@testable import Gateways

/// Events and actions as JSON, from the OneBot v11 spec's own examples (event/message.md,
/// event/meta.md, message/segment.md, api/public.md), without sockets.
@Suite struct OneBotEventTests {
    static let selfID = "10001000"

    /// The spec's group message event, with a message made of the given segments.
    static func groupEvent(_ segments: [[String: Any]], messageID: Int = 123456789, userID: Int = 123456789,
                           card: String = "群名片") -> String {
        json(["time": 1632847927, "self_id": 10001000, "post_type": "message", "message_type": "group",
              "sub_type": "normal", "message_id": messageID, "group_id": 123456789, "user_id": userID,
              "anonymous": NSNull(), "raw_message": "", "font": 1, "message": segments,
              "sender": ["user_id": userID, "nickname": "某用户", "card": card, "sex": "unknown", "age": 0,
                         "area": "地区", "level": "等级", "role": "member", "title": "头衔"]])
    }

    static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func text(_ text: String) -> [String: Any] { ["type": "text", "data": ["text": text]] }
    static func at(_ qq: String) -> [String: Any] { ["type": "at", "data": ["qq": qq]] }

    private func messageEvent(_ text: String) throws -> OneBotMessageEvent {
        guard case .message(let event) = OneBotFrame.parse(text) else {
            Issue.record("not a message event: \(text)")
            throw CancellationError()
        }
        return event
    }

    @Test func aGroupMessageWithAnAtForTheBotIsAddressedAndTheMentionIsLeftOut() throws {
        let event = try messageEvent(Self.groupEvent([Self.at(Self.selfID), Self.text(" 楼道灯坏了 ")]))
        #expect(event.kind == .group("123456789"))
        #expect(event.isAddressed(to: Self.selfID, botMessageIDs: { _ in false }))
        #expect(event.text == "楼道灯坏了")
        #expect(event.displayName == "群名片")
        #expect(event.messageID == "123456789")
        #expect(event.userID == "123456789")
    }

    @Test func aGroupMessageWithoutAnAtForTheBotIsNotAddressed() throws {
        let plain = try messageEvent(Self.groupEvent([Self.text("今天停水吗")]))
        #expect(!plain.isAddressed(to: Self.selfID, botMessageIDs: { _ in false }))
        let someoneElse = try messageEvent(Self.groupEvent([Self.at("20002000"), Self.text("你好")]))
        #expect(!someoneElse.isAddressed(to: Self.selfID, botMessageIDs: { _ in false }))
        let everyone = try messageEvent(Self.groupEvent([Self.at("all"), Self.text("明天停电")]))
        #expect(!everyone.isAddressed(to: Self.selfID, botMessageIDs: { _ in false }))
    }

    @Test func aReplyToOneOfTheBotsMessagesIsAddressed() throws {
        let reply: [String: Any] = ["type": "reply", "data": ["id": "5555"]]
        let event = try messageEvent(Self.groupEvent([reply, Self.text("好的，确认")]))
        #expect(event.isAddressed(to: Self.selfID, botMessageIDs: { $0 == "5555" }))
        #expect(!event.isAddressed(to: Self.selfID, botMessageIDs: { $0 == "6666" }))
        #expect(event.text == "好的，确认")
    }

    @Test func aStringMessageIsPlainTextAndItsCQCodesAreNeverMentions() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(Self.groupEvent([]).utf8)) as? [String: Any])
        object["message"] = "[CQ:at,qq=10001000] 帮我报修&#44;谢谢"
        let event = try messageEvent(Self.json(object))
        #expect(!event.isAddressed(to: Self.selfID, botMessageIDs: { _ in true }))
        #expect(event.text == "[CQ:at,qq=10001000] 帮我报修,谢谢")
    }

    @Test func imagesAndFacesAreNotText() throws {
        let event = try messageEvent(Self.groupEvent([
            Self.text("[第一部分]"), ["type": "image", "data": ["file": "123.jpg"]],
            Self.text("图片之后的部分，表情："), ["type": "face", "data": ["id": "123"]],
        ]))
        #expect(event.text == "[第一部分]图片之后的部分，表情：")
    }

    @Test func aPrivateMessageIsADirectChatNamedByNickname() throws {
        let text = Self.json(["time": 1632847927, "self_id": 88888, "post_type": "message", "message_type": "private",
                              "sub_type": "friend", "message_id": 123456789, "user_id": 123456789,
                              "sender": ["user_id": 123456789, "nickname": "某用户", "sex": "unknown", "age": 0],
                              "raw_message": "你好啊", "font": 1, "message": [Self.text("你好啊")]])
        let event = try messageEvent(text)
        #expect(event.kind == .direct)
        #expect(event.displayName == "某用户")
        #expect(event.text == "你好啊")
    }

    @Test func heartbeatsLifecycleNoticesAndTheBotsOwnMessagesAreOnlySignsOfLife() {
        let heartbeat = Self.json(["time": 1, "self_id": 10001000, "post_type": "meta_event", "meta_event_type": "heartbeat",
                                   "status": ["online": true, "good": true], "interval": 15000])
        let lifecycle = Self.json(["time": 1, "self_id": 10001000, "post_type": "meta_event",
                                   "meta_event_type": "lifecycle", "sub_type": "connect"])
        let notice = Self.json(["time": 1, "self_id": 10001000, "post_type": "notice", "notice_type": "group_increase",
                                "group_id": 1, "user_id": 2])
        var sent = try! JSONSerialization.jsonObject(with: Data(Self.groupEvent([Self.text("hi")]).utf8)) as! [String: Any]
        sent["post_type"] = "message_sent"
        for frame in [heartbeat, lifecycle, notice, Self.json(sent)] {
            #expect(OneBotFrame.parse(frame) == .activity)
        }
        #expect(OneBotFrame.parse("not json") == nil)
    }

    @Test func anAnonymousGroupPostIsNotAnswered() {
        var object = try! JSONSerialization.jsonObject(with: Data(Self.groupEvent([Self.at(Self.selfID)]).utf8)) as! [String: Any]
        object["sub_type"] = "anonymous"
        object["anonymous"] = ["id": 1, "name": "匿名", "flag": "x"]
        #expect(OneBotFrame.parse(Self.json(object)) == .activity)
    }

    @Test func responsesAreReadWithTheirEchoWhateverItsType() {
        let ok = OneBotFrame.parse(#"{"status":"ok","retcode":0,"data":{"message_id":42},"echo":"minhu-7"}"#)
        #expect(ok == .response(OneBotResponse(echo: "minhu-7", status: "ok", retcode: 0, messageID: "42", userID: nil,
                                               detail: "")))
        let failed = OneBotFrame.parse(#"{"status":"failed","retcode":1404,"data":null,"echo":123,"wording":"不存在"}"#)
        #expect(failed == .response(OneBotResponse(echo: "123", status: "failed", retcode: 1404, messageID: nil, userID: nil,
                                                   detail: "不存在")))
    }

    @Test func aGroupReplyIsSendGroupMsgWithAnAtSegmentAndAnEcho() {
        let message = OutboundMessage(room: .group("123456"), mention: .init(user: "10001", displayName: "张阿姨"),
                                      text: "请问具体地址？")
        #expect(OneBotAction.send(message, echo: "minhu-1").json() ==
            #"{"action":"send_group_msg","echo":"minhu-1","params":{"group_id":123456,"message":[{"data":{"qq":"10001"},"type":"at"},{"data":{"text":" 请问具体地址？"},"type":"text"}]}}"#)
        let direct = OutboundMessage(room: .direct(user: "10001"), mention: nil, text: "好的")
        #expect(OneBotAction.send(direct, echo: "minhu-2").json() ==
            #"{"action":"send_private_msg","echo":"minhu-2","params":{"message":[{"data":{"text":"好的"},"type":"text"}],"user_id":10001}}"#)
    }

    @Test func theAccessTokenIsTakenFromTheHeaderOrTheQueryAndComparedWhole() {
        let token = OneBotAccessToken("kSLuTF2GC2Q4q4ugm3")
        let header = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/",
                                     headers: ["Authorization": "Bearer kSLuTF2GC2Q4q4ugm3"])
        let query = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/ws?access_token=kSLuTF2GC2Q4q4ugm3", headers: [:])
        let wrong = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/?access_token=kSLuTF2GC2Q4q4ugm", headers: [:])
        let none = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/", headers: [:])
        #expect(token.accepts(header) && token.accepts(query))
        #expect(!token.accepts(wrong) && !token.accepts(none))
        #expect(!token.matches("kSLuTF2GC2Q4q4ugm3x") && !token.matches("") && token.matches("kSLuTF2GC2Q4q4ugm3"))
    }

    @Test func aForwardURLMustBeWebSocket() throws {
        let endpoint = try OneBotConnector.Endpoint("ws://127.0.0.1:3001/onebot?x=1")
        #expect(endpoint.host == "127.0.0.1" && endpoint.port == 3001 && endpoint.target == "/onebot?x=1")
        #expect(try OneBotConnector.Endpoint("ws://qq.local").target == "/")
        #expect(throws: OneBotError.invalidURL("wss://qq.local")) { try OneBotConnector.Endpoint("wss://qq.local") }
    }
}
