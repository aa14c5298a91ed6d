import Foundation
import Testing
@testable import ScopeGuideServer

/// The render pool's bounds with work of known cost (sleeps), so the timings are the pool's.
@Suite struct RenderPoolTests {
    struct Boom: Error, Equatable {}

    /// Polls `condition` every 10 ms for at most 5 s.
    static func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<500 {
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

    @Test("work past the deadline is answered deadlinePassed at the deadline, not when it ends")
    func deadline() async throws {
        let pool = RenderPool(threads: 1, queueLimit: 1, deadline: .milliseconds(200), retryAfterSeconds: 7)
        let start = ContinuousClock.now
        await #expect(throws: RequestRefusal.deadlinePassed(.milliseconds(200), retryAfterSeconds: 7)) {
            try await pool.run { usleep(3_000_000) }
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(200) && elapsed < .seconds(2), "answered after \(elapsed), the work takes 3 s")
        // The abandoned work still holds its thread until it ends.
        #expect(pool.load.running == 1)
    }

    @Test("with every thread busy and the queue full, a request is refused at once; queued work whose client gave up is skipped")
    func queueFull() async throws {
        let pool = RenderPool(threads: 1, queueLimit: 1, deadline: .milliseconds(300), retryAfterSeconds: 5)
        let ran = LockedCounter()
        // The running job holds its thread until the test opens the gate (10 s at most).
        let gate = DispatchSemaphore(value: 0)
        let busy = Task { try await pool.run { _ = gate.wait(timeout: .now() + 10) } }
        #expect(try await Self.eventually { pool.load.running == 1 })
        let queued = Task { try await pool.run { ran.increment() } }
        #expect(try await Self.eventually { pool.load.waiting == 1 })
        let start = ContinuousClock.now
        await #expect(throws: RequestRefusal.renderQueueFull(limit: 1, retryAfterSeconds: 5)) { try await pool.run { ran.increment() } }
        #expect(ContinuousClock.now - start < .milliseconds(100))
        await #expect(throws: RequestRefusal.self) { try await busy.value }
        await #expect(throws: RequestRefusal.self) { try await queued.value }
        gate.signal()
        #expect(try await Self.eventually { pool.load == (0, 0) })
        #expect(ran.value == 0, "work queued past its deadline ran anyway")
    }

    @Test("no more than `threads` jobs run at once")
    func concurrency() async throws {
        let pool = RenderPool(threads: 2, queueLimit: 20, deadline: .seconds(10), retryAfterSeconds: 5)
        let running = LockedCounter(), peak = LockedCounter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await pool.run {
                        peak.raise(to: running.increment())
                        usleep(50_000)
                        running.decrement()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(peak.value == 2)
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
