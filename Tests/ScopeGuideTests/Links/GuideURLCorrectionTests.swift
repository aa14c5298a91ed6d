import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Error pages link their suggestions (issue 27 part 5): each correction is the refused address
/// with the suggestion in place, and every link reaches the page escaped.
@Suite struct GuideURLCorrectionTests {
    static let path = "/connectors/front/guides/link-account/api-token"

    /// The error the engine gives for `query` on Front's guide.
    func error(_ query: String, path: String = GuideURLCorrectionTests.path) throws -> GuideURLError {
        let segments = path.split(separator: "/").map(String.init)
        do {
            var request = try Fixtures.catalog.guide(connector: segments[1], pathSegment: segments[3], slug: segments[4].replacingOccurrences(of: ".md", with: ""))
            try request.applyQuery(Substring(query))
        } catch {
            return error
        }
        Issue.record("\(path)?\(query) was accepted")
        return .tooLong(0)
    }

    @Test("an unknown action: a link per suggestion with the rest of the query as written, then one leaving it out")
    func unknownAction() throws {
        let query = "actions=front_list_tags,%20front_send_mesage&separator=comma&var.x=%22%3E"
        let corrections = try error(query).corrections(path: Self.path, query: query)
        #expect(corrections == [
            GuideURLCorrection(change: .replace(unknown: "front_send_mesage", suggestion: "front_send_message"),
                               href: Self.path + "?actions=front_list_tags,front_send_message&separator=comma&var.x=%22%3E"),
            GuideURLCorrection(change: .replace(unknown: "front_send_mesage", suggestion: "front_get_message"),
                               href: Self.path + "?actions=front_list_tags,front_get_message&separator=comma&var.x=%22%3E"),
            GuideURLCorrection(change: .remove(["front_send_mesage"]), href: Self.path + "?actions=front_list_tags&separator=comma&var.x=%22%3E"),
        ])
    }

    @Test("the corrected address is one the engine takes")
    func correctedAddressResolves() throws {
        let query = "actions=front_send_mesage,front_list_tags&separator=pipe"
        for correction in try error(query).corrections(path: Self.path, query: query) {
            let corrected = try #require(correction.href.split(separator: "?", maxSplits: 1).last)
            var request = try Fixtures.catalog.guide(connector: "front")
            #expect(throws: Never.self) { try request.applyQuery(corrected) }
        }
    }

    @Test("an unknown scope in granted= or without=, written with any separator, is replaced in its list")
    func unknownScope() throws {
        let query = "actions=front_send_message&granted=conversation:read%20tags:read&without=tags:write"
        let corrections = try error(query).corrections(path: Self.path, query: query)
        #expect(corrections.first == GuideURLCorrection(
            change: .replace(unknown: "conversation:read", suggestion: "conversations:read"),
            href: Self.path + "?actions=front_send_message&granted=conversations:read,tags:read&without=tags:write"))
        #expect(corrections.last == GuideURLCorrection(
            change: .remove(["conversation:read"]), href: Self.path + "?actions=front_send_message&granted=tags:read&without=tags:write"))
    }

    @Test("an unknown connector or guide is replaced in the path; the query and a .md suffix stay")
    func unknownConnectorAndGuide() throws {
        let connector = GuideURLError.unknownConnector("frnt", suggestions: ["front"])
        #expect(connector.corrections(path: "/connectors/frnt/guides/link-account/api-token.md", query: "actions=x") == [
            GuideURLCorrection(change: .replace(unknown: "frnt", suggestion: "front"), href: "/connectors/front/guides/link-account/api-token.md?actions=x"),
        ])
        let guide = try error("", path: "/connectors/front/guides/link-account/api-tokn.md")
        #expect(guide.corrections(path: "/connectors/front/guides/link-account/api-tokn.md", query: "") == [
            GuideURLCorrection(change: .replace(unknown: "api-tokn", suggestion: "api-token"), href: "/connectors/front/guides/link-account/api-token.md"),
        ])
    }

    @Test("no corrections for errors without suggestions or for a path that is not a guide route's")
    func none() {
        #expect(GuideURLError.invalidSeparator("x").corrections(path: Self.path, query: "separator=x").isEmpty)
        #expect(GuideURLError.unknownConnector("frnt", suggestions: ["front"]).corrections(path: "//evil.example/connectors/frnt/guides/a/b", query: "").isEmpty)
        #expect(GuideURLError.unknownConnector("frnt", suggestions: []).corrections(path: "/connectors/frnt/guides/link-account/x", query: "").isEmpty)
    }

    @Test("the status page links each correction, escaping the address and the names", arguments: [
        "actions=front_send_mesage&var.a=\"><script>alert(1)</script>",
        "actions=front_send_mesage&var.a=%22%3E%3Cscript%3E&x=javascript:alert(1)",
    ])
    func statusPageLinks(query: String) throws {
        let error = GuideURLError.unknownActions([.init(id: "front_send_mesage", suggestions: ["front_send_message"])], connector: "front")
        let page = StatusPage(status: 400, title: "Unknown action", message: error.description, corrections: error.corrections(path: Self.path, query: query))
        let html = page.html()
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("<p>Did you mean:</p>"))
        let links = html.components(separatedBy: "<a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        // The suggestion, leaving it out, and the index.
        #expect(links.count == 3)
        #expect(links[0].hasPrefix(Self.path + "?actions=front_send_message&amp;var.a=%22%3E%3Cscript%3E"))
        #expect(links[1].hasPrefix(Self.path + "?var.a=%22%3E%3Cscript%3E"))
        for link in links {
            #expect(!link.contains("<") && !link.contains(">") && !link.contains("\""))
        }
        #expect(html.contains("\">front_send_message</a> instead of &quot;front_send_mesage&quot;</li>"))
        #expect(html.contains("\">Leave &quot;front_send_mesage&quot; out</a></li>"))
        let markdown = page.markdown()
        #expect(markdown.contains("  - [front\\_send\\_message](/connectors/front/guides/link-account/api-token?actions=front_send_message&var.a="))
    }
}
