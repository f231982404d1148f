import Foundation
import Segmentation

/// Where an attack connects: the server, and the loopback address it comes from.
struct AttackTarget: Sendable {
    let host: String
    let port: Int
    /// The source address (127.x.y.z): each kind of attack has its own, as different clients
    /// on the internet would, so that the per-address limit does not mix them up.
    let source: String

    func connect(receiveBuffer: Int? = nil, reads: Bool = true) async throws -> RawLineClient {
        try await RawLineClient.connect(host: host, port: port, from: source, receiveBuffer: receiveBuffer, reads: reads)
    }
}

/// One kind of bad input a line server must survive, run again and again by `minhu bench abuse`.
struct Attack: Sendable {
    /// A short name for the report.
    let name: String
    /// What the server should do, for the report.
    let expectation: String
    /// Runs the attack once; true when the server did what ``expectation`` says.
    let run: @Sendable (AttackTarget) async throws -> Bool
}

/// The attacks, and what a well-behaved line server answers to each.
enum Attacks {
    // Telnet command bytes (RFC 854).
    static let iac: UInt8 = 255, sb: UInt8 = 250, se: UInt8 = 240, will: UInt8 = 251, doOption: UInt8 = 253
    static let undecodable = "读不出来"

    /// Every attack that runs in rounds (slowloris and the client that never reads are separate:
    /// they last the whole bench).
    static let repeated: [Attack] = [
        putty, splitSubnegotiation, doubledIAC, crNul, gbk, overlongUTF8, surrogateUTF8, nulBytes, megabyteLine,
        flood, tooManyConnections,
    ]

    /// PuTTY's opening negotiation, then a line.
    static let putty = Attack(name: "putty-negotiation", expectation: "refuse every option (WONT/DONT), then answer the line") { target in
        let client = try await target.connect()
        defer { Task { await client.close() } }
        guard await client.waitForPrompts(1) else { return false }
        try await client.send([iac, will, 31, iac, will, 32, iac, will, 24, iac, will, 39, iac, doOption, 1,
                               iac, will, 3, iac, doOption, 3, iac, sb, 31, 0, 80, 0, 24, iac, se])
        try await client.send(line: "你好")
        guard await client.waitForPrompts(2) else { return false }
        return refusesOnly(client.bytes) && isAnswer(afterPrompts: 1, in: withoutTelnetCommands(client.bytes))
    }

    /// A terminal-type subnegotiation split in two at every offset, each followed by a line.
    static let splitSubnegotiation = Attack(name: "sb-split-every-offset", expectation: "skip the block wherever it is split; answer the line") { target in
        let client = try await target.connect()
        defer { Task { await client.close() } }
        guard await client.waitForPrompts(1) else { return false }
        let payload = [iac, sb, 24, 0] + Array("xterm-256color".utf8) + [iac, se] + Array("你好\r\n".utf8)
        for offset in 1..<payload.count {
            try await client.send(Array(payload[..<offset]))
            try await Task.sleep(for: .milliseconds(2))
            try await client.send(Array(payload[offset...]))
            guard await client.waitForPrompts(offset + 1), isAnswer(afterPrompts: offset, in: client.text) else { return false }
            // Below the flood limit's steady rate: this attack is about the split, not the pace.
            try await Task.sleep(for: .milliseconds(200))
        }
        return true
    }

    /// IAC IAC is a data byte 0xFF, which no Chinese text encoding accepts.
    static let doubledIAC = Attack(name: "iac-iac", expectation: "take IAC IAC as a data byte; say the line cannot be read") { target in
        try await oneLine(Array("你好".utf8) + [iac, iac] + Array("\r\n".utf8), at: target) { $0.contains(undecodable) }
    }

    /// Two lines ended by CR NUL, as telnet clients send them.
    static let crNul = Attack(name: "cr-nul", expectation: "end lines at CR NUL; answer both") { target in
        let client = try await target.connect()
        defer { Task { await client.close() } }
        guard await client.waitForPrompts(1) else { return false }
        try await client.send(Array("你好\r\0低保证明怎么开\r\0".utf8))
        guard await client.waitForPrompts(3) else { return false }
        return isAnswer(afterPrompts: 1, in: client.text) && isAnswer(afterPrompts: 2, in: client.text)
    }

    /// 楼道灯坏了 in GBK, as Chinese Windows telnet sends it.
    static let gbk = Attack(name: "gbk", expectation: "decode GBK and answer the request, in GBK") { target in
        try await oneLine([194, 165, 181, 192, 181, 198, 187, 181, 193, 203, 13, 10], at: target, repliesInGB18030: true) {
            !$0.contains(undecodable) && !$0.contains("\u{FFFD}")
        }
    }

    /// An over-long encoding of NUL (C0 80): invalid UTF-8.
    /// GBK reads C0 80 as 纮, so the answer comes in GBK.
    static let overlongUTF8 = Attack(name: "utf8-c0-80", expectation: "never store U+FFFD; answer or say it cannot be read") { target in
        try await oneLine([0xC0, 0x80, 13, 10], at: target, repliesInGB18030: true) { !$0.contains("\u{FFFD}") }
    }

