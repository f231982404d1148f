/// A token bucket per connection: a short burst of lines, then a steady rate.
struct FloodGate {
    private let capacity: Double
    private let rate: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant

    init(burst: Int, perSecond rate: Double, now: ContinuousClock.Instant = .now) {
        capacity = Double(burst)
        self.rate = rate
        tokens = Double(burst)
        last = now
    }

    /// Whether a line arriving at `now` may be handled.
    mutating func admit(at now: ContinuousClock.Instant = .now) -> Bool {
        let elapsed = now - last
        last = now
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(capacity, tokens + seconds * rate)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
