import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct GuideURLTests {
    let catalog = Fixtures.catalog
    let base = "https://docs.stackone.com/connectors/front/guides/link-account/api-token"

    func parse(_ text: String) throws(GuideURLError) -> GuideRequest { try GuideRequest(parsing: text, in: catalog) }

    @Test("the canonical form orders ids by catalogue and leaves defaults out")
    func canonicalForm() throws {
        var url = try catalog.guide(connector: "front")
        #expect(url.description == base)
        try url.select(["front_send_message", "front_list_conversations", "front_send_message"])
        #expect(url.description == base + "?actions=front_list_conversations,front_send_message")
        url.separator = .comma
        url.isWhitelabel = true
        #expect(url.description == base + "?actions=front_list_conversations,front_send_message&separator=comma&whitelabel=1")
    }

    @Test("parsing accepts any order, repeats, %2C, spaces and a relative URL", arguments: [
        "?actions=front_send_message,front_list_conversations",
        "?actions=front_send_message&actions=front_list_conversations",
        "?actions=front_send_message%2Cfront_list_conversations",
        "?actions=%20front_send_message%20,+front_list_conversations+",
        "?actions=front_send_message,,front_list_conversations,",
        "?separator=space&actions=front_list_conversations&actions=front_send_message,front_send_message",
        "/?actions=front_list_conversations,front_send_message#step-3",
    ])
    func lenientParsing(query: String) throws {
        let url = try parse(base + query)
        #expect(url.selection.actions == ["front_list_conversations", "front_send_message"])
        #expect(url.description == base + "?actions=front_list_conversations,front_send_message")
        let relative = try parse("/connectors/front/guides/link-account/api-token" + query)
        #expect(relative.base == "")
        #expect(relative.selection == url.selection)
    }

    @Test("build(parse(u)) is canonical and parse(build(x)) is x, for random selections")
    func roundTrip() throws {
        var generator = SeededGenerator(seed: 0x5C09E)
        let ids = Fixtures.front.actions.map(\.id)
        for _ in 0..<300 {
            let picked = ids.filter { _ in Bool.random(using: &generator) }.shuffled(using: &generator)
            var url = try catalog.guide(connector: "front")
            try url.select(picked + picked.prefix(2))
            url.separator = Separator.allCases.randomElement(using: &generator)!
            url.isWhitelabel = Bool.random(using: &generator)
            let reparsed = try parse(url.description)
            #expect(reparsed == url)
            #expect(reparsed.description == url.description)
            let wanted = Set(picked)
            #expect(reparsed.selection.actions == ids.filter { wanted.contains($0) })
        }
    }

    @Test("errors name the offending value", arguments: [
        ("?actions=front_send_message,nope", GuideURLError.unknownActions([.init(id: "nope", suggestions: [])], connector: "front")),
        ("?actions=front_send_mesage", .unknownActions([.init(id: "front_send_mesage", suggestions: ["front_send_message", "front_get_message"])], connector: "front")),
        ("?action=front_send_message", .unknownParameter("action")),
        ("?separator=tab", .invalidSeparator("tab")),
        ("?whitelabel=maybe", .invalidWhitelabel("maybe")),
        ("?separator=comma&separator=pipe", .conflictingParameter("separator")),
        ("?actions=%ZZ", .malformedEncoding("actions=%ZZ")),
        ("?actions=%+F", .malformedEncoding("actions=%+F")),
        ("?actions=%-0", .malformedEncoding("actions=%-0")),
        ("?actions=%C3", .malformedEncoding("actions=%C3")),
        ("?actions=%3Cscript%3E", .unknownActions([.init(id: "<script>", suggestions: [])], connector: "front")),
    ])
    func queryErrors(query: String, expected: GuideURLError) {
        #expect(throws: expected) { try parse(base + query) }
    }

    @Test("path errors name the connector, kind or guide")
    func pathErrors() {
        #expect(throws: GuideURLError.unknownConnector("fron", suggestions: ["front"])) {
            try parse("https://x.example/connectors/fron/guides/link-account/api-token")
        }
        #expect(throws: GuideURLError.unknownGuideKind("setup")) {
            try parse("https://x.example/connectors/front/guides/setup/api-token")
        }
        #expect(throws: GuideURLError.unknownGuide("api-tokens", connector: "front", suggestions: ["api-token"])) {
            try parse("https://x.example/connectors/front/guides/link-account/api-tokens")
        }
        #expect(throws: GuideURLError.notAGuideURL("https://x.example/front")) { try parse("https://x.example/front") }
        #expect(throws: GuideURLError.notAGuideURL("")) { try parse("") }
    }

    @Test("a URL with 10,000 action ids is handled: valid ones resolve, unknown ones are all named")
    func hugeURL() throws {
        let valid = Array(repeating: "front_send_message", count: 10_000).joined(separator: ",")
        #expect(try parse(base + "?actions=" + valid).selection.actions == ["front_send_message"])
        let invalid = (0..<10_000).map { "x\($0)" }.joined(separator: ",")
        do {
            _ = try parse(base + "?actions=" + invalid)
            Issue.record("expected an error")
        } catch {
            guard case .unknownActions(let unknown, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(unknown.count == 10_000)
        }
    }
}

