import NIOCore
import Segmentation

/// The encoding a client's lines came in, and its replies go out in.
public enum ClientEncoding: Equatable, Sendable {
    case utf8
    /// GBK, as telnet on a Chinese Windows sends it, read and written as GB18030, which
    /// contains it.
    case gb18030

    /// `buffer`, UTF-8 text, in this encoding.
    func encode(_ buffer: ByteBuffer) -> ByteBuffer {
        switch self {
        case .utf8: buffer
        case .gb18030: ByteBuffer(bytes: LegacyEncoding.encodeGB18030(utf8: buffer.readableBytesView))
        }
    }
}

/// What one line from a client says, once its bytes are decoded.
public enum DecodedLine: Equatable, Sendable {
    /// The line's text: without control characters other than TAB, and trimmed; and the
    /// encoding it was read in.
    case text(String, encoding: ClientEncoding = .utf8)
    /// The bytes are neither UTF-8 nor GB18030; the server answers that it cannot read them.
    case undecodable
}

/// Turns the bytes of one line into text, whichever encoding the resident's terminal uses.
///
/// Most clients send UTF-8; telnet on a Chinese Windows sends GBK, which GB18030 contains.
/// A line is tried as UTF-8 first, since GBK text almost never happens to be valid UTF-8 while
/// the reverse is common, then as GB18030. Invalid bytes are never replaced with U+FFFD: a line
/// is read whole or reported ``DecodedLine/undecodable``, so a transcript never holds a guess.
///
/// UTF-8 is validated strictly: overlong forms such as `C0 80` (a disguised NUL) and encoded
/// surrogates such as `ED A0 80` are not UTF-8. Such bytes then go to GB18030, which reads some
/// of them as Chinese characters; that is what a GBK client typing those characters sends, and
/// the result can never be the NUL or surrogate the UTF-8 form was disguising:
/// - `C0 80` is the GBK character 纮 (U+7EAE);
/// - `ED A0 80` is undecodable: `ED A0` is a GBK character but `80` alone is not GB18030;
/// - a lone `FF` is undecodable in both.
///
/// The decoded text loses its control characters (C0 except TAB, DEL, and C1, whose U+009B is
/// an 8-bit escape introducer) so that no escape sequence reaches transcripts or a staff
/// member's terminal, and is trimmed of whitespace, including the ideographic space U+3000 that
/// Chinese input methods type.
public enum LineText {
    /// Decodes one line as UTF-8, else as GB18030, and cleans the text.
    ///
    /// - Parameter line: A line's bytes, without its ending, as ``LineFrameDecoder`` delivers them.
    /// - Returns: The cleaned text, or ``DecodedLine/undecodable`` when the bytes are neither
    ///   valid UTF-8 nor valid GB18030.
    public static func decode(_ line: ByteBuffer) -> DecodedLine {
        let bytes = line.readableBytesView
        if let text = String(validating: bytes, as: UTF8.self) { return .text(clean(text), encoding: .utf8) }
        if let text = LegacyEncoding.decodeGB18030(bytes) { return .text(clean(text), encoding: .gb18030) }
        return .undecodable
    }

    /// `text` without control characters other than TAB, trimmed of whitespace.
    ///
    /// - Parameter text: Decoded text.
    /// - Returns: The text fit to show and store.
    static func clean(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter { !isForbiddenControl($0) })
        let cleaned = String(scalars)
        guard let first = cleaned.firstIndex(where: { !$0.isWhitespace }),
            let last = cleaned.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(cleaned[first...last])
    }

    /// Whether `scalar` is a control character that must not reach a transcript: C0 other than
    /// TAB, DEL, and C1.
    ///
    /// - Parameter scalar: One Unicode scalar of the decoded text.
    /// - Returns: True when the scalar is to be removed.
    private static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }
}
