import ArgumentParser
import DispatchStore
import Foundation

extension Minhu {
    /// `minhu stats`: how much there is, where it is stuck, how residents rate it.
    struct Stats: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Tickets by state, category and unit; median time per step; overdue; satisfaction.",
            discussion: """
                Median times: 派单 from creation to the first dispatch, 接单 from the first \
                dispatch to the first accept or claim, 办结 from then to the first resolve. \
                Overdue counts tickets past their dispatch or resolve deadline now.
                Examples:
                  minhu stats
                  minhu stats --since 7d --json
                """
        )

        /// The store.
        @OptionGroup var database: DatabaseOptions

        /// Only tickets created since then.
        @Option(help: ArgumentHelp("Only tickets created since: 2026-11-27, '2026-11-27 10:00', or 30m, 2h, 7d ago.", valueName: "time"))
        var since: SinceArgument?

        /// JSON instead of tables.
        @Flag(help: "Print one JSON object.")
        var json = false

        /// Prints the report.
        func run() async throws {
            let store = try database.openStore()
            let report = try await StatsReport.gather(from: store, since: since?.date, now: Date())
            if json {
                try StaffJSON.print(report)
                return
            }
            let units = Dictionary(try await store.units().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            print(Self.render(report, unitNames: units))
        }

        /// The report as aligned text.
        static func render(_ report: StatsReport, unitNames: [String: String]) -> String {
            var summary = TextTable(["", ""])
            summary.append(["工单 Tickets", "\(report.total)"])
            summary.append(["超时 Overdue", "\(report.overdue.total)  (派单 dispatch \(report.overdue.dispatch), 办结 resolve \(report.overdue.resolve))"])
            summary.append(["满意度 Satisfaction", report.satisfaction.average.map {
                String(format: "%.2f / 5  (%d rated)", $0, report.satisfaction.rated)
            } ?? "—  (0 rated)"])
            var sections = [summary.rendered(includingHeader: false)]

            var states = TextTable(["", ""])
            states.rightAligned = [1]
            for state in TicketState.allCases {
                if let count = report.byState[state.rawValue] { states.append([state.bilingualName, "\(count)"]) }
            }
            sections.append("按状态 By state\n" + states.rendered(indent: "  ", includingHeader: false))
            sections.append("按类别 By category\n" + counts(report.byCategory, label: { $0 }))
            sections.append("按单位 By unit\n" + counts(report.byUnit, label: { id in unitNames[id].map { "\(id) (\($0))" } ?? id }))

            var medians = TextTable(["", "", "", ""])
            medians.rightAligned = [2]
            for step in report.medians {
                medians.append(["\(step.name) \(step.step)", step.span, step.medianSeconds.map(StaffTime.duration) ?? "—",
                                "(\(step.count) \(step.count == 1 ? "ticket" : "tickets"))"])
            }
            sections.append("各步用时中位数 Median time per step\n" + medians.rendered(indent: "  ", includingHeader: false))
            return sections.joined(separator: "\n\n")
        }

        /// Counts by key, largest first, or `(none)`.
        private static func counts(_ counts: [String: Int], label: (String) -> String) -> String {
            guard !counts.isEmpty else { return "  (none)" }
            var table = TextTable(["", ""])
            table.rightAligned = [1]
            for (key, count) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                table.append([label(key), "\(count)"])
            }
            return table.rendered(indent: "  ", includingHeader: false)
        }
    }
}
