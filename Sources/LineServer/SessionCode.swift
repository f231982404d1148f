import Crypto

/// The code that names a line-server conversation, so a resident can come back to it.
///
/// Twelve characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown in groups of
/// four (HKR4-DP3R-X7QZ): about 60 bits, unguessable within the flood limits and short enough
/// to copy by hand. The code is the only key to the conversation, which holds the resident's
/// phone and address, so the store never holds it: a conversation is named by a hash of it
/// (``conversationUser(for:)``). Staff listings, exports and ticket histories show that hash,
/// and the hash does not resume anything. Sixty bits keep it from being found by trying codes
/// against the hash.
enum SessionCode {
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    static let length = 12

    /// A new code.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// The code as residents read it: HKR4-DP3R-X7QZ.
    static func display(_ code: String) -> String {
        stride(from: 0, to: code.count, by: 4).map { start in
            String(code.dropFirst(start).prefix(4))
        }.joined(separator: "-")
    }

    /// The conversation's user name in the store: a hash of the code, never the code itself.
    static func conversationUser(for code: String) -> String {
        let digest = SHA256.hash(data: Array(code.utf8))
        return "s:" + digest.prefix(12).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Whether the line is a `/resume` (or `/继续`) command, with a well-formed code or not.
    static func isResumeCommand(_ line: String) -> Bool {
        line.split(whereSeparator: \.isWhitespace).first.map { ["/resume", "/继续"].contains($0.lowercased()) } ?? false
    }

    /// The code in a `/resume CODE` (or `/继续 CODE`) line, upper-cased, with or without the
    /// dashes and spaces between its groups; nil for any other line or a malformed code.
    static func resumed(in line: String) -> String? {
        guard isResumeCommand(line) else { return nil }
        let words = line.split(whereSeparator: \.isWhitespace)
        let code = words.dropFirst().joined().filter { $0 != "-" }.uppercased()
        guard code.count == length, code.allSatisfy(alphabet.contains) else { return nil }
        return code
    }
}
