import ArgumentParser
import DispatchStore
import Foundation

/// `--db PATH`, shared by every subcommand that reads or writes tickets, transcripts or the directory.
///
/// The CLI opens the same SQLite file `minhu serve` writes to: in WAL mode a reader sees a
/// committed snapshot and never blocks the service, and the CLI's own writes queue behind the
/// service's for at most the store's busy timeout.
struct DatabaseOptions: ParsableArguments {
    /// The database: a SQLite file path (a `postgres://` URL once PostgreSQL is supported).
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The dispatch store: a SQLite file, shared with a running `minhu serve`.", valueName: "path"))
    var location: String = "./minhu.sqlite"

    /// Validates the location before any command runs, so a URL fails before it is mistaken for a
    /// file name. A ``CLIError``, not a usage error: the command line was well formed.
    func validate() throws {
        if let scheme = Self.urlScheme(of: location) {
            guard scheme == "file" || scheme == "sqlite" else {
                throw CLIError(Self.unsupportedMessage(scheme: scheme))
            }
        }
    }

    /// Opens the store.
    ///
    /// - Parameter creating: Whether a missing file may be created. Only commands that build up
    ///   the database from nothing (`units add`) pass true; for the others a missing file is
    ///   almost always a mistyped `--db`, and an empty new database would hide it.
    func openStore(creating: Bool = false) throws -> any DispatchStore {
        try validate()
        let path = Self.filePath(of: location)
        if !creating, !FileManager.default.fileExists(atPath: path) {
            throw CLIError("no database at \(path): pass --db PATH (the file `minhu serve` writes)")
        }
        return try SQLiteDispatchStore(path: path)
    }

    /// The file behind a `file:` or `sqlite:` URL, or the location itself.
    static func filePath(of location: String) -> String {
        guard urlScheme(of: location) != nil, let url = URL(string: location), !url.path.isEmpty else { return location }
        return url.path
    }

    /// The scheme of a `scheme://…` location, lower-cased; nil for a plain path.
    static func urlScheme(of location: String) -> String? {
        guard let separator = location.range(of: "://") else { return nil }
        let scheme = location[..<separator.lowerBound]
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return scheme.lowercased()
    }

    /// Why a URL cannot be opened: PostgreSQL arrives in a later issue, anything else never.
    static func unsupportedMessage(scheme: String) -> String {
        if scheme == "postgres" || scheme == "postgresql" {
            return "PostgreSQL (\(scheme)://) is not supported yet: pass --db PATH to a SQLite file"
        }
        return "unsupported database URL scheme \(scheme)://: pass --db PATH to a SQLite file"
    }
}
