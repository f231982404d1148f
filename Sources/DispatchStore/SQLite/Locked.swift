import Foundation

/// A value behind a lock.
///
/// An `NSLock` (a pthread mutex) rather than `Synchronization.Mutex`: on Linux,
/// ThreadSanitizer does not see the standard library's futex-based lock and reports every
/// access under it as a race, which would bury real races in `swift test --sanitize=thread`.
package final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    // Only touched inside `withLock`.
    private var value: Value

    package init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with the value, holding the lock.
    package func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
