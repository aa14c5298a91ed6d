import Foundation

/// The progress line of a long `build`, on standard error: guides done of the total and the rate.
///
/// On a terminal it is one line redrawn in place (at most ten times a second); elsewhere (when
/// asked with `--progress`) a new line at most once a second, so CI logs stay short. The final
/// state is always printed when the build finishes.
final class ProgressMeter: @unchecked Sendable {
    let isEnabled: Bool
    private let isTerminal: Bool
    private let start = ContinuousClock.now
    private let lock = NSLock()
    private var lastPrinted: ContinuousClock.Instant?
    private var latest: (done: Int, total: Int)?
    private var printedLatest = true
    private var finished = false

    init(enabled: Bool, isTerminal: Bool) {
        isEnabled = enabled
        self.isTerminal = isTerminal
    }

    /// Called from the build's workers as each guide is done.
    func update(done: Int, of total: Int) {
        lock.withLock {
            latest = (done, total)
            printedLatest = false
            let now = ContinuousClock.now
            let interval: Duration = isTerminal ? .milliseconds(100) : .seconds(1)
            if let lastPrinted, now - lastPrinted < interval, done < total { return }
            lastPrinted = now
            printLatest()
        }
    }

    /// Prints the last state if it was not printed, and ends the terminal line; once.
    func finish() {
        guard isEnabled else { return }
        lock.withLock {
            guard !finished else { return }
            finished = true
            if !printedLatest { printLatest() }
            if isTerminal, latest != nil { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }

    private func printLatest() {
        guard let latest else { return }
        printedLatest = true
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(latest.done) / seconds : 0
        let text = "built \(latest.done)/\(latest.total) guides, \(String(format: "%.0f", rate)) guides/s"
        FileHandle.standardError.write(Data((isTerminal ? "\r\u{1B}[K" + text : text + "\n").utf8))
    }
}
