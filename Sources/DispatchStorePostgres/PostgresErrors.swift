import DispatchStore
import Foundation
import Logging
import PostgresNIO

/// What the store makes of the driver's errors: which to retry, and how to say the others.
enum PostgresErrors {
    /// SQLSTATEs after which the whole transaction may simply run again: it was rolled back.
    static let retryableStates: Set<String> = [
        "40001",  // serialization_failure (and CockroachDB's transaction retry errors)
        "40P01",  // deadlock_detected
    ]

    /// The SQLSTATE of a server error, or nil for a client-side one.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// The violated constraint's name, for integrity errors.
    static func constraint(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.constraintName]
    }

    /// Runs `operation`, again after a retryable failure, with a growing random pause so that
    /// the transactions that collided do not collide again.
    ///
    /// - Parameter uniqueConstraint: A unique constraint whose violation also means "run again":
    ///   two appends to one transcript may pick the same next sequence number.
    static func retrying<T>(
        logger: Logger, uniqueConstraint: String? = nil, maximumAttempts: Int = 12,
        _ operation: () async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch {
                let state = sqlState(error)
                let retryable = state.map(retryableStates.contains) == true
                    || (state == "23505" && uniqueConstraint != nil && constraint(error) == uniqueConstraint)
                guard retryable, attempt < maximumAttempts else { throw error }
                logger.debug("retrying transaction", metadata: ["sqlstate": "\(state ?? "")", "attempt": "\(attempt)"])
                let ceiling = min(200, 1 << attempt)
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...ceiling)))
                attempt += 1
            }
        }
    }

    /// A sentence for logs and the CLI: the server's SQLSTATE and message, or the client's
    /// error code, and where the server is (password masked). PostgresNIO's own description
    /// deliberately says nothing, to keep query text out of logs; this keeps row values out too.
    static func describe(_ error: any Error, at configuration: PostgresStoreConfiguration? = nil) -> String {
        let place = configuration.map { " (\($0))" } ?? ""
        if let error = error as? PSQLError {
            if let info = error.serverInfo, let message = info[.message] {
                // Not the server's DETAIL: for a failing row it quotes the row's values, phones
                // and addresses included. The constraint's name says what was violated.
                return "PostgreSQL \(info[.sqlState] ?? "?"): \(message)"
                    + (info[.constraintName].map { " (constraint \($0))" } ?? "") + place
            }
            let cause = error.underlying.map { ": \($0)" } ?? ""
            return "PostgreSQL connection: \(error.code)\(cause)\(place)"
        }
        if let error = error as? PostgresDecodingError {
            return "PostgreSQL value of column \(error.columnName) could not be read: \(error.code)\(place)"
        }
        return "\(error)\(place)"
    }
}
