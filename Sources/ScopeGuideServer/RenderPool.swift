import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// Runs a guide request's validation, resolution and rendering off the event loops and off
/// Swift's cooperative pool, at most ``threads`` at a time, each request waiting at most
/// ``deadline``.
///
/// A selection can cost seconds of CPU (minimum scope search is NP-hard), validating a long query
/// against a large connector costs CPU too (suggestions for unknown names), and the engine's calls
/// are synchronous, so running them in a request's task would hold one of the few cooperative
/// threads and stall every other request, `/healthz` included. Here they run on threads of their
/// own, no more than ``threads`` at once and at a lower priority than the rest of the process;
/// at most ``queueLimit`` more wait, and beyond that a request is refused at once
/// (``RequestRefusal/renderQueueFull``). A request whose work has not finished by its deadline
/// is answered ``RequestRefusal/deadlinePassed``; work that has not started by then is dropped,
/// and work already running finishes on its thread (the engine cannot be interrupted) and still
/// counts against the limits until it does, so abandoned work cannot pile up.
final class RenderPool: Sendable {
    let threads: Int
    let queueLimit: Int
    let deadline: Duration
    let retryAfterSeconds: Int

    private struct State {
        var running = 0
        var waiting: [@Sendable () -> Void] = []
    }
    private let state = NIOLockedValueBox(State())

    /// Where the deadlines' timers run: they only resume a continuation.
    private let timers: any EventLoopGroup

    init(threads: Int, queueLimit: Int, deadline: Duration, retryAfterSeconds: Int, timers: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.timers = timers
        self.threads = max(1, threads)
        self.queueLimit = max(0, queueLimit)
        self.deadline = deadline
        self.retryAfterSeconds = retryAfterSeconds
    }

    convenience init(limits: ServerLimits) {
        self.init(threads: limits.renderThreads, queueLimit: limits.renderQueue, deadline: limits.requestTimeout,
                  retryAfterSeconds: limits.retryAfterSeconds)
    }

    /// Requests running or waiting now.
    var load: (running: Int, waiting: Int) { state.withLockedValue { ($0.running, $0.waiting.count) } }

    /// `work`'s result, computed on a render thread.
    /// - Throws: ``RequestRefusal/renderQueueFull`` or ``RequestRefusal/deadlinePassed``, or what
    ///   `work` throws.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let answer = Answer<T>()
        return try await withCheckedThrowingContinuation { continuation in
            answer.wait(continuation)
            let job: @Sendable () -> Void = {
                // Its client was already answered 503: skip the work rather than do it for nobody.
                guard !answer.isSettled else { return }
                answer.settle(Result { try work() })
            }
            guard admit(job) else {
                answer.settle(.failure(RequestRefusal.renderQueueFull(limit: queueLimit, retryAfterSeconds: retryAfterSeconds)))
                return
            }
            let refusal = RequestRefusal.deadlinePassed(deadline, retryAfterSeconds: retryAfterSeconds)
            answer.setTimer(timers.next().scheduleTask(in: TimeAmount(deadline)) { answer.settle(.failure(refusal)) })
        }
    }

    /// Starts `job` now when a thread is free, or queues it when the queue has room.
    private func admit(_ job: @escaping @Sendable () -> Void) -> Bool {
        let startNow: Bool? = state.withLockedValue { state in
            if state.running < threads {
                state.running += 1
                return true
            }
            guard state.waiting.count < queueLimit else { return nil }
            state.waiting.append(job)
            return false
        }
        guard let startNow else { return false }
        if startNow { start(job) }
        return true
    }

    /// Runs `job`, then each queued job in turn, on a thread of its own that ends when the queue
    /// is empty: at most ``threads`` jobs ever run at once, and an idle server (or a test's
    /// throwaway application) keeps no threads. A thread costs tens of microseconds to start,
    /// far below a render.
    private func start(_ job: @escaping @Sendable () -> Void) {
        let thread = Thread {
            Self.lowerPriority()
            var next: (@Sendable () -> Void)? = job
            while let current = next {
                current()
                next = self.state.withLockedValue { state in
                    guard !state.waiting.isEmpty else {
                        state.running -= 1
                        return nil
                    }
                    return state.waiting.removeFirst()
                }
            }
        }
        thread.name = "scopeguide-render"
        thread.start()
    }

    /// Lowers the calling thread's scheduling priority (nice +10 on Linux): when every render
    /// thread is busy the event loops, and with them `/healthz`, still get the CPU first.
    private static func lowerPriority() {
        #if os(Linux)
        // Linux keeps the nice value per thread, and `who` 0 is the calling thread.
        errno = 0
        let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        guard errno == 0 else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, min(19, current + 10))
        #endif
    }
}

/// A continuation resumed exactly once, by whichever comes first: the work or the deadline.
private final class Answer<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var timer: Scheduled<Void>?
        var settled = false
    }
    private let state = NIOLockedValueBox(State())

    var isSettled: Bool { state.withLockedValue(\.settled) }

    func wait(_ continuation: CheckedContinuation<T, any Error>) {
        state.withLockedValue { $0.continuation = continuation }
    }

    /// The deadline's timer, cancelled when the work settles first (or at once if it already has).
    func setTimer(_ timer: Scheduled<Void>) {
        let settled = state.withLockedValue { state in
            if !state.settled { state.timer = timer }
            return state.settled
        }
        if settled { timer.cancel() }
    }

    func settle(_ result: Result<T, any Error>) {
        let settled: (CheckedContinuation<T, any Error>?, Scheduled<Void>?)? = state.withLockedValue { state in
            guard !state.settled else { return nil }
            state.settled = true
            defer { (state.continuation, state.timer) = (nil, nil) }
            return (state.continuation, state.timer)
        }
        guard let (continuation, timer) = settled else { return }
        timer?.cancel()
        continuation?.resume(with: result)
    }
}
