/// Scalar decoding straight from the normalized UTF-8 bytes, for the per-token checks that
/// would otherwise build a String just to look at its scalars.
enum UTF8Bytes {
    /// The scalar starting at `index` of valid UTF-8 and its width in bytes.
    @inline(__always)
    static func decode(_ bytes: [UInt8], at index: Int) -> (scalar: UInt32, width: Int) {
        let lead = UInt32(bytes[index])
        switch lead {
        case ..<0x80: return (lead, 1)
        case ..<0xE0: return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2)
        case ..<0xF0:
            return ((lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        default:
            return ((lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                    | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F), 4)
        }
    }
}
