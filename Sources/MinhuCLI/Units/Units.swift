import ArgumentParser
import Foundation

extension Minhu {
    /// `minhu units …`: the directory of units and volunteers and the categories they serve.
    struct Units: ParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "units",
            abstract: "The directory of units and volunteers (物业, 城管, 医疗队, 志愿者 …) and what they serve.",
            discussion: """
                `tickets dispatch` without --unit suggests the directory entry whose id, name or \
                kind matches the unit the intents' routing names, preferring entries that serve \
                the ticket's category.
                """,
            subcommands: [List.self, Add.self, Remove.self]
        )
    }
}

/// `--serves repair,complaint` (repeatable): categories as staff type them.
struct CategoryList: ExpressibleByArgument {
    /// The categories, trimmed, without blanks.
    let categories: [String]

    /// The categories tickets are opened in (the intents that open tickets): a unit serving
    /// "repiar" would never be suggested, and no one would notice.
    static let known = ["repair", "health", "complaint", "certificate", "human"]

    /// Splits on commas (ASCII or Chinese).
    init?(argument: String) {
        categories = argument.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
