import Metrics

/// The line server's metrics, made once: looking a metric up by label on every line would
/// go through the metrics factory's lock each time.
struct LineMetrics: Sendable {
    let connections = Counter(label: "minhu_line_connections_total")
    let lines = Counter(label: "minhu_line_lines_total")
    let floodDropped = Counter(label: "minhu_line_flood_dropped_total")
    let slowReadersClosed = Counter(label: "minhu_line_slow_readers_closed_total")
    let turnDuration = Timer(label: "minhu_line_turn_seconds")
}
