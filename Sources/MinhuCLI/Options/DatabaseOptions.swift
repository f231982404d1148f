import ArgumentParser
import DispatchStore
import DispatchStorePostgres
import Foundation

/// `--db PATH` or `--db postgres://…`, shared by every subcommand that reads or writes tickets,
/// transcripts or the directory: the one place where the CLI opens a store.
///
/// The CLI opens the same store `minhu serve` writes to. On SQLite (WAL) a reader sees a
/// committed snapshot and never blocks the service, and the CLI's own writes queue behind the
/// service's for at most the store's busy timeout. On PostgreSQL any number of nodes and staff
/// commands share the database.
struct DatabaseOptions: ParsableArguments {
    /// The database: a SQLite file path, or a `postgres://` URL.
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The dispatch store, shared with running `minhu serve` nodes: a SQLite file, or "
            + "postgres://USER:PASSWORD@HOST:PORT/DATABASE for several nodes on one PostgreSQL.",
        valueName: "path|url"))
    var location: String = "./minhu.sqlite"

    /// Validates the location before any command runs, so a URL fails before it is mistaken for a
    /// file name. A ``CLIError``, not a usage error: the command line was well formed.
    func validate() throws {
        if let scheme = Self.urlScheme(of: location) {
            if Self.isPostgres(scheme: scheme) {
                _ = try Self.postgresConfiguration(location)
                return
            }
            guard scheme == "file" || scheme == "sqlite" else {
                throw CLIError(Self.unsupportedMessage(scheme: scheme))
            }
        }
    }

    /// The location for logs and messages: a PostgreSQL password is masked.
    var displayLocation: String {
        Self.urlScheme(of: location).map(Self.isPostgres(scheme:)) == true
            ? PostgresStoreConfiguration.masking(location) : location
    }

    /// Opens the store.
    ///
    /// - Parameter creating: Whether a missing file may be created. Only commands that build up
    ///   the database from nothing (`units add`) pass true; for the others a missing file is
    ///   almost always a mistyped `--db`, and an empty new database would hide it.
    func openStore(creating: Bool = false) throws -> any DispatchStore {
        try validate()
        return try Self.openStore(at: location, creating: creating)
    }

    /// Opens the store at a location that ``validate()`` accepted: a `postgres://` URL or a SQLite file.
    static func openStore(at location: String, creating: Bool) throws -> any DispatchStore {
        if urlScheme(of: location).map(isPostgres(scheme:)) == true {
            // The database must exist; its tables are created by the store's migrations.
            return PostgresDispatchStore(configuration: try postgresConfiguration(location))
        }
        let path = filePath(of: location)
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if exists, isFolder.boolValue {
            // SQLite's own words were "14 (unable to open database file)".
            throw CLIError("\(path) is a folder, not a database file: pass --db PATH (the file `minhu serve` writes)")
        }
        if !creating, !exists {
            throw CLIError("no database at \(path): pass --db PATH (the file `minhu serve` writes)")
        }
        do {
            return try SQLiteDispatchStore(path: path)
        } catch DispatchStoreError.storage(let message) {
            throw CLIError(explainOpeningFailure(message, path: path))
        }
    }

    /// SQLite's refusal to open a file, in words that say what to do (QA: "storage failure: 26
    /// (file is not a database)" named no file). The message starts with SQLite's result code.
    static func explainOpeningFailure(_ message: String, path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        switch message.prefix { $0.isNumber } {
        case "26": return "\(path) is not a Minhu database (SQLite cannot read it as a database): pass --db PATH (the file `minhu serve` writes)"
        case "14": return "cannot open or create a database at \(path): check that \(folder) exists and that you may write in it"
        case "8": return "cannot write to \(path): Minhu needs to write the file and, next to it in \(folder), its -wal and -shm files"
        case "10": return "cannot read or write \(path) (disk I/O error): is it a regular file on a disk with space left?"
        default: return "cannot open the database at \(path): \(message)"
        }
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

    static func isPostgres(scheme: String) -> Bool { scheme == "postgres" || scheme == "postgresql" }

    /// The parsed PostgreSQL URL; a malformed one is a ``CLIError`` with the password masked.
    static func postgresConfiguration(_ location: String) throws -> PostgresStoreConfiguration {
        do {
            return try PostgresStoreConfiguration(url: location)
        } catch {
            throw CLIError("--db: \(error)")
        }
    }

    /// Why a URL cannot be opened.
    static func unsupportedMessage(scheme: String) -> String {
        "unsupported database URL scheme \(scheme)://: pass --db PATH to a SQLite file or a postgres:// URL"
    }
}
