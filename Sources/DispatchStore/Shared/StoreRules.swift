import Foundation

// Checks and encodings every backend applies the same way, kept here so that SQLite and
// PostgreSQL cannot drift apart on what they accept.

extension TicketDraft {
    /// Throws ``DispatchStoreError/invalidArgument(_:)`` for a draft no backend may store:
    /// a blank category, summary or channel, or a negative time limit.
    public func validate() throws(DispatchStoreError) {
        for (field, value) in [("category", category), ("summary", summary), ("channel", channel)]
        where value.allSatisfy(\.isWhitespace) {
            throw .invalidArgument("a ticket needs a \(field)")
        }
        for limit in [dispatchWithin, resolveWithin].compactMap({ $0 }) where !(limit >= 0) {
            throw .invalidArgument("time limits cannot be negative")
        }
    }
}

/// Helpers for the SQL text backends build.
public enum StoreSQL {
    /// A `LIKE` pattern matching `text` anywhere, with the wildcards in it taken literally
    /// (use with `ESCAPE '\'`).
    public static func containsPattern(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return "%\(escaped)%"
    }

    /// Throws ``DispatchStoreError/invalidArgument(_:)`` for a note with no text.
    public static func validateNote(_ text: String) throws(DispatchStoreError) {
        guard !text.allSatisfy(\.isWhitespace) else { throw .invalidArgument("a note needs text") }
        try validateStaffText(text, what: "a note")
    }

    /// Refuses control characters other than tab and line feed in what staff write (notes,
    /// reasons, names): an escape sequence would recolour or rewrite the terminal of whoever
    /// reads it later, and a stray one breaks the tables (QA). Residents' lines are cleaned on
    /// the way in; staff are told.
    public static func validateStaffText(_ text: String, what: String) throws(DispatchStoreError) {
        if text.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t" && $0 != "\n") || (0x7F...0x9F).contains($0.value) }) {
            throw .invalidArgument("\(what) cannot hold control characters (such as an escape sequence)")
        }
    }
}

extension StoreSQL {
    /// A time as a backend storing seconds since 1970 as a double gives it back, so that what a
    /// write returns equals what a later read finds.
    public static func storedTime(_ date: Date) -> Date { Date(timeIntervalSince1970: date.timeIntervalSince1970) }
}
