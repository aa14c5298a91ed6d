import Foundation
import Testing
@testable import ScopeGuide

/// The page data's hand-written JSON against Foundation's `JSONEncoder`, which writes the cached
/// members: both must escape alike, or a page would change with the request path that built it.
@Suite struct PageDataTests {
    static let samples: [String] = [
        String(String.UnicodeScalarView((0..<0x80).map { Unicode.Scalar(UInt8($0)) })),
        "é😀\u{2028}\u{2029}\u{FFFD}", "</script><script>alert(1)</script>", "a\\\"b", "", "https://x.example/a?b=1&c=<2>",
    ]

    @Test("strings are escaped as JSONEncoder escapes them, then made script-safe", arguments: samples)
    func stringsMatchJSONEncoder(_ text: String) {
        #expect(JSONText.string(text) == JSONText.encode(text))
        #expect(!JSONText.string(text).contains("<"))
    }

    @Test("the page data parses back to the request's values")
    func requestMembersRoundTrip() throws {
        var url = try Fixtures.catalog.guideURL(connector: "front")
        try url.select(["front_send_message"], in: Fixtures.front)
        url.base = "https://docs.example.com/\"<x>&\n"
        url.separator = .pipe
        let graph = ScopeGraph(Fixtures.front)
        let shared = PageData.Shared(connector: Fixtures.front, method: Fixtures.front.methods[0], graph: graph, fullGuideScopes: [])
        let json = PageData.scriptJSON(shared, url: url)
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["base"] as? String == url.base)
        #expect(object["selection"] as? [String] == ["front_send_message"])
        #expect(object["separator"] as? String == "pipe")
        #expect(object["whitelabel"] as? Bool == false)
        #expect(object["definedCount"] as? Int == graph.definedCount)
        #expect(Array(object.keys).sorted() == ["actions", "base", "closures", "connector", "definedCount", "fullGuideScopes", "path", "scopes", "selection", "separator", "variables", "whitelabel"])
    }
}
