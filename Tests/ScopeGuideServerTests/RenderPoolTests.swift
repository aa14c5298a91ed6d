import Foundation
import Testing
@testable import ScopeGuideServer

/// The render pool's bounds with work of known cost (sleeps), so the timings are the pool's.
@Suite struct RenderPoolTests {
    struct Boom: Error, Equatable {}

    /// Polls `condition` every 10 ms for at most 30 s: a generous bound, so that a busy machine
    /// only makes the wait longer, never fails it.
    static func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<3000 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    @Test("work that finishes in time returns its value; its errors pass through")
    func inTime() async throws {
        let pool = RenderPool(threads: 2, queueLimit: 2, deadline: .seconds(5), retryAfterSeconds: 5)
        #expect(try await pool.run { 6 * 7 } == 42)
        await #expect(throws: Boom.self) { try await pool.run { throw Boom() } }
        #expect(try await Self.eventually { pool.load == (0, 0) })
    }

    // The work below waits at a gate the test opens, so what the pool answered is checked by
    // its kind and by whether the work was still running, never by wall-clock time: the test's
    // task may resume late when the rest of the suite keeps Swift's cooperative pool busy.

    @Test("work past the deadline is answered deadlinePassed while it still runs, and keeps its thread until it ends")
    func deadline() async throws {
        // The pool drops work that has not started by its deadline (as it should), and on a
        // loaded machine its thread may not start the work within 200 ms; the property needs
        // the work running, so an attempt whose work never started is checked for that and
        // tried again with a longer deadline.
        for deadline in [Duration.milliseconds(200), .seconds(2), .seconds(10)] {
            let pool = RenderPool(threads: 1, queueLimit: 1, deadline: deadline, retryAfterSeconds: 7)
            let gate = DispatchSemaphore(value: 0), started = LockedCounter(), finished = LockedCounter()
            let start = ContinuousClock.now
            await #expect(throws: RequestRefusal.deadlinePassed(deadline, retryAfterSeconds: 7)) {
                try await pool.run {
                    started.increment()
                    // A safety net only (the test opens the gate): long enough that this test's
                    // task, resuming late while the suite's blocking CLI tests hold the cooperative
                    // threads (141-169 s seen under load), still finds the work running.
                    _ = gate.wait(timeout: .now() + 600)
                    finished.increment()
                }
            }
            // A lower bound only: the deadline's timer cannot fire early, but it may fire late.
            #expect(ContinuousClock.now - start >= deadline)
            guard started.value == 1 else {
                // Not started by the deadline: the pool drops it. (Read before the gate opens; a
                // start racing the read is let through, and the attempt is not counted.)
                gate.signal()
                #expect(try await Self.eventually { pool.load == (0, 0) })
                #expect(finished.value == started.value, "work ran past the gate's count")
                continue
            }
            #expect(finished.value == 0, "the pool waited for the work instead of answering at the deadline")
            #expect(pool.load.running == 1, "abandoned work must still count until it ends")
            gate.signal()
            #expect(try await Self.eventually { pool.load == (0, 0) })
            #expect(finished.value == 1)
            return
        }
        Issue.record("the pool's thread never started the work before its deadline, even with 10 s")
    }

    @Test("with every thread busy and the queue full, a request is refused at once; queued work whose client gave up is skipped")
    func queueFull() async throws {
        let pool = RenderPool(threads: 1, queueLimit: 1, deadline: .milliseconds(300), retryAfterSeconds: 5)
        let ran = LockedCounter()
        let gate = DispatchSemaphore(value: 0)
        let busy = Task { try await pool.run { _ = gate.wait(timeout: .now() + 120) } }
        #expect(try await Self.eventually { pool.load.running == 1 })
        let queued = Task { try await pool.run { ran.increment() } }
        #expect(try await Self.eventually { pool.load.waiting == 1 })
        await #expect(throws: RequestRefusal.renderQueueFull(limit: 1, retryAfterSeconds: 5)) { try await pool.run { ran.increment() } }
        await #expect(throws: RequestRefusal.deadlinePassed(.milliseconds(300), retryAfterSeconds: 5)) { try await busy.value }
        await #expect(throws: RequestRefusal.deadlinePassed(.milliseconds(300), retryAfterSeconds: 5)) { try await queued.value }
        gate.signal()
        #expect(try await Self.eventually { pool.load == (0, 0) })
        #expect(ran.value == 0, "work queued past its deadline ran anyway")
    }

    @Test("no more than `threads` jobs run at once; the rest wait in the queue")
    func concurrency() async throws {
        let pool = RenderPool(threads: 2, queueLimit: 20, deadline: .seconds(120), retryAfterSeconds: 5)
        let gate = DispatchSemaphore(value: 0)
        let running = LockedCounter(), peak = LockedCounter()
        let jobs = (0..<8).map { _ in
            Task {
                try await pool.run {
                    peak.raise(to: running.increment())
                    _ = gate.wait(timeout: .now() + 120)
                    running.decrement()
                }
            }
        }
        // Both threads inside their job (not just admitted), the other six queued.
        #expect(try await Self.eventually { running.value == 2 && pool.load == (2, 6) })
        for _ in 0..<8 { gate.signal() }
        for job in jobs { try await job.value }
        #expect(peak.value == 2)
        #expect(try await Self.eventually { pool.load == (0, 0) })
    }
}

/// A counter shared with render threads.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }
    @discardableResult func increment() -> Int { lock.withLock { count += 1; return count } }
    func decrement() { lock.withLock { count -= 1 } }
    func raise(to candidate: Int) { lock.withLock { count = max(count, candidate) } }
}
