import DispatchStore
import DispatchStorePostgres
import Foundation
import Logging
import Testing

/// The PostgreSQL server tests run against, named by `MINHU_TEST_POSTGRES_URL`.
///
/// Without it the PostgreSQL cases are skipped locally, saying how to run them; under CI
/// (`MINHU_CI` or `CI` set; `.ci/run` sets `MINHU_CI=1`) a missing server fails them,
/// so a CI run can never pass without having tested PostgreSQL.
public enum TestPostgres {
    /// The environment variable holding the server's URL.
    public static let variable = "MINHU_TEST_POSTGRES_URL"

    /// How to run the PostgreSQL cases, for the skip message.
    public static let howToRun = """
        PostgreSQL cases skipped: set \(variable)=postgres://USER:PASSWORD@HOST:PORT/DATABASE \
        (a database the user may create schemas in), or run .ci/run, which starts a server
        """

    /// Whether a missing server is a failure rather than a skip.
    public static var isRequired: Bool { TestEnvironment.isCI }

    private static let announceSkip: Void = {
        FileHandle.standardError.write(Data("note: \(howToRun)\n".utf8))
    }()

    /// The server's URL as given, or nil.
    public static var url: String? {
        ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The server's configuration; skips the running test when there is none locally, fails it under CI.
    public static func configuration(sourceLocation: SourceLocation = #_sourceLocation) throws -> PostgresStoreConfiguration {
        guard let url else {
            if isRequired {
                Issue.record("\(variable) is not set, and CI must run the PostgreSQL cases", sourceLocation: sourceLocation)
                throw MissingServer()
            }
            // Swift Testing shows the comment of a cancelled test, but not of a cancelled case of a
            // parametrized one (the backend-parametrized suite): say it once on standard error too.
            _ = announceSkip
            try Test.cancel(Comment(rawValue: howToRun), sourceLocation: sourceLocation)
        }
        return try PostgresStoreConfiguration(url: url)
    }

    /// The server's URL (password in clear) pointing at a schema: for child processes such as
    /// `minhu serve --db URL` to share a test's schema.
    public static func url(schema: String?) throws -> String {
        guard let url, var components = URLComponents(string: url) else { throw MissingServer() }
        var items = (components.queryItems ?? []).filter { $0.name != "search_path" && $0.name != "schema" }
        if let schema { items.append(URLQueryItem(name: "search_path", value: schema)) }
        components.queryItems = items
        guard let text = components.string else { throw MissingServer() }
        return text
    }

    /// Warnings and worse only: each test migrates a schema and closes its pool.
    public static let logger: Logger = {
        var logger = Logger(label: "minhu.postgres.test")
        logger.logLevel = .warning
        return logger
    }()

    /// A schema name no other test uses.
    public static func newSchemaName() -> String {
        "minhu_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
    }

    /// Runs `body` with a store in a new, empty schema of its own, dropped afterwards.
    public static func withStore<T>(_ body: (PostgresDispatchStore) async throws -> T) async throws -> T {
        var configuration = try configuration().withSchema(newSchemaName())
        // Tests run in parallel, each with a store of its own: small pools keep the server's
        // connection limit out of reach.
        configuration.maximumConnections = 8
        let store = PostgresDispatchStore(configuration: configuration, logger: logger)
        do {
            let value = try await body(store)
            try await store.dropSchema()
            await store.close()
            return value
        } catch {
            try? await store.dropSchema()
            await store.close()
            throw error
        }
    }

    /// Thrown after recording why a required server is missing.
    public struct MissingServer: Error, CustomStringConvertible {
        public var description: String { "no PostgreSQL server for the tests (\(TestPostgres.variable))" }
    }
}
