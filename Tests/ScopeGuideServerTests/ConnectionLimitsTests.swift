import Foundation
import Testing

/// Slow, idle, HTTP/1.0 and malformed clients against the real binary on a real socket, with
/// timeouts of about a second so the suite stays fast.
///
/// The assertions are what each mechanism guarantees whatever the machine's load: which
/// connection closes, in which order, and the reason the log gives; and, for a timer, a lower
/// bound (it cannot fire early). Never an upper bound on time: on a busy machine a timer fires
/// late and a client thread wakes late, so every wait for a close is a generous polling limit
/// (30 s) that only a server which never closes reaches.
@Suite(.serialized) struct ConnectionLimitsTests {
    /// `serve` with `arguments`, ready, or the test stops with its log.
    static func server(_ arguments: [String]) async throws -> ServerProcess {
        let server = try ServerProcess(arguments: arguments)
        let ready = try await server.waitUntilReady()
        try #require(ready, "the server did not start:\n\(server.log)")
        return server
    }

    /// How long a test waits for a close it expects: far beyond every timeout the tests set, so
    /// only a server that never closes reaches it.
    static let patience = Duration.seconds(30)

    /// Below a timer's length by this much still counts as "not early": clocks are read on
    /// either side of the socket, a little apart.
    static let slack = Duration.milliseconds(100)

    /// How many lines of the server's log name `reason`.
    static func count(_ reason: String, in log: String) -> Int {
        log.split(separator: "\n").filter { $0.contains("reason=\(reason)") }.count
    }

    // Each client's steps run together on one dispatch thread and time themselves there: the
    // test's own task may resume late when the rest of the suite keeps Swift's cooperative pool
    // busy, which must not count as the server's time.

    @Test("a request sent a header line at a time is closed by --header-timeout, however busy it keeps the connection, and logged")
    func slowHeaders() async throws {
        // The idle timeout is far beyond the test's patience: only the header timeout can close.
        let server = try await Self.server(["--header-timeout", "1", "--idle-timeout", "600"])
        let port = server.port, patience = Self.patience
        let (closed, elapsed) = await RawConnection.offCooperativePool { () -> (Bool?, Duration) in
            // Taken before connecting, so it precedes the server's timer.
            let start = ContinuousClock.now
            guard let connection = try? RawConnection(port: port) else { return (nil, .zero) }
            connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            // A slowloris: a new header line every 200 ms, never the blank line.
            var line = 0
            while ContinuousClock.now - start < patience {
                if connection.blockingReadUntilClosed(timeout: .milliseconds(200)).closed || !connection.send("X-Slow-\(line): 1\r\n") {
                    return (true, ContinuousClock.now - start)
                }
                line += 1
            }
            return (false, ContinuousClock.now - start)
        }
        #expect(closed == true, "the half-sent request was still open after \(elapsed) (nil: no connection)")
        #expect(elapsed >= .seconds(1) - Self.slack, "closed after \(elapsed), before the header timeout")
        #expect(server.stop() == 0)
        #expect(Self.count("request_header_timeout", in: server.log) == 1, "\(server.log)")
    }

    @Test("a connection that sends nothing is closed by --header-timeout, and logged")
    func silentConnection() async throws {
        let server = try await Self.server(["--header-timeout", "1", "--idle-timeout", "600"])
        let port = server.port, patience = Self.patience
        let (closed, elapsed) = await RawConnection.offCooperativePool { () -> (Bool?, Duration) in
            let start = ContinuousClock.now
            guard let connection = try? RawConnection(port: port) else { return (nil, .zero) }
            return (connection.blockingReadUntilClosed(timeout: patience).closed, ContinuousClock.now - start)
        }
        #expect(closed == true, "the silent connection was still open after \(elapsed) (nil: no connection)")
        #expect(elapsed >= .seconds(1) - Self.slack, "closed after \(elapsed), before the header timeout")
        #expect(server.stop() == 0)
        #expect(Self.count("request_header_timeout", in: server.log) == 1, "\(server.log)")
    }

