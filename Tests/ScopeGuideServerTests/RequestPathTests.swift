import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ScopeGuide
import Testing
@testable import ScopeGuideServer

/// A guide route's path is read once (``RequestPath``): its suffix or `Accept` picks the format of
/// the answer and of any error, and its connector key, guide kind and slug are percent-decoded by
/// the engine's decoder, in that order, before the one connector lookup. These pin the answers
/// edge cases got before the path was read in one place.
@Suite struct RequestPathTests {
    var app: some ApplicationProtocol { ServerFixtures.app() }
    static let markdown = "text/markdown; charset=utf-8", json = "application/json; charset=utf-8", html = "text/html; charset=utf-8"

    @Test("malformed, suffixed and misspelt paths answer in the format the suffix or Accept asks for", arguments: [
        ("/connectors/fr%ZZont/guides/link-account/api-token.md", nil, HTTPResponse.Status.badRequest, markdown, "malformed percent-encoding in \"fr%ZZont\""),
        ("/connectors/front/guides/link%ZZ/api-token.json", nil, .badRequest, json, "malformed percent-encoding in \\\"link%ZZ\\\""),
        ("/connectors/front/guides/link-account/api%ZZ", nil, .badRequest, html, "malformed percent-encoding in &quot;api%ZZ&quot;"),
        // The segments are decoded before the connector is looked up: the encoding error wins.
        ("/connectors/fron/guides/link-account/api%E9.md", nil, .badRequest, markdown, "malformed percent-encoding in \"api%E9\""),
        ("/connectors/fron/guides/link-account/api-token.json", nil, .notFound, json, "unknown connector \\\"fron\\\"; did you mean \\\"front\\\"?"),
        ("/connectors/front/guides/link-account/api-token.md.json", nil, .notFound, json, "has no guide \\\"api-token.md\\\""),
        ("/connectors/front/guides/link-account/.md", nil, .notFound, markdown, "has no guide \"\""),
        ("/connectors/front/guides/link-account/api-tokn.md", nil, .notFound, markdown,
         "[api-token](/connectors/front/guides/link-account/api-token.md) instead of \"api-tokn\""),
        ("/connectors/front/guides/nope/api-token", "application/json", .notFound, json, "unknown guide kind \\\"nope\\\""),
        ("/connectors/front/guides/nope/api-token", "text/html", .notFound, html, "unknown guide kind &quot;nope&quot;"),
    ] as [(String, String?, HTTPResponse.Status, String, String)])
    func errorAnswers(path: String, accept: String?, status: HTTPResponse.Status, contentType: String, message: String) async throws {
        try await app.test(.router) { client in
            let headers: HTTPFields = accept.map { [.accept: $0] } ?? [:]
            try await client.execute(uri: path, method: .get, headers: headers) { response in
                #expect(response.status == status)
                #expect(response.headers[.contentType] == contentType)
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(response.text.contains(message), "\(response.text.prefix(600))")
            }
        }
    }

    @Test("a percent-encoded connector key, guide kind and slug name the same guide as the plain ones")
    func encodedSegments() async throws {
        try await app.test(.router) { client in
            let plain = try await client.execute(uri: ServerFixtures.frontPath + ".md?actions=front_send_message", method: .get)
            let encoded = try await client.execute(uri: "/connectors/%66ront/guides/link%2Daccount/api%2Dtoken.md?actions=front_send_message", method: .get)
            #expect(plain.status == .ok && encoded.status == .ok)
            #expect(encoded.headers[.contentType] == Self.markdown)
            #expect(encoded.text == plain.text)
        }
    }

    @Test("the index search reads q= with the engine's form decoding; other parameters are ignored, even malformed", arguments: [
        ("/?q=%ZZ", HTTPResponse.Status.badRequest, "malformed percent-encoding in &quot;q=%ZZ&quot;"),
        ("/?q=%E9", .badRequest, "malformed percent-encoding"),
        ("/?x=%ZZ&q=front", .ok, "1 connector matches"),
        ("/?q=demo&q=front", .ok, "value=\"front\""),
        ("/?q=send+message", .ok, "value=\"send message\""),
        ("/?q=a%2Bb", .ok, "value=\"a+b\""),
        ("/?q=caf%C3%A9", .ok, "value=\"café\""),
        ("/?q=", .ok, "value=\"\""),
        // The name is compared as written: an encoded `q` is some other parameter.
        ("/?%71=zzzz", .ok, "value=\"\""),
    ])
    func indexSearch(uri: String, status: HTTPResponse.Status, text: String) async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == status)
                #expect(response.text.contains(text), "\(response.text.prefix(600))")
            }
        }
    }
}
