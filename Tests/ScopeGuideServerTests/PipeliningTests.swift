import Foundation
import Testing

/// Requests a client sends back to back on one connection, in one write, before any answer
/// (HTTP/1.1 pipelining, which `curl`, proxies and load testers do): the real binary must answer
/// every one of them, in order, up to and including the first that asks to close, and then close.
///
/// Before, the handler that closes after a `Connection: close` (or plain HTTP/1.0) request
/// noticed the later request's header while the earlier one was still being answered and closed
/// the connection after the earlier response: the later requests were read and never answered.
@Suite(.serialized) struct PipeliningTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Sent in a single write.
        var requests: [String]
        /// The status of each response expected, in order; nothing more may arrive.
        var statuses: [Int]
        /// The `Content-Type` of each response, in order (nil: not checked).
        var contentTypes: [String?]

        var testDescription: String { name }
    }

    static let health = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    static let front = "/connectors/front/guides/link-account/api-token"

    static let cases = [
        Case(name: "keep-alive /healthz, then /healthz with Connection: close",
             requests: [health, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"],
             statuses: [200, 200], contentTypes: ["text/plain; charset=utf-8", "text/plain; charset=utf-8"]),
        Case(name: "two guide requests, the second closing: Markdown first, then JSON",
             requests: ["GET \(front).md?actions=front_send_message HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                        "GET \(front).json?actions=front_list_conversations HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"],
             statuses: [200, 200], contentTypes: ["text/markdown; charset=utf-8", "application/json; charset=utf-8"]),
        Case(name: "three requests: a 404 between two /healthz, the last one closing",
             requests: [health, "GET /no-such-page HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Close\r\n\r\n"],
             statuses: [200, 404, 200], contentTypes: [nil, nil, nil]),
        Case(name: "a request after the one that closes is not answered",
             requests: [health, "GET /no-such-page HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", health],
             statuses: [200, 404], contentTypes: [nil, nil]),
        Case(name: "HTTP/1.0 keep-alive, then plain HTTP/1.0 (which closes)",
             requests: ["GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", "GET /no-such-page HTTP/1.0\r\n\r\n"],
             statuses: [200, 404], contentTypes: [nil, nil]),
    ]

    @Test("pipelined requests are all answered, in order, up to the one that closes", arguments: cases)
    func pipelined(_ test: Case) async throws {
        let server = try ServerProcess(arguments: [])
        let ready = try await server.waitUntilReady()
        try #require(ready, "the server did not start:\n\(server.log)")
        let connection = try RawConnection(port: server.port)
        #expect(connection.send(test.requests.joined()))
        // Generous: the answers are the server's and the close follows the last one at once; the
        // wait only bounds a server that never closes.
        let (text, closed) = await connection.readUntilClosed(timeout: .seconds(30))
        let responses = RawConnection.responses(in: text)
        #expect(responses.map(\.status) == test.statuses, "\(text.prefix(2000))")
        for (response, contentType) in zip(responses, test.contentTypes) where contentType != nil {
            #expect(RawConnection.header("Content-Type", in: response.head) == contentType)
        }
        #expect(closed, "the connection stayed open after the request that asked to close")
        #expect(RawConnection.header("Connection", in: responses.last?.head ?? "")?.lowercased() == "close",
                "the last answer must say it closes")
        if responses.count > 1 {
            #expect(RawConnection.header("Connection", in: responses[0].head)?.lowercased() != "close",
                    "the first answer said close although its request kept the connection alive")
        }
        #expect(server.stop() == 0)
    }
}

extension RawConnection {
    /// Consecutive HTTP responses in `text`, each cut at the end of its body by its
    /// `Content-Length` (the server always sends one); a trailing incomplete response is left out.
    static func responses(in text: String) -> [(status: Int, head: String, body: String)] {
        var rest = Substring(text)
        var responses: [(status: Int, head: String, body: String)] = []
        while let end = rest.range(of: "\r\n\r\n") {
            let head = String(rest[..<end.upperBound])
            guard let status = status(of: head) else { break }
            let length = header("Content-Length", in: head).flatMap { Int($0) } ?? 0
            let bodyBytes = rest[end.upperBound...].utf8
            guard bodyBytes.count >= length else { break }
            let bodyEnd = bodyBytes.index(bodyBytes.startIndex, offsetBy: length)
            responses.append((status, head, String(Substring(bodyBytes[..<bodyEnd]))))
            rest = Substring(bodyBytes[bodyEnd...])
        }
        return responses
    }
}
