import Foundation

/// JSON for staff tools and scripts: sorted keys, readable Chinese, times as Shanghai ISO 8601.
enum StaffJSON {
    /// One compact line of JSON for `value`.
    static func line<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Prints `value` as one line of JSON.
    static func print<Value: Encodable>(_ value: Value) throws {
        Swift.print(try line(value))
    }

    // Shared because an export encodes one record per transcript line; JSONEncoder is safe to
    // share once configured (it is Sendable).
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(StaffTime.iso(date))
        }
        return encoder
    }()
}
