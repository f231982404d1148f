/// Fills `{name}` placeholders in answer templates from `intents/`.
///
/// A part in square brackets is said only when every placeholder in it has a value:
/// `[；上门时间：{time}]` reads back a time the resident gave and stays silent about one they
/// did not (an optional slot needs no 未填写).
enum Templates {
    /// `template` with every `{name}` replaced by `values[name]`; unknown names become
    /// `fallback` so a resident never sees raw braces.
    static func fill(_ template: String, _ values: [String: String], fallback: String = "未填写") -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            result += substitute(rest[..<open], values, fallback: fallback) ?? ""
            result += substitute(rest[rest.index(after: open)..<close], values, fallback: nil) ?? ""
            rest = rest[rest.index(after: close)...]
        }
        return result + (substitute(rest, values, fallback: fallback) ?? "")
    }

    /// `template` with its placeholders filled; a missing or empty value becomes `fallback`, or
    /// with no fallback the whole part is dropped (nil).
    private static func substitute(_ template: Substring, _ values: [String: String], fallback: String?) -> String? {
        var result = ""
        var rest = template
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            guard let value = values[String(rest[rest.index(after: open)..<close])].flatMap({ $0.isEmpty ? nil : $0 }) ?? fallback
            else { return nil }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