    @Test("a kept-alive connection is closed by --idle-timeout, not the header timeout; a half-sent second request by the header timeout, first")
    func keepAlive() async throws {
        // Five seconds between the two timeouts: the half-sent request, started first, closes
        // first by the timers alone; the idle one must outlast the header timeout by far.
        let server = try await Self.server(["--header-timeout", "1", "--idle-timeout", "6"])
        let port = server.port, patience = Self.patience
        let request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        // Connected, answered, then half of a second request (its header timer starts when it
        // arrives). Connected on the same thread that sends at once: a connection's first
        // request has the header timeout too.
        let (slowConnection, slowFirst, slowStart) = await RawConnection.offCooperativePool { () -> (RawConnection?, String?, ContinuousClock.Instant) in
            guard let slow = try? RawConnection(port: port) else { return (nil, nil, .now) }
            slow.send(request)
            let response = slow.blockingReadResponse(timeout: patience)
            let start = ContinuousClock.now
            slow.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            return (slow, response, start)
        }
        let slow = try #require(slowConnection, "no connection")
        // Then another connection is opened, answered and left idle. Its clock starts before it sends: the server's
        // idle timer counts from the request at the earliest.
        async let idleOutcome = RawConnection.offCooperativePool { () -> (String?, Bool, ContinuousClock.Instant, Duration) in
            let start = ContinuousClock.now
            guard let idle = try? RawConnection(port: port) else { return (nil, false, .now, .zero) }
            idle.send(request)
            let response = idle.blockingReadResponse(timeout: patience)
            let closed = idle.blockingReadUntilClosed(timeout: patience).closed
            return (response, closed, ContinuousClock.now, ContinuousClock.now - start)
        }
        async let slowOutcome = RawConnection.offCooperativePool {
            let closed = slow.blockingReadUntilClosed(timeout: patience).closed
            return (closed, ContinuousClock.now, ContinuousClock.now - slowStart)
        }
        let (idleFirst, idleClosed, idleClosedAt, idleElapsed) = await idleOutcome
        let (slowClosed, slowClosedAt, slowElapsed) = await slowOutcome
        #expect(slowFirst.flatMap(RawConnection.status(of:)) == 200)
        #expect(idleFirst.flatMap(RawConnection.status(of:)) == 200)
        #expect(slowClosed, "the half-sent second request was still open after \(slowElapsed)")
        #expect(idleClosed, "the idle connection was still open after \(idleElapsed)")
        #expect(slowClosedAt < idleClosedAt, "the idle connection closed before the half-sent request")
        #expect(slowElapsed >= .seconds(1) - Self.slack, "the half-sent request closed after \(slowElapsed), before the header timeout")
        #expect(idleElapsed >= .seconds(6) - Self.slack, "the idle connection closed after \(idleElapsed), before the idle timeout")
        #expect(server.stop() == 0)
        // One header timeout: the half-sent request's. The idle connection's close is the idle timeout's.
        #expect(Self.count("request_header_timeout", in: server.log) == 1, "\(server.log)")
    }

    @Test("HTTP/1.0 without keep-alive, and Connection: Close, are closed after the response", arguments: [
        "GET /healthz HTTP/1.0\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Close\r\n\r\n",
    ])
    func closesAfterResponse(request: String) async throws {
        let server = try await Self.server([])
        let connection = try RawConnection(port: server.port)
        connection.send(request)
        let (text, closed) = await connection.readUntilClosed(timeout: Self.patience)
        #expect(closed, "still open 30 s after the request: \(text)")
        #expect(RawConnection.status(of: text) == 200)
        #expect(text.hasSuffix("\r\n\r\nok\n"))
        #expect(RawConnection.header("Connection", in: text)?.lowercased() == "close")
    }

