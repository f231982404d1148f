/// One IRC protocol line (RFC 1459/2812, with IRCv3 message tags): `@tags :prefix COMMAND params :trailing`.
public struct IRCMessage: Equatable, Sendable {
    /// IRCv3 tags (`msgid`, `time` …), unescaped.
    public var tags: [String: String]
    /// The source (`nick!user@host` or a server name), if any.
    public var prefix: String?
    /// The command or three-digit numeric, upper-cased.
    public var command: String
    /// The parameters, the trailing one last.
    public var parameters: [String]

    /// Creates a message.
    public init(tags: [String: String] = [:], prefix: String? = nil, command: String, parameters: [String] = []) {
        self.tags = tags
        self.prefix = prefix
        self.command = command
        self.parameters = parameters
    }

    /// The nick part of the prefix (`alice` of `alice!~a@host`).
    public var sourceNick: String? {
        guard let prefix else { return nil }
        return prefix.split(separator: "!", maxSplits: 1).first.map(String.init)
    }

    /// Parses a line without its CRLF; nil for an empty or malformed line.
    public init?(parsing line: String) {
        var rest = Substring(line)
        tags = [:]
        if rest.first == "@" {
            guard let space = rest.firstIndex(of: " ") else { return nil }
            for item in rest[rest.index(after: rest.startIndex)..<space].split(separator: ";") {
                // `@=x` or `@=` has no key: skipped (splitting "=" alone gives no parts at all).
                let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let key = pair.first, !key.isEmpty else { continue }
                tags[String(key)] = pair.count > 1 ? Self.unescapeTag(pair[1]) : ""
            }
            rest = rest[space...].drop(while: { $0 == " " })
        }
        prefix = nil
        if rest.first == ":" {
            guard let space = rest.firstIndex(of: " ") else { return nil }
            prefix = String(rest[rest.index(after: rest.startIndex)..<space])
            rest = rest[space...].drop(while: { $0 == " " })
        }
        var parameters: [String] = []
        var command: String?
        while !rest.isEmpty {
            if command != nil, rest.first == ":" {
                parameters.append(String(rest.dropFirst()))
                break
            }
            let end = rest.firstIndex(of: " ") ?? rest.endIndex
            let word = String(rest[..<end])
            if command == nil { command = word.uppercased() } else { parameters.append(word) }
            rest = rest[end...].drop(while: { $0 == " " })
        }
        guard let command, !command.isEmpty else { return nil }
        self.command = command
        self.parameters = parameters
    }

    /// The line to send, without CRLF. The last parameter is always sent as trailing (`:`), so
    /// text with spaces survives.
    public var serialized: String {
        var parts: [String] = []
        if let prefix { parts.append(":" + prefix) }
        parts.append(command)
        if let last = parameters.last {
            parts += parameters.dropLast()
            parts.append(":" + last)
        }
        return parts.joined(separator: " ")
    }

    private static func unescapeTag(_ value: Substring) -> String {
        var result = ""
        var escaping = false
        for character in value {
            if escaping {
                switch character {
                case ":": result.append(";")
                case "s": result.append(" ")
                case "r": result.append("\r")
                case "n": result.append("\n")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// What a resident's IRC text means to the bot: whether it addresses the bot, and the text
/// without the address and without mIRC formatting codes.
public enum IRCText {
    /// Removes colour, bold, italic, underline, reverse and reset codes.
    public static func strippingFormatting(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar.value {
            case 0x02, 0x0F, 0x11, 0x16, 0x1D, 0x1E, 0x1F:
                continue
            case 0x03:
                // \x03 then up to two digits, optionally ",", up to two digits.
                var digits = 0
                while let next = pending, next.properties.numericType != nil, next.isASCII, digits < 2 {
                    digits += 1
                    pending = scalars.next()
                }
                if digits > 0, pending == "," {
                    var background = scalars.next()
                    var count = 0
                    while let next = background, next.isASCII, next.properties.numericType != nil, count < 2 {
                        count += 1
                        background = scalars.next()
                    }
                    if count == 0 { result.append(",") }
                    pending = background
                }
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether `text` addresses `nick` (`nick: …`, `nick, …`, `nick：…` at the start or `@nick`
    /// anywhere), and the text with the address removed.
    public static func address(_ text: String, to nick: String) -> (isAddressed: Bool, text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let prefix = trimmed.range(of: nick, options: [.caseInsensitive, .anchored]),
           let separator = trimmed[prefix.upperBound...].first, ":,：，".contains(separator) {
            return (true, trimmed[prefix.upperBound...].dropFirst().trimmingCharacters(in: .whitespaces))
        }
        var searchFrom = trimmed.startIndex
        while let mention = trimmed.range(of: "@" + nick, options: .caseInsensitive, range: searchFrom..<trimmed.endIndex) {
            // Only the whole nick: "@minhu2" does not address "minhu".
            if mention.upperBound == trimmed.endIndex || !isNickCharacter(trimmed[mention.upperBound]) {
                var rest = trimmed
                rest.removeSubrange(mention)
                return (true, rest.trimmingCharacters(in: CharacterSet(charactersIn: " :,：，")))
            }
            searchFrom = mention.upperBound
        }
        return (false, trimmed)
    }

    private static func isNickCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "_-[]\\`^{}|".contains(character))
    }
}

import Foundation
