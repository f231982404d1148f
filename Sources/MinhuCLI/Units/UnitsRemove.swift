import ArgumentParser
import DispatchStore

extension Minhu.Units {
    /// `minhu units remove ID`: take a unit out of service.
    struct Remove: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Stop routing to a unit: it no longer serves any category (or only the given ones).",
            discussion: """
                Ticket histories refer to units by id, and the store keeps every directory entry, \
                so removing takes the entry out of service: it serves nothing, is never suggested, \
                and is listed as retired. `units add` with the same id brings it back.
                Examples:
                  minhu units remove wuye-3
                  minhu units remove wuye-3 --serves complaint     # stop only complaints
                """
        )

        /// The store.
        @OptionGroup var database: DatabaseOptions

        /// The entry.
        @Argument(help: ArgumentHelp("The directory id.", valueName: "id"))
        var id: String

        /// Only these categories.
        @Option(parsing: .singleValue, help: ArgumentHelp(
            "Only stop serving these categories (comma-separated or repeated).", valueName: "categories"))
        var serves: [CategoryList] = []

        /// Saves the entry with fewer (or no) categories.
        func run() async throws {
            let store = try database.openStore()
            guard var unit = try await store.units().first(where: { $0.id == id }) else {
                throw CLIError("no unit \(id) in the directory (minhu units list)")
            }
            let removing = Set(serves.flatMap(\.categories))
            // "now serves repair" after removing a category it never served would read as a change.
            if let stranger = removing.sorted().first(where: { !unit.categories.contains($0) }) {
                throw CLIError("\(id) (\(unit.name)) does not serve \(stranger); it serves "
                    + (unit.categories.isEmpty ? "nothing" : unit.categories.joined(separator: ", ")) + ". Nothing was written.")
            }
            unit.categories = removing.isEmpty ? [] : unit.categories.filter { !removing.contains($0) }
            try await store.saveUnit(unit)
            print(unit.categories.isEmpty
                  ? "\(id) (\(unit.name)) retired: it serves no category"
                  : "\(id) (\(unit.name)) now serves " + unit.categories.joined(separator: ", "))
        }
    }
}