    @Test("HTTP/1.0 with keep-alive stays open for the next request")
    func keepAliveHTTP10() async throws {
        let server = try await Self.server([])
        let connection = try RawConnection(port: server.port)
        for _ in 0..<2 {
            connection.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let response = try #require(await connection.readResponse(timeout: Self.patience))
            #expect(RawConnection.status(of: response) == 200)
        }
    }

    @Test("--max-connections: at the cap the connection waiting longest for a request makes room for a newcomer, and the log says so")
    func connectionCap() async throws {
        let server = try await Self.server(["--max-connections", "2", "--header-timeout", "30", "--idle-timeout", "30"])
        let port = server.port, patience = Self.patience
        let (oldestClosed, youngerClosed, answer) = await RawConnection.offCooperativePool { () -> (Bool, Bool, String?) in
            // The oldest never sends a request (before the cap made room, such clients held it
            // for good). The younger is answered, and waits for its next request from then on:
            // a whole round trip and half a second after the oldest connected, which is what
            // makes it the younger of the two waiting connections.
            guard let oldest = try? RawConnection(port: port) else { return (false, false, nil) }
            usleep(500_000)
            guard let younger = try? RawConnection(port: port),
                  younger.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), younger.blockingReadResponse(timeout: patience) != nil
            else { return (false, false, nil) }
            let answer = (try? RawConnection(port: port)).flatMap {
                $0.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") ? $0.blockingReadResponse(timeout: patience) : nil
            }
            // The oldest was closed when the newcomer was accepted, before its answer: a long
            // wait only bounds a server that never closes it. The younger must still be open.
            return (oldest.blockingReadUntilClosed(timeout: patience).closed, younger.blockingReadUntilClosed(timeout: .milliseconds(300)).closed, answer)
        }
        #expect(answer.flatMap(RawConnection.status(of:)) == 200, "the newcomer was not answered at the cap")
        #expect(oldestClosed, "the connection waiting longest was not closed to make room")
        #expect(!youngerClosed)
        #expect(server.stop() == 0)
        #expect(server.log.contains("connection limit reached"), "\(server.log)")
        #expect(server.log.contains("limit=2"))
        #expect(Self.count("connection_limit_eviction", in: server.log) == 1, "\(server.log)")
    }

    @Test("a request the HTTP parser rejects is 400 with the security headers")
    func parserError() async throws {
        let server = try await Self.server([])
        let connection = try RawConnection(port: server.port)
        connection.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n")
        let (text, _) = await connection.readUntilClosed(timeout: Self.patience)
        #expect(RawConnection.status(of: text) == 400, "\(text)")
        #expect(RawConnection.header("Content-Security-Policy", in: text)?.contains("default-src 'none'") == true, "\(text)")
        #expect(RawConnection.header("X-Content-Type-Options", in: text) == "nosniff")
        #expect(RawConnection.header("X-Frame-Options", in: text) == "DENY")
    }

    @Test("a path with empty segments redirects to the canonical guide URL, query kept; /\\host does not redirect")
    func emptySegments() async throws {
        let server = try await Self.server([])
        let query = "?actions=front_send_message"
        for path in ["//connectors/front/guides/link-account/api-token", "/connectors//front/guides/link-account/api-token/"] {
            let connection = try RawConnection(port: server.port)
            connection.send("GET \(path)\(query) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let response = try #require(await connection.readResponse(timeout: Self.patience))
            #expect(RawConnection.status(of: response) == 308, "\(path): \(response.prefix(200))")
            #expect(RawConnection.header("Location", in: response) == "/connectors/front/guides/link-account/api-token" + query)
        }
        let connection = try RawConnection(port: server.port)
        connection.send("GET //\\evil.example/x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let response = try #require(await connection.readResponse(timeout: Self.patience))
        // The parser may refuse the backslash (400) or the router find nothing (404): never a redirect.
        #expect([400, 404].contains(RawConnection.status(of: response) ?? 0), "\(response.prefix(200))")
        #expect(RawConnection.header("Location", in: response) == nil)
    }
}
