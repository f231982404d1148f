import ArgumentParser
import DispatchStore

extension Minhu.Units {
    /// `minhu units list`: the directory.
    struct List: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the units and volunteers, by id.")

        /// The store.
        @OptionGroup var database: DatabaseOptions

        /// Only entries serving this category.
        @Option(help: ArgumentHelp("Only entries that serve this category.", valueName: "intent"))
        var serving: String?

        /// JSON instead of a table.
        @Flag(help: "Print a JSON array of directory entries.")
        var json = false

        /// Prints the directory.
        func run() async throws {
            let store = try database.openStore()
            let units = try await store.units().filter { serving == nil || $0.categories.contains(serving!) }
            if json {
                try StaffJSON.print(units)
                return
            }
            var table = TextTable(["编号 ID", "名称 Name", "类型 Kind", "服务 Serves"])
            for unit in units {
                table.append([unit.id, unit.name, unit.kind.rawValue,
                              unit.categories.isEmpty ? "— (停用 retired)" : unit.categories.joined(separator: ", ")])
            }
            print(table.rendered())
        }
    }
}
