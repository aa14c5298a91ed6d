import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import ScopeGuide
import Testing
@testable import ScopeGuideServer

/// What a single request may ask for: quoted values, index searches.
@Suite struct RequestLimitsTests {
    var app: some ApplicationProtocol { ServerFixtures.app() }

    @Test("a 404 for a 60 KB path quotes its first 100 characters and its size, in the page and the log")
    func longPathQuoted() async throws {
        let handler = InMemoryLogHandler()
        var logger = Logger(label: "test") { _ in handler }
        logger.logLevel = .info
        let path = "/" + String(repeating: "a", count: 60_000)
        try await ServerFixtures.app(logger: logger).test(.router) { client in
            for accept in ["text/html", "application/json"] {
                try await client.execute(uri: path, method: .get, headers: [.accept: accept]) { response in
                    #expect(response.status == .notFound)
                    #expect(response.text.contains("60001 bytes"), "\(response.text.prefix(300))")
                    #expect(!response.text.contains(String(repeating: "a", count: 101)))
                    #expect(response.text.utf8.count < 10_000)
                }
            }
        }
        let logged = handler.entries.map { "\($0)" }.joined(separator: "\n")
        #expect(logged.contains("60001 bytes"))
        #expect(!logged.contains(String(repeating: "a", count: 101)))
    }

    @Test("an index search over 10 words or 256 bytes is 400 before any matching; 10 words are searched", arguments: [
        (Array(repeating: "a", count: 2_000).joined(separator: "+"), HTTPResponse.Status.badRequest, "3999 bytes"),
        (Array(repeating: "ab", count: 11).joined(separator: "+"), .badRequest, "11 words"),
        (String(repeating: "x", count: 257), .badRequest, "257 bytes"),
        (Array(repeating: "front", count: 10).joined(separator: "+"), .ok, "1 connector matches"),
    ])
    func searchLimits(query: String, status: HTTPResponse.Status, text: String) async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: "/?q=" + query, method: .get) { response in
                #expect(response.status == status)
                #expect(response.text.contains(text), "\(response.text.prefix(400))")
                #expect(response.headers[.contentSecurityPolicy] != nil)
            }
        }
    }
}
