import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar redrawn in place on standard error, drawn only when standard error is
/// a terminal so that logs and pipes never fill with carriage returns.
final class ProgressBar {
    /// The label before the bar.
    private let label: String
    /// Whether anything is drawn at all.
    let isVisible: Bool
    /// The expected total; the bar stays at 100% if more arrives meanwhile.
    private var total: Int
    /// When the bar was last drawn, to redraw at most ten times a second.
    private var lastDrawn: ContinuousClock.Instant?
    /// When the bar was created, for the rate.
    private let started = ContinuousClock.now

    /// Creates a bar for `total` items.
    ///
    /// - Parameter isVisible: Whether to draw; by default, whether standard error is a terminal.
    init(label: String, total: Int, isVisible: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.total = max(total, 1)
        self.isVisible = isVisible
    }

    /// Sets the expected total once it is known (it may take a query).
    func update(total: Int) {
        self.total = max(total, 1)
    }

    /// Redraws the bar for `done` items (throttled).
    func update(done: Int) {
        guard isVisible else { return }
        let now = ContinuousClock.now
        if let lastDrawn, now - lastDrawn < .milliseconds(100) { return }
        lastDrawn = now
        draw(done: done)
    }

    /// Draws the final state and moves to the next line.
    func finish(done: Int) {
        guard isVisible else { return }
        total = max(total, done)
        draw(done: done)
        FileHandle.standardError.write(Data("\n".utf8))
    }

    /// Draws the bar, the percentage, the count and the rate over the previous line.
    private func draw(done: Int) {
        let fraction = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let seconds = (ContinuousClock.now - started).seconds
        let rate = seconds > 0 ? Int(Double(done) / seconds) : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\r\(label) \(bar) \(Int(fraction * 100))%  \(done)/\(total)  \(rate)/s\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
