/// Comma-separated values as spreadsheets read them (RFC 4180).
enum CSV {
    /// One record: fields joined by commas, quoted when they hold a comma, a quote or a line break.
    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    /// One field, quoted and with quotes doubled if it needs it.
    ///
    /// A field that starts like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets
    /// a leading `'`: residents' words go into these files, and Excel or WPS would run
    /// `=HYPERLINK(…)` typed by one of them when staff open the export.
    static func field(_ value: String) -> String {
        let value = value.first.map(formulaStarts.contains) == true ? "'" + value : value
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]
}