    /// An encoded UTF-16 surrogate (ED A0 80): invalid UTF-8.
    static let surrogateUTF8 = Attack(name: "utf8-ed-a0-80", expectation: "never store U+FFFD; answer or say it cannot be read") { target in
        try await oneLine([0xED, 0xA0, 0x80, 13, 10], at: target) { !$0.contains("\u{FFFD}") }
    }

    /// NUL bytes inside a line.
    static let nulBytes = Attack(name: "nul-bytes", expectation: "answer the line") { target in
        try await oneLine(Array("你\0好\0\r\n".utf8), at: target) { !$0.contains("\u{FFFD}") }
    }

    /// A 1 MiB line.
    static let megabyteLine = Attack(name: "1-mib-line", expectation: "say the line is too long, then close") { target in
        let client = try await target.connect()
        defer { Task { await client.close() } }
        guard await client.waitForPrompts(1) else { return false }
        let chunk = Array(String(repeating: "长", count: 16 * 1024 / 3).utf8)
        var sent = 0
        // Stop sending once the server has closed: writing on would only reset the connection.
        while sent < 1 << 20, !client.isClosed {
            guard (try? await client.send(chunk)) != nil else { break }
            sent += chunk.count
        }
        try? await client.send(Array("\r\n".utf8))
        return await client.wait(for: .seconds(20)) { text, closed in closed && text.contains("太长") }
    }

    /// 2,000 lines as fast as the socket takes them.
    static let flood = Attack(name: "flood", expectation: "ask to slow down, drop the excess, close a flood that goes on") { target in
        let client = try await target.connect()
        defer { Task { await client.close() } }
        guard await client.waitForPrompts(1) else { return false }
        let hundredLines = Array(String(repeating: "你好\r\n", count: 100).utf8)
        for _ in 0..<20 where !client.isClosed {
            guard (try? await client.send(hundredLines)) != nil else { break }
        }
        return await client.wait(for: .seconds(20)) { text, closed in closed && text.contains("太快") }
    }

    /// 40 connections at once from one address.
    static let tooManyConnections = Attack(name: "40-connections-one-address", expectation: "accept up to the per-address limit, refuse the rest with a message") { target in
        var clients: [RawLineClient] = []
        defer { for client in clients { Task { await client.close() } } }
        for _ in 0..<40 { clients.append(try await target.connect()) }
        var accepted = 0, refused = 0
        for client in clients {
            _ = await client.wait(for: .seconds(10)) { text, closed in closed || RawLineClient.prompts(in: text) >= 1 }
            if client.text.contains("连接太多") { refused += 1 } else if RawLineClient.prompts(in: client.text) >= 1 { accepted += 1 }
        }
        return accepted > 0 && refused > 0 && accepted + refused == clients.count
    }

    /// One line on a new connection; `check` judges the reply to it.
    /// Sends one line and checks the reply to it; with `repliesInGB18030`, the reply must come
    /// in GB18030, as the server answers a client that wrote GBK.
    private static func oneLine(_ bytes: [UInt8], at target: AttackTarget, repliesInGB18030: Bool = false,
                                check: (String) -> Bool) async throws -> Bool {
        let client = try await target.connect()
        defer { Task { await client.close() } }
        guard await client.waitForPrompts(1) else { return false }
        try await client.send(bytes)
        guard await client.waitForPrompts(2) else { return false }
        guard repliesInGB18030 else { return check(reply(afterPrompts: 1, in: client.text)) }
        let raw = reply(afterPrompts: 1, in: client.bytes)
        guard String(validating: raw, as: UTF8.self) == nil, let text = LegacyEncoding.decodeGB18030(raw) else { return false }
        return check(text)
    }

    /// The bytes of the reply that follows the `count`-th prompt (`> ` never occurs inside a
    /// UTF-8 or GB18030 character).
    static func reply(afterPrompts count: Int, in bytes: [UInt8]) -> [UInt8] {
        let prompts = bytes.indices.dropLast().filter { bytes[$0] == 0x3E && bytes[$0 + 1] == 0x20 }
        guard count >= 1, prompts.count >= count else { return [] }
        let end = prompts.count > count ? prompts[count] : bytes.count
        return Array(bytes[(prompts[count - 1] + 2)..<end])
    }

    /// The reply that follows the `count`-th prompt.
    static func reply(afterPrompts count: Int, in text: String) -> String {
        let parts = text.components(separatedBy: "> ")
        return parts.count > count ? parts[count] : ""
    }

    /// A reply of the bot: not empty, no U+FFFD, not the "cannot read" message.
    static func isAnswer(afterPrompts count: Int, in text: String) -> Bool {
        let reply = reply(afterPrompts: count, in: text)
        return !reply.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && !reply.contains("\u{FFFD}")
            && !reply.contains(undecodable)
    }

    /// The text the server sent, without its 3-byte telnet commands (its refusals).
    static func withoutTelnetCommands(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == iac { index += 3 } else { text.append(bytes[index]); index += 1 }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether every telnet command the server sent refuses (WONT/DONT) rather than agrees.
    static func refusesOnly(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == iac {
                if bytes[index + 1] == will || bytes[index + 1] == doOption { return false }
                index += 2
            } else {
                index += 1
            }
        }
        return true
    }
}
