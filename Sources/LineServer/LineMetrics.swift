import Foundation
import Metrics

/// The line server's metrics, made once: looking a metric up by label on every line would
/// go through the metrics factory's lock each time.
struct LineMetrics: Sendable {
    let connections = Counter(label: "minhu_line_connections_total")
    let lines = Counter(label: "minhu_line_lines_total")
    let floodDropped = Counter(label: "minhu_line_flood_dropped_total")
    let slowReadersClosed = Counter(label: "minhu_line_slow_readers_closed_total")
    let turnDuration = Timer(label: "minhu_line_turn_seconds")
    let ticketsCreated = Counter(label: "minhu_tickets_created_total")
    let refused = Counter(label: "minhu_line_refused_total")
    /// Lines by the intent they were classified as, one counter per intent, made on first use.
    private let intents = IntentCounters()

    /// Counts a line classified as `intent`.
    func count(intent: String) { intents.counter(for: intent).increment() }
}

/// One `minhu_intents_total{intent=…}` counter per intent: the nine intents are known only
/// from the catalog, so they are made when first seen, under a lock, and kept.
private final class IntentCounters: @unchecked Sendable {
    private let lock = NSLock()
    private var counters: [String: Counter] = [:]

    func counter(for intent: String) -> Counter {
        lock.lock()
        defer { lock.unlock() }
        if let counter = counters[intent] { return counter }
        let counter = Counter(label: "minhu_intents_total", dimensions: [("intent", intent)])
        counters[intent] = counter
        return counter
    }
}
