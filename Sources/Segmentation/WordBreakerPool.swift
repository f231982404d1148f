internal import CICU
import Synchronization

/// ICU word-break iterators for any number of threads.
///
/// An ICU iterator is not thread-safe and opening one loads rules and dictionaries, so a
/// template is opened once and cheap clones are lent out, one per concurrent caller.
final class WordBreakerPool: Sendable {
    /// An iterator owned by exactly one borrower at a time.
    final class Breaker: @unchecked Sendable {
        let pointer: OpaquePointer
        init(_ pointer: OpaquePointer) { self.pointer = pointer }
        deinit { minhu_word_breaker_close(pointer) }
    }

    private let template: Breaker
    private let idle = Mutex<[Breaker]>([])

    init(locale: String) throws {
        var error: Int32 = 0
        guard let pointer = minhu_word_breaker_open(locale, &error) else {
            throw SegmentationError.icuFailure(operation: "ubrk_open", code: error)
        }
        template = Breaker(pointer)
    }

    /// Runs `body` with an iterator no one else is using.
    func withBreaker<Result>(_ body: (OpaquePointer) -> Result) -> Result {
        let breaker = idle.withLock { $0.popLast() } ?? clone()
        defer { idle.withLock { $0.append(breaker) } }
        return body(breaker.pointer)
    }

    private func clone() -> Breaker {
        var error: Int32 = 0
        // Cloning a template that opened fine only fails when memory runs out.
        guard let pointer = minhu_word_breaker_clone(template.pointer, &error) else {
            fatalError("ubrk_clone failed with UErrorCode \(error)")
        }
        return Breaker(pointer)
    }
}
