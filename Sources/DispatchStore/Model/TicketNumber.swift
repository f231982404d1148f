/// The number of a ticket as residents see it: `MH-000123`.
///
/// Residents read it aloud, type it on phones with full-width keyboards and
/// forget the prefix, so parsing accepts `mh123`, `MH-123`, `000123`, `#123` and
/// `ＭＨ－０００１２３` alike. Printing always uses the canonical form.
public struct TicketNumber: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The sequence behind the number; the first ticket is 1.
    public let sequence: Int64

    /// The prefix printed before every ticket number.
    public static let prefix = "MH-"

    /// Creates the number of the ticket with this sequence.
    public init(_ sequence: Int64) {
        self.sequence = sequence
    }

    /// Parses a ticket number as a resident or staff member typed it; nil if it is not one.
    public init?(parsing text: String) {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            // Full-width ASCII (U+FF01…U+FF5E) sits 0xFEE0 above its half-width twin.
            if (0xFF01...0xFF5E).contains(scalar.value), let folded = Unicode.Scalar(scalar.value - 0xFEE0) {
                scalars.append(folded)
            } else if scalar.properties.isWhitespace {
                continue
            } else {
                scalars.append(scalar)
            }
        }
        var rest = Substring(String(scalars).uppercased())
        // As pasted from the bot's reply (工单号：MH-000001) or typed by a Chinese input method.
        for label in ["工单号：", "工单号:", "工单号", "工单"] where rest.hasPrefix(label) {
            rest = rest.dropFirst(label.count)
            break
        }
        if rest.hasPrefix("MH") {
            rest = rest.dropFirst(2)
            // A hyphen, or the dashes an input method types for it (—, –, －, 一 is not one).
            if let first = rest.first, "-_—–‐".contains(first) { rest = rest.dropFirst() }
        } else if rest.hasPrefix("#") {
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }),
              let sequence = Int64(rest), sequence > 0
        else { return nil }
        self.sequence = sequence
    }

    /// The canonical form, `MH-` and at least six digits.
    public var description: String {
        let digits = String(sequence)
        return Self.prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Orders numbers by sequence, that is by creation.
    public static func < (lhs: TicketNumber, rhs: TicketNumber) -> Bool {
        lhs.sequence < rhs.sequence
    }

    /// Decodes the bare sequence.
    public init(from decoder: any Decoder) throws {
        sequence = try decoder.singleValueContainer().decode(Int64.self)
    }

    /// Encodes the bare sequence, so that storage keeps an integer key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(sequence)
    }
}
