/// A table for a terminal: columns padded by display width, two spaces apart, a header row.
///
/// ```swift
/// var table = TextTable(["编号", "状态"])
/// table.append(["MH-000001", "已派单 dispatched"])
/// print(table.rendered())
/// ```
struct TextTable {
    /// The header row.
    let header: [String]
    /// The data rows, each as long as the header.
    private(set) var rows: [[String]] = []
    /// Columns printed flush right (counts).
    var rightAligned: Set<Int> = []

    /// Creates an empty table with these column titles.
    init(_ header: [String]) {
        self.header = header
    }

    /// Adds a row; missing cells are blank.
    mutating func append(_ row: [String]) {
        rows.append(row + Array(repeating: "", count: max(0, header.count - row.count)))
    }

    /// The table as lines without trailing spaces, so that output compares cleanly in tests.
    ///
    /// - Parameters:
    ///   - indent: Put before every line.
    ///   - includingHeader: Whether to print the header row (the column titles).
    func rendered(indent: String = "", includingHeader: Bool = true) -> String {
        let all = (includingHeader ? [header] : []) + rows
        let widths = header.indices.map { column in all.map { $0[column].displayWidth }.max() ?? 0 }
        return all.map { row in
            let cells = row.indices.map { column in
                rightAligned.contains(column)
                    ? row[column].leftPadded(toWidth: widths[column]) : row[column].padded(toWidth: widths[column])
            }
            let line = indent + cells.joined(separator: "  ")
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }.joined(separator: "\n")
    }
}