@Suite struct SeparatorAndAuthorizeURLTests {
    @Test("separators join scopes", arguments: zip(Separator.allCases, ["a b", "a,b", "a;b", "a|b", "a\nb"]))
    func separators(separator: Separator, joined: String) {
        #expect(separator.join(["a", "b"]) == joined)
    }

    @Test("the authorize URL form-encodes scopes joined by the method's delimiter; client_id and redirect_uri come from variables, else it is a template")
    func authorizeURL() {
        let method = AuthMethod(key: "oauth", kind: .oauth2, label: "OAuth 2.0", grantType: .authorizationCode,
                                authorizationURL: "https://api.capsulecrm.com/oauth/authorise")
        let template = "&client_id={client_id}&redirect_uri={redirect_uri}"
        #expect(AuthorizeURL.make(for: method, scopes: ["read", "write"])
            == "https://api.capsulecrm.com/oauth/authorise?scope=read+write&response_type=code" + template)
        #expect(AuthorizeURL.missingVariables(in: [:]) == ["client_id", "redirect_uri"])
        let filled = ["client_id": "id 1", "redirect_uri": "https://x.example/cb?a=1", "state": "s&1"]
        #expect(AuthorizeURL.make(for: method, scopes: ["a:read"], variables: filled)
            == "https://api.capsulecrm.com/oauth/authorise?scope=a%3Aread&response_type=code&client_id=id+1&redirect_uri=https%3A%2F%2Fx.example%2Fcb%3Fa%3D1&state=s%261")
        #expect(AuthorizeURL.missingVariables(in: filled).isEmpty)
        var comma = method
        comma.scopeDelimiter = ","
        comma.authorizationURL = "https://p.example/auth?prompt=consent"
        #expect(AuthorizeURL.make(for: comma, scopes: ["a", "b"]) == "https://p.example/auth?prompt=consent&scope=a%2Cb&response_type=code" + template)
        var credentials = method
        credentials.grantType = .clientCredentials
        #expect(AuthorizeURL.make(for: credentials, scopes: ["read"]) == nil)
        // Nothing to ask for: no empty scope= (Google rejects it), the parameter is left out.
        #expect(AuthorizeURL.make(for: method, scopes: []) == "https://api.capsulecrm.com/oauth/authorise?response_type=code" + template)
        // Google adds to the grant only what is asked for when told to.
        var incremental = method
        incremental.declaredGrantChange = .incremental
        #expect(AuthorizeURL.make(for: incremental, scopes: ["read"])?.hasSuffix("&include_granted_scopes=true") == true)
    }
}
