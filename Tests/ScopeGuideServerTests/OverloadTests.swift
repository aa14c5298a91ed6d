import Foundation
import Testing

/// Requests that cost more CPU than the server will spend, against the real binary: resolution
/// and rendering run on the bounded render pool, so the requests are answered `503` with
/// `Retry-After` at the deadline (or refused at once when the queue is full) while `/healthz`
/// keeps answering.
///
/// What is asserted is the order of events, not their timing (which moves with the machine's
/// load): the pool is saturated (a request finds the queue full), `/healthz` answers, and the pool
/// is still saturated afterwards (another request finds the queue full), so `/healthz` was
/// answered while every render thread was busy. The only bound on time is the deadline's lower
/// one: its timer cannot fire early.
@Suite(.serialized) struct OverloadTests {
    /// 300 any-of actions over 60 scopes, each satisfiable by 3 of them: selecting all 300 asks
    /// for a minimum hitting set, which runs until the engine's search budget is spent (about
    /// two seconds of CPU in a debug build, at the render threads' lower priority).
    static let actions = 300

    @Test("expensive selections: 503 with Retry-After at --request-timeout or at once when the queue is full; /healthz answers meanwhile")
    func expensiveSelections() async throws {
        let folder = try HeavyGuide.folder(actions: Self.actions, scopes: 60, alternatives: 3)
        defer { try? FileManager.default.removeItem(at: folder) }
        // No answer cache: a request whose client was answered 503 still finishes on its thread, and
        // its answer, cached, would serve the next identical request at once, unsaturating the pool.
        let server = try ServerProcess(arguments: ["--guides", folder.path, "--render-threads", "1", "--render-queue", "1", "--request-timeout", "1",
                                                   "--cache-size", "0"])
        let ready = try await server.waitUntilReady()
        try #require(ready, "the server did not start:\n\(server.log)")
        let port = server.port
        let request = "GET \(HeavyGuide.path).json?actions=\(HeavyGuide.allActions(Self.actions)) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        /// Generous: only a server that never answers reaches it.
        let patience = Duration.seconds(30)

        /// One expensive request on a new connection: its response and how long it took.
        @Sendable func expensive() -> (String?, Duration) {
            let start = ContinuousClock.now
            let connection = try? RawConnection(port: port)
            let response = connection.flatMap { $0.send(request) ? $0.blockingReadResponse(timeout: patience) : nil }
            return (response, ContinuousClock.now - start)
        }

        // All on dispatch threads (the test's task may resume late when the rest of the suite
        // keeps Swift's cooperative pool busy). The first request takes the render thread, the
        // second the queue's one place; the third then finds the queue full, which shows the
        // pool saturated. /healthz is probed right after, then a fourth request must find the
        // queue still full: the first request's search still holds the thread (the queued one
        // waits behind it, even after its client was answered at the deadline).
        let (answers, refusedBefore, probes, refusedAfter, allAnswered) = await RawConnection.offCooperativePool {
            let answers = Answers(), group = DispatchGroup()
            for _ in 0..<2 {
                DispatchQueue.global().async(group: group) {
                    let (response, elapsed) = expensive()
                    answers.append(response, after: elapsed)
                }
            }
            // Polled, not slept: the third request goes once the first two are admitted, which
            // it sees as "queue full"; until then it may itself be admitted, so keep trying.
            var refusedBefore: String?
            for _ in 0..<300 where refusedBefore == nil {
                let (response, elapsed) = expensive()
                if let response, response.contains("requests already wait") { refusedBefore = response } else { answers.append(response, after: elapsed) }
                if refusedBefore == nil { usleep(20_000) }
            }
            var probes: [String?] = []
            for _ in 0..<5 {
                let connection = try? RawConnection(port: port)
                probes.append(connection.flatMap { $0.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") ? $0.blockingReadResponse(timeout: patience) : nil })
            }
            let refusedAfter = expensive().0
            let allAnswered = group.wait(timeout: .now() + 60) == .success
            return (answers.all, refusedBefore, probes, refusedAfter, allAnswered)
        }
        let saturated = try #require(refusedBefore, "the render pool never refused a request: it was never saturated")
        #expect(RawConnection.status(of: saturated) == 503)
        #expect(probes.allSatisfy { $0.flatMap(RawConnection.status(of:)) == 200 }, "\(probes)")
        #expect(refusedAfter.map { $0.contains("requests already wait") } == true,
                "after the /healthz probes the pool had room again, so they were not shown to be answered while it was saturated: \(refusedAfter?.prefix(300) ?? "no answer")")
        #expect(allAnswered, "expensive requests still unanswered")
        for response in [saturated, refusedAfter] {
            guard let response else { continue }
            #expect(RawConnection.header("Retry-After", in: response) == "5")
            #expect(RawConnection.header("Content-Security-Policy", in: response) != nil)
        }
        // The two that got the thread and the queue's place: answered at the deadline, which
        // cannot come early.
        let timedOut = answers.filter { $0.0?.contains("within 1000 ms") == true }
        #expect(timedOut.count >= 2, "\(answers.map { $0.0?.prefix(200) ?? "no answer" })")
        for (answer, elapsed) in answers {
            let response = try #require(answer, "an expensive request got no answer")
            #expect(RawConnection.status(of: response) == 503, "\(response.prefix(300))")
            #expect(RawConnection.header("Retry-After", in: response) == "5")
            #expect(RawConnection.header("Content-Security-Policy", in: response) != nil)
            if response.contains("within 1000 ms") {
                #expect(elapsed >= .milliseconds(900), "answered at the deadline after only \(elapsed)")
            }
        }
        #expect(server.stop(within: .seconds(60)) == 0, "SIGTERM did not stop the server while a render thread was busy")
        #expect(server.log.contains("reason=request_timeout"), "\(server.log.suffix(2000))")
        #expect(server.log.contains("reason=render_queue_full"))
    }
}

/// What the threads of ``OverloadTests`` received, and after how long.
final class Answers: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [(String?, Duration)] = []

    func append(_ response: String?, after elapsed: Duration) { lock.withLock { answers.append((response, elapsed)) } }
    var all: [(String?, Duration)] { lock.withLock { answers } }
}
