import GRDB

/// The WHERE clause of a listing with optional filters, its arguments kept in step with it.
/// A listing whose SQL is written out this way (`tickets(matching:)`) can use a cached
/// statement, prepared once per connection for each shape of query.
struct SQLConditions {
    private var conditions: [String] = []
    /// The arguments of every condition, in order.
    private(set) var arguments: StatementArguments = []

    /// Adds a condition with one `?` per value.
    mutating func add(_ condition: String, _ values: [(any DatabaseValueConvertible)?]) {
        conditions.append(condition)
        arguments += StatementArguments(values)
    }

    /// `?, ?, ?`: the placeholders of an `IN` list of `count` values.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// ` WHERE … AND …`, or nothing without conditions.
    var whereClause: String {
        conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }
}
