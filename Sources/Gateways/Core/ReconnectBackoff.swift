/// Delays between reconnection attempts: 1 s, then × 1.75 each failure, capped at 10 minutes,
/// each drawn with jitter so that many bots cut off together do not come back together.
public struct ReconnectBackoff: Sendable {
    /// The first delay.
    public var initial: Duration = .seconds(1)
    /// The growth per failed attempt.
    public var multiplier = 1.75
    /// The longest delay.
    public var maximum: Duration = .seconds(600)
    /// The share of each delay that is random: 0.2 draws from 80 % to 100 % of it.
    public var jitter = 0.2

    private var failures = 0

    /// Creates a backoff with the defaults above.
    public init() {}

    /// The delay before the next attempt; each call counts one more failure.
    public mutating func nextDelay<G: RandomNumberGenerator>(using generator: inout G) -> Duration {
        let base = min(seconds(initial) * pow(multiplier, failures), seconds(maximum))
        failures += 1
        let factor = 1 - jitter * Double.random(in: 0...1, using: &generator)
        return .milliseconds(Int64((base * factor * 1000).rounded()))
    }

    /// The delay before the next attempt, with the system's random numbers.
    public mutating func nextDelay() -> Duration {
        var generator = SystemRandomNumberGenerator()
        return nextDelay(using: &generator)
    }

    /// Starts again from the first delay (after a link that worked).
    public mutating func reset() { failures = 0 }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func pow(_ base: Double, _ exponent: Int) -> Double {
        // Past ~12 failures the cap applies anyway; stop multiplying before overflow matters.
        (0..<min(exponent, 64)).reduce(1.0) { product, _ in product * base }
    }
}
