import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import ScopeGuide
import Testing
@testable import ScopeGuideServer

/// Reading a guide URL into a request (the connector and guide lookups, the selection, the
/// `granted=`/`without=` scopes and the variables) runs on the ``RenderPool``, under its
/// concurrency limit and its deadline, like resolution and rendering.
///
/// Validation costs CPU that grows with the catalogue: every unknown name is compared with every
/// defined one for "did you mean" suggestions. Done in the request's task before the pool, eight
/// requests of 7.9 KB against a 1,000-scope connector held Swift's cooperative pool and kept
/// `/healthz` waiting for 5.4 s, with no deadline or limit applying to them.
///
/// Since the answer cache, a request whose estimated work is small (``WorkEstimate``, at most
/// ``ServerLimits/inlineWork``) is validated on its own task instead; these tests set
/// `inlineWork` to 0 so that every request takes the pool, and ``smallWorkInline`` checks both sides
/// of the estimate with the default.
///
/// The pool's one thread is held by a job waiting at a gate the test opens, so whether a request
/// waits for the pool shows in its answer (`503` from the pool instead of the validation's own
/// `400`/`404`), never in a time measured.
@Suite struct ValidationInPoolTests {
    /// Unknown scopes, an unknown action, an unknown connector and a bad variable: each is
    /// answered by validation alone (no resolution), with the status validation gives it.
    static let invalidRequests: [(path: String, status: HTTPResponse.Status)] = [
        (ServerFixtures.frontPath + ".json?granted=tags:reed,convresations:read&without=tgas:read", .badRequest),
        (ServerFixtures.frontPath + "?actions=front_no_such_action", .badRequest),
        ("/connectors/frnot/guides/link-account/api-token.md", .notFound),
        ("/connectors/demo/guides/link-account/key.md?var.subdomain=Not%20Valid", .badRequest),
    ]

    /// The router `serve` builds, over `pool`, logging into `handler`.
    static func app(pool: RenderPool, log handler: InMemoryLogHandler, inlineWork: Int = 0) -> some ApplicationProtocol {
        var logger = Logger(label: "test") { _ in handler }
        logger.logLevel = .info
        let router = buildRouter(library: GuideLibrary(.init(catalog: ServerFixtures.catalog)), base: .fixed(ServerFixtures.fallbackBase),
                                 logger: logger, limits: ServerLimits(inlineWork: inlineWork), pool: pool)
        return Application(router: router, logger: logger)
    }

    /// Holds the pool's only thread until the returned gate is signalled.
    static func occupy(_ pool: RenderPool) async throws -> (gate: DispatchSemaphore, job: Task<Void, any Error>) {
        let gate = DispatchSemaphore(value: 0)
        let job = Task { try await pool.run { _ = gate.wait(timeout: .now() + 120) } }
        #expect(try await RenderPoolTests.eventually { pool.load.running == 1 }, "the gated job never started")
        return (gate, job)
    }

    @Test("with the render thread busy and no queue, an invalid guide request is refused 503 like any other: its validation needs the pool",
          arguments: invalidRequests.map(\.path))
    func queueFull(path: String) async throws {
        let pool = RenderPool(threads: 1, queueLimit: 0, deadline: .seconds(120), retryAfterSeconds: 9)
        let (gate, job) = try await Self.occupy(pool)
        defer { gate.signal() }
        let handler = InMemoryLogHandler()
        try await Self.app(pool: pool, log: handler).test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .serviceUnavailable, "\(response.text.prefix(400))")
                #expect(response.headers[.retryAfter] == "9")
            }
        }
        #expect(handler.entries.contains { "\($0)".contains("render_queue_full") })
        gate.signal()
        try await job.value
    }

    @Test("an invalid guide request waiting for the busy render thread is answered 503 at the pool's deadline, not validated meanwhile",
          arguments: invalidRequests.map(\.path))
    func deadline(path: String) async throws {
        // A short deadline only ends the wait sooner; the answer does not depend on its length.
        let pool = RenderPool(threads: 1, queueLimit: 1, deadline: .milliseconds(100), retryAfterSeconds: 9)
        let (gate, job) = try await Self.occupy(pool)
        defer { gate.signal() }
        let handler = InMemoryLogHandler()
        try await Self.app(pool: pool, log: handler).test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .serviceUnavailable, "\(response.text.prefix(400))")
                #expect(response.text.contains("within 100 ms"))
            }
        }
        #expect(handler.entries.contains { "\($0)".contains("request_timeout") })
        gate.signal()
        // The gated job's own client is answered at its deadline or with its result: not this test's subject.
        _ = try? await job.value
        #expect(try await RenderPoolTests.eventually { pool.load == (0, 0) })
    }

    @Test("with the render thread free the same requests get validation's own answers, suggestions included")
    func answersKept() async throws {
        let pool = RenderPool(threads: 1, queueLimit: 0, deadline: .seconds(120), retryAfterSeconds: 9)
        try await Self.app(pool: pool, log: InMemoryLogHandler()).test(.router) { client in
            for (path, status) in Self.invalidRequests {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == status, "\(path): \(response.text.prefix(400))")
            }
            let scopes = try await client.execute(uri: Self.invalidRequests[0].path, method: .get)
            let expected = try #require(Self.engineError(for: Self.invalidRequests[0].path))
            #expect(scopes.text.contains(Self.jsonEscaped(expected.description)), "\(scopes.text)")
            #expect(scopes.text.contains("tags:read"), "the did-you-mean suggestion is kept")
        }
        #expect(try await RenderPoolTests.eventually { pool.load == (0, 0) })
    }

    @Test("with the default inline work, small requests are validated on their own task while the pool is full; large ones still wait for it")
    func smallWorkInline() async throws {
        let pool = RenderPool(threads: 1, queueLimit: 0, deadline: .seconds(120), retryAfterSeconds: 9)
        let (gate, job) = try await Self.occupy(pool)
        defer { gate.signal() }
        try await Self.app(pool: pool, log: InMemoryLogHandler(), inlineWork: ServerLimits.defaultInlineWork).test(.router) { client in
            for (path, status) in Self.invalidRequests {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == status, "\(path): \(response.text.prefix(400))")
            }
            let valid = try await client.execute(uri: ServerFixtures.frontPath + ".md?actions=front_send_message", method: .get)
            #expect(valid.status == .ok)
            // 60 names against Front's 52 actions and its scopes: over the estimate, so it needs the (full) pool.
            let many = (0..<60).map { "front_nope\($0)" }.joined(separator: ",")
            let large = try await client.execute(uri: ServerFixtures.frontPath + "?actions=" + many, method: .get)
            #expect(large.status == .serviceUnavailable, "\(large.text.prefix(400))")
        }
        gate.signal()
        try await job.value
    }

    /// The engine's own error for the guide URL at `path`, as `scopeguide render` reports it.
    static func engineError(for path: String) -> GuideURLError? {
        do {
            _ = try GuideRequest(parsing: ServerFixtures.fallbackBase + path.replacingOccurrences(of: ".json?", with: "?"), in: ServerFixtures.catalog)
            return nil
        } catch {
            return error
        }
    }

    /// `text` as the error JSON encodes it (`<`, `>` and `&` escaped, `/` not).
    static func jsonEscaped(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data()
        return String(decoding: data, as: UTF8.self).dropFirst().dropLast().replacingOccurrences(of: "\\/", with: "/")
            .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}
