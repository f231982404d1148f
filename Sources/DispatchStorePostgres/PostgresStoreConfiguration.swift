import DispatchStore
import Foundation
import PostgresNIO

/// Where a PostgreSQL dispatch store lives, parsed from a `postgres://` URL.
///
/// `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=disable&search_path=SCHEMA&pool_size=24`;
/// the port defaults to 5432, `sslmode` to `prefer` (`disable` and `require` also work), the
/// schema to the server's default and the pool to 24 connections per process. A
/// `host=/run/postgresql` query item connects through a Unix socket. Without a password in the
/// URL, `PGPASSWORD` is used, as psql does.
public struct PostgresStoreConfiguration: Sendable, CustomStringConvertible {
    /// The user to log in as.
    public var username: String
    /// The password, if the server asks for one; never printed.
    public var password: String?
    /// The server's host name or address (ignored when ``unixSocketPath`` is set).
    public var host: String
    /// The server's port.
    public var port: Int
    /// A Unix socket path to connect through instead of TCP.
    public var unixSocketPath: String?
    /// The database.
    public var database: String
    /// The schema the store's tables live in; nil for the server's default (`public`).
    public var schema: String?
    /// Whether to use TLS: `disable`, `prefer` or `require`.
    public var sslMode: String
    /// How many connections this process holds at most.
    public var maximumConnections: Int

    /// Parses a `postgres://` or `postgresql://` URL.
    ///
    /// - Throws: ``DispatchStoreError/invalidArgument(_:)`` naming what is wrong, with the password masked.
    public init(url text: String, maximumConnections: Int = 24) throws(DispatchStoreError) {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql"
        else { throw .invalidArgument("not a postgres:// URL: \(Self.masking(text))") }
        let items = Dictionary(
            (components.queryItems ?? []).map { ($0.name.lowercased(), $0.value ?? "") }, uniquingKeysWith: { $1 })
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard let user = components.user, !user.isEmpty else {
            throw .invalidArgument("the URL names no user: \(Self.masking(text))")
        }
        guard !database.isEmpty else { throw .invalidArgument("the URL names no database: \(Self.masking(text))") }
        let sslMode = items["sslmode"] ?? "prefer"
        guard ["disable", "prefer", "require"].contains(sslMode) else {
            throw .invalidArgument("sslmode must be disable, prefer or require, not \(sslMode)")
        }
        if let schema = items["search_path"] ?? items["schema"] {
            guard Self.isPlainIdentifier(schema) else {
                throw .invalidArgument("schema must be letters, digits and underscores: \(schema)")
            }
            self.schema = schema
        } else {
            self.schema = nil
        }
        self.username = user.removingPercentEncoding ?? user
        // PGPASSWORD as libpq reads it: a password on the command line shows in `ps`.
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
            ?? ProcessInfo.processInfo.environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        self.host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        self.port = components.port ?? 5432
        self.unixSocketPath = items["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        self.database = database
        self.sslMode = sslMode
        if let pool = items["pool_size"] {
            guard let size = Int(pool), (2...1000).contains(size) else {
                throw .invalidArgument("pool_size must be a number from 2 to 1000, not \(pool)")
            }
            self.maximumConnections = size
        } else {
            self.maximumConnections = max(2, maximumConnections)
        }
    }

    /// The same configuration with another schema (tests and benchmarks give each run its own).
    public func withSchema(_ schema: String?) -> PostgresStoreConfiguration {
        var copy = self
        copy.schema = schema
        return copy
    }

    /// The URL with the password replaced by `***`, for logs and errors.
    public var description: String {
        var text = "postgres://\(username)\(password == nil ? "" : ":***")@"
        text += unixSocketPath == nil ? "\(host):\(port)" : "[\(unixSocketPath!)]"
        text += "/\(database)"
        if let schema { text += "?search_path=\(schema)" }
        return text
    }

    /// A URL as typed, with any password replaced by `***`; for messages about URLs that do not parse.
    public static func masking(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://"),
              let at = url[schemeEnd.upperBound...].lastIndex(of: "@") else { return url }
        let credentials = url[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    /// Schema names go into SQL text (`SET search_path`, `CREATE SCHEMA`), so only plain ones are allowed.
    static func isPlainIdentifier(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 63
            && name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" }
            && !("0"..."9").contains(name.unicodeScalars.first!)
    }

    /// The client configuration PostgresNIO needs.
    var clientConfiguration: PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let unixSocketPath {
            configuration = .init(unixSocketPath: unixSocketPath, username: username, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS = switch sslMode {
            case "disable": .disable
            case "require": .require(.makeClientConfiguration())
            default: .prefer(.makeClientConfiguration())
            }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
        configuration.options.maximumConnections = maximumConnections
        configuration.options.minimumConnections = 0
        if let schema {
            // A run-time parameter in the startup packet: every pooled connection starts in the
            // store's schema without an extra round trip.
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        return configuration
    }

    /// The same settings for one connection outside the pool: the store opens one first, because
    /// the pool retries a failing server quietly for a minute, while a staff command should
    /// say at once that the password is wrong or the server is down.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let unixSocketPath {
            configuration = .init(unixSocketPath: unixSocketPath, username: username, password: password, database: database)
        } else {
            let tls: PostgresConnection.Configuration.TLS = switch sslMode {
            case "disable": .disable
            case "require": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }
}
