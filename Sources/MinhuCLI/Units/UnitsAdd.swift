import ArgumentParser
import DispatchStore

extension Minhu.Units {
    /// `minhu units add ID`: add a directory entry, or replace the one with that id.
    struct Add: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a unit or volunteer to the directory, or replace the entry with this id.",
            discussion: """
                Creates the database file if it does not exist yet, so a new office can set up \
                its directory before the first `minhu serve`.
                Examples:
                  minhu units add wuye-3 --name 3栋物业 --kind 物业 --serves repair,complaint
                  minhu units add vol-zhang --name 张师傅 --kind 志愿者 --serves repair
                """
        )

        /// The store.
        @OptionGroup var database: DatabaseOptions

        /// The id staff type.
        @Argument(help: ArgumentHelp("A stable id staff type (wuye-3, chengguan, vol-zhang).", valueName: "id"))
        var id: String

        /// The display name.
        @Option(help: ArgumentHelp("The display name (3栋物业, 张师傅).", valueName: "name"))
        var name: String

        /// The kind.
        @Option(help: ArgumentHelp("What kind of unit: 物业, 城管, 医疗队, 志愿者, 派出所, 人社, or any other.", valueName: "kind"))
        var kind: String

        /// The categories it serves.
        @Option(parsing: .singleValue, help: ArgumentHelp(
            "Categories it serves, comma-separated or repeated (repair, complaint, health …).", valueName: "categories"))
        var serves: [CategoryList] = []

        /// Refuses blank ids and names, which would make entries nobody can type or read.
        func validate() throws {
            guard !id.trimmingCharacters(in: .whitespaces).isEmpty, !id.contains(where: \.isWhitespace) else {
                throw ValidationError("the id must be one word without spaces")
            }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name cannot be blank") }
            for category in serves.flatMap(\.categories) where !CategoryList.known.contains(category) {
                throw ValidationError("--serves: unknown category \(category) (known: \(CategoryList.known.joined(separator: ", ")))")
            }
        }

        /// Saves the entry.
        func run() async throws {
            let store = try database.openStore(creating: true)
            var categories: [String] = []
            for category in serves.flatMap(\.categories) where !categories.contains(category) { categories.append(category) }
            let unit = ServiceUnit(id: id, name: name, kind: UnitKind(rawValue: kind), categories: categories)
            let replaced = try await store.units().contains { $0.id == id }
            try await store.saveUnit(unit)
            print("\(replaced ? "updated" : "added") \(id) (\(name), \(kind)) serving "
                  + (categories.isEmpty ? "nothing yet" : categories.joined(separator: ", ")))
        }
    }
}
