/// The code that names a line-server conversation, so a resident can come back to it.
///
/// Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 40 bits:
/// unguessable within the flood limits, short enough to copy by hand. The code is the only
/// key to the conversation, which holds the resident's phone and address.
enum SessionCode {
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    static let length = 8

    /// A new code.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// The code in a `/resume CODE` (or `/继续 CODE`) line, upper-cased; nil for any other line
    /// or a malformed code.
    static func resumed(in line: String) -> String? {
        let words = line.split(whereSeparator: \.isWhitespace)
        guard words.count == 2, ["/resume", "/继续"].contains(words[0].lowercased()) else { return nil }
        let code = words[1].uppercased()
        guard code.count == length, code.allSatisfy(alphabet.contains) else { return nil }
        return code
    }
}
