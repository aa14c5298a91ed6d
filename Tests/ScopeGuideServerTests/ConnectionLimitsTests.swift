import Foundation
import Testing

/// Slow, idle, HTTP/1.0 and malformed clients against the real binary on a real socket, with
/// timeouts of about a second so the suite stays fast. Every wait is bounded.
@Suite(.serialized) struct ConnectionLimitsTests {
    /// `serve` with `arguments`, ready, or the test stops with its log.
    static func server(_ arguments: [String]) async throws -> ServerProcess {
        let server = try ServerProcess(arguments: arguments)
        let ready = try await server.waitUntilReady()
        try #require(ready, "the server did not start:\n\(server.log)")
        return server
    }

    // Each client's steps run together on one dispatch thread and time themselves there: the
    // test's own task may resume late when the rest of the suite keeps Swift's cooperative pool
    // busy, which must not count as the server's time.

    @Test("a request sent a header line at a time is closed after --header-timeout, and logged")
    func slowHeaders() async throws {
        let server = try await Self.server(["--header-timeout", "1", "--idle-timeout", "30"])
        let port = server.port
        let (closed, elapsed) = await RawConnection.offCooperativePool { () -> (Bool?, Duration) in
            // Connected here, so the time counts from when the server's timer starts.
            let start = ContinuousClock.now
            guard let connection = try? RawConnection(port: port) else { return (nil, .zero) }
            connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            // A slowloris: a new header line every 200 ms, for at most 5 s, never the blank line.
            for line in 0..<25 {
                if connection.blockingReadUntilClosed(timeout: .milliseconds(200)).closed || !connection.send("X-Slow-\(line): 1\r\n") {
                    return (true, ContinuousClock.now - start)
                }
            }
            return (false, ContinuousClock.now - start)
        }
        #expect(closed == true, "the half-sent request was still open after 5 s (nil: no connection)")
        #expect(elapsed >= .milliseconds(800) && elapsed < .seconds(3), "closed after \(elapsed)")
        #expect(server.stop() == 0)
        #expect(server.log.contains("reason=request_header_timeout"), "\(server.log)")
    }

    @Test("a connection that sends nothing is closed after --header-timeout")
    func silentConnection() async throws {
        let server = try await Self.server(["--header-timeout", "1", "--idle-timeout", "30"])
        let port = server.port
        let (closed, elapsed) = await RawConnection.offCooperativePool { () -> (Bool?, Duration) in
            let start = ContinuousClock.now
            guard let connection = try? RawConnection(port: port) else { return (nil, .zero) }
            return (connection.blockingReadUntilClosed(timeout: .seconds(5)).closed, ContinuousClock.now - start)
        }
        #expect(closed == true, "the silent connection was still open after 5 s (nil: no connection)")
        #expect(elapsed < .seconds(3), "closed after \(elapsed)")
    }

    @Test("a kept-alive connection is closed after --idle-timeout, not the header timeout; a half-sent second request after --header-timeout")
    func keepAlive() async throws {
        let server = try await Self.server(["--header-timeout", "1", "--idle-timeout", "2"])
        let idle = try RawConnection(port: server.port), slow = try RawConnection(port: server.port)
        let request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        async let idleOutcome = RawConnection.offCooperativePool {
            idle.send(request)
            let response = idle.blockingReadResponse(timeout: .seconds(5))
            let start = ContinuousClock.now
            return (response, idle.blockingReadUntilClosed(timeout: .seconds(6)).closed, ContinuousClock.now - start)
        }
        async let slowOutcome = RawConnection.offCooperativePool {
            slow.send(request)
            let response = slow.blockingReadResponse(timeout: .seconds(5))
            slow.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            let start = ContinuousClock.now
            return (response, slow.blockingReadUntilClosed(timeout: .seconds(5)).closed, ContinuousClock.now - start)
        }
        let (first, closed, elapsed) = await idleOutcome
        #expect(first.flatMap(RawConnection.status(of:)) == 200)
        #expect(closed, "the idle connection was still open after 6 s")
        #expect(elapsed >= .milliseconds(1500) && elapsed < .seconds(4), "closed after \(elapsed)")
        let (second, slowClosed, slowElapsed) = await slowOutcome
        #expect(second.flatMap(RawConnection.status(of:)) == 200)
        #expect(slowClosed)
        #expect(slowElapsed < .milliseconds(1800), "the half-sent second request waited \(slowElapsed), as for the idle timeout")
    }

    @Test("HTTP/1.0 without keep-alive, and Connection: Close, are closed after the response", arguments: [
        "GET /healthz HTTP/1.0\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Close\r\n\r\n",
    ])
    func closesAfterResponse(request: String) async throws {
        let server = try await Self.server([])
        let connection = try RawConnection(port: server.port)
        connection.send(request)
        let (text, closed) = await connection.readUntilClosed(timeout: .seconds(3))
        #expect(closed, "still open 3 s after the response: \(text)")
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
            let response = try #require(await connection.readResponse(timeout: .seconds(5)))
            #expect(RawConnection.status(of: response) == 200)
        }
    }

    @Test("--max-connections: at the cap the connection waiting longest for a request makes room for a newcomer, and the log says so")
    func connectionCap() async throws {
        let server = try await Self.server(["--max-connections", "2", "--header-timeout", "30", "--idle-timeout", "30"])
        let port = server.port
        let (oldestClosed, youngerClosed, answer) = await RawConnection.offCooperativePool { () -> (Bool, Bool, String?) in
            // Two clients that never send a request fill the cap (before: they held it for good).
            guard let oldest = try? RawConnection(port: port) else { return (false, false, nil) }
            usleep(200_000)
            guard let younger = try? RawConnection(port: port) else { return (false, false, nil) }
            usleep(200_000)
            let answer = (try? RawConnection(port: port)).flatMap {
                $0.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") ? $0.blockingReadResponse(timeout: .seconds(3)) : nil
            }
            return (oldest.blockingReadUntilClosed(timeout: .seconds(1)).closed, younger.blockingReadUntilClosed(timeout: .milliseconds(300)).closed, answer)
        }
        #expect(answer.flatMap(RawConnection.status(of:)) == 200, "the newcomer was not answered at the cap")
        #expect(oldestClosed, "the connection waiting longest was not closed to make room")
        #expect(!youngerClosed)
        #expect(server.stop() == 0)
        #expect(server.log.contains("connection limit reached"), "\(server.log)")
        #expect(server.log.contains("limit=2"))
        #expect(server.log.contains("reason=connection_limit_eviction"))
    }

    @Test("a request the HTTP parser rejects is 400 with the security headers")
    func parserError() async throws {
        let server = try await Self.server([])
        let connection = try RawConnection(port: server.port)
        connection.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n")
        let (text, _) = await connection.readUntilClosed(timeout: .seconds(3))
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
            let response = try #require(await connection.readResponse(timeout: .seconds(5)))
            #expect(RawConnection.status(of: response) == 308, "\(path): \(response.prefix(200))")
            #expect(RawConnection.header("Location", in: response) == "/connectors/front/guides/link-account/api-token" + query)
        }
        let connection = try RawConnection(port: server.port)
        connection.send("GET //\\evil.example/x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let response = try #require(await connection.readResponse(timeout: .seconds(5)))
        // The parser may refuse the backslash (400) or the router find nothing (404): never a redirect.
        #expect([400, 404].contains(RawConnection.status(of: response) ?? 0), "\(response.prefix(200))")
        #expect(RawConnection.header("Location", in: response) == nil)
    }
}
