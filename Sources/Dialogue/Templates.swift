/// Fills `{name}` placeholders in answer templates from `intents/`.
enum Templates {
    /// `template` with every `{name}` replaced by `values[name]`; unknown names become
    /// `fallback` so a resident never sees raw braces.
    static func fill(_ template: String, _ values: [String: String], fallback: String = "未填写") -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            let value = values[name] ?? fallback
            result += value.isEmpty ? fallback : value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
