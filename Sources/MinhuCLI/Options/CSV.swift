/// Comma-separated values as spreadsheets read them (RFC 4180).
enum CSV {
    /// One record: fields joined by commas, quoted when they hold a comma, a quote or a line break.
    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    /// One field, quoted and with quotes doubled if it needs it.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
