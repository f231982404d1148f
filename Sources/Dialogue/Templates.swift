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
            result += fillPlaceholders(rest[..<open], values, fallback: fallback)
            let optional = rest[rest.index(after: open)..<close]
            if placeholders(in: optional).allSatisfy({ !(values[$0] ?? "").isEmpty }) {
                result += fillPlaceholders(optional, values, fallback: fallback)
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + fillPlaceholders(rest, values, fallback: fallback)
    }

    private static func fillPlaceholders(_ template: Substring, _ values: [String: String], fallback: String) -> String {
        var result = ""
        var rest = template
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            let value = values[name] ?? fallback
            result += value.isEmpty ? fallback : value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private static func placeholders(in template: Substring) -> [String] {
        var names: [String] = []
        var rest = template
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
