import Hummingbird
import Testing
@testable import ScopeGuideServer

@Suite struct RequestHandlingTests {
    @Test("Host headers usable as a URL base", arguments: [
        ("localhost", true), ("127.0.0.1:8080", true), ("guides.example.com", true), ("[::1]:8080", true), ("a-b.c:65535", true),
        ("", false), ("evil.com/<script>", false), ("a b", false), ("user@host", false), ("host:99999", false), ("host:", false),
        ("[::1", false), ("-x.com", false), ("ex\u{0430}mple.com", false), ("[１::]", false), ("host:80/x", false),
    ])
    func plainHost(host: String, isPlain: Bool) {
        #expect(GuideURLBase.isPlainHost(host) == isPlain)
    }

    @Test("the base follows a plain Host, else the fallback; a fixed base always wins", arguments: [
        ("guides.test:8080", "http://guides.test:8080"), (nil, "http://127.0.0.1:8080"), ("evil.example/<script>", "http://127.0.0.1:8080"),
        ("a b", "http://127.0.0.1:8080"), ("x@y", "http://127.0.0.1:8080"),
    ])
    func base(host: String?, expected: String) {
        let request = Request(head: HTTPRequest(method: .get, scheme: "http", authority: host, path: "/"), body: RequestBody(buffer: ByteBuffer()))
        #expect(GuideURLBase.requestHost(fallback: "http://127.0.0.1:8080").base(for: request) == expected)
        #expect(GuideURLBase.fixed("https://docs.example.com/").base(for: request) == "https://docs.example.com")
    }

    @Test("Accept headers that ask for JSON", arguments: [
        (nil, false), ("application/json", true), ("text/html", false), ("*/*", false),
        ("application/json, text/html", false), ("text/html;q=0.5, application/json", true),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", false), ("application/json;q=0", false),
        ("*/*;q=0.1, application/json;q=0.2", true),
    ])
    func prefersJSON(accept: String?, json: Bool) {
        #expect(RequestedFormat.prefersJSON(accept: accept) == json)
    }

    @Test("If-None-Match matching")
    func entityTag() {
        let tag = EntityTag(body: Array("hello".utf8))
        #expect(tag.description.count == 34)
        #expect(tag.description.hasPrefix("\"2cf24dba5fb0a30e26e83b2ac5b9e29e\""))
        #expect(tag.matches(ifNoneMatch: tag.description))
        #expect(tag.matches(ifNoneMatch: "W/" + tag.description))
        #expect(tag.matches(ifNoneMatch: "\"x\" , " + tag.description))
        #expect(tag.matches(ifNoneMatch: "*"))
        #expect(!tag.matches(ifNoneMatch: "\"x\""))
        #expect(!tag.matches(ifNoneMatch: String(tag.description.dropFirst())))
    }
}
