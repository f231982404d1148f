import Metrics
import NIOConcurrencyHelpers

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
    /// Lines by the intent they were classified as: one `minhu_intents_total{intent=…}` counter
    /// per intent, made when first seen (the intents come from the catalog) and kept, so that a
    /// line does not build a counter.
    private let intents = NIOLockedValueBox<[String: Counter]>([:])

    /// Counts a line classified as `intent`.
    func count(intent: String) {
        intents.withLockedValue { counters in
            if let counter = counters[intent] { return counter }
            let counter = Counter(label: "minhu_intents_total", dimensions: [("intent", intent)])
            counters[intent] = counter
            return counter
        }.increment()
    }
}
