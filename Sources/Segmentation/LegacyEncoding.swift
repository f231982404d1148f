internal import CICU

/// Text from clients that do not speak UTF-8: Chinese Windows telnet clients send GBK, which
/// GB18030 contains.
public enum LegacyEncoding {
    /// The text of GB18030 (or GBK) `bytes`, or nil when they are not valid GB18030.
    public static func decodeGB18030<Bytes: Collection>(_ bytes: Bytes) -> String? where Bytes.Element == UInt8 {
        let input = Array(bytes)
        guard !input.isEmpty else { return "" }
        var output = [UInt8](repeating: 0, count: input.count * 4 + 4)
        let length = minhu_gb18030_to_utf8(input, Int32(input.count), &output, Int32(output.count))
        guard length >= 0 else { return nil }
        return String(decoding: output[0..<Int(length)], as: UTF8.self)
    }

    /// UTF-8 `bytes` as GB18030, for a client that sent GBK: GB18030 encodes every character
    /// (at most twice its UTF-8 length), and GBK terminals show its GBK part.
    public static func encodeGB18030<Bytes: Collection>(utf8 bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        let input = Array(bytes)
        guard !input.isEmpty else { return [] }
        var output = [UInt8](repeating: 0, count: input.count * 2 + 4)
        let length = minhu_utf8_to_gb18030(input, Int32(input.count), &output, Int32(output.count))
        // Only invalid UTF-8 fails, and a Swift string never is.
        return length >= 0 ? Array(output[0..<Int(length)]) : input
    }
}
