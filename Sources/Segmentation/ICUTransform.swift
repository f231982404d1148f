internal import CICU

/// ICU's script and width transforms, for producing the variants residents type
/// (Simplified-Traditional, Halfwidth-Fullwidth …). Opens a transliterator per call: meant
/// for tools and tests, not for the hot path.
public enum ICUTransform {
    /// `text` after the ICU transform `id` (e.g. "Simplified-Traditional", "Halfwidth-Fullwidth").
    public static func apply(_ id: String, to text: String) throws -> String {
        let transformID = Array(id.utf16)
        var buffer = Array(text.utf16)
        let length = buffer.count
        buffer.append(contentsOf: [UInt16](repeating: 0, count: length * 2 + 16))
        var error: Int32 = 0
        let result = minhu_transform_utf16(transformID, Int32(transformID.count), &buffer, Int32(length),
                                           Int32(buffer.count), &error)
        guard result >= 0, result <= buffer.count else {
            throw SegmentationError.icuFailure(operation: "utrans \(id)", code: error)
        }
        return String(decoding: buffer[0..<Int(result)], as: UTF16.self)
    }
}
