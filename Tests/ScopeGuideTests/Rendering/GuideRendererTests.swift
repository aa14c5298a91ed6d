import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct GuideRendererTests {
    let renderer = GuideRenderer(catalog: Fixtures.catalog)

    func frontURL(_ ids: [ActionID] = [], whitelabel: Bool = false) throws -> GuideRequest {
        var url = try Fixtures.catalog.guide(connector: "front")
        try url.select(ids)
        url.isWhitelabel = whitelabel
        return url
    }

    static let threeActions: [ActionID] = ["front_send_message", "front_list_tags", "front_update_conversation"]

    @Test("Front golden files: no selection, three actions, whitelabel", arguments: [
        ("none", [ActionID](), false),
        ("3-actions", GuideRendererTests.threeActions, false),
        ("whitelabel", GuideRendererTests.threeActions, true),
    ])
    func golden(name: String, ids: [ActionID], whitelabel: Bool) throws {
        let url = try frontURL(ids, whitelabel: whitelabel)
        try GoldenFile.assertMatches(renderer.render(url, as: .markdown), "front.link-account.api-token.\(name).md")
        // Linking the assets, as a built site's pages do: the golden holds the page, not the
        // stylesheet and script (whose tests are their own), and changes only in their names
        // when they change.
        try GoldenFile.assertMatches(renderer.render(url, as: .html, assets: Self.linked), "front.link-account.api-token.\(name).html")
    }

    static let linked = PageAssets.Placement.linked(prefix: "../../assets/")

    @Test("a page with inline assets is the linked page carrying exactly PageAssets.stylesheet and PageAssets.script", arguments: [
        [ActionID](), GuideRendererTests.threeActions,
    ])
    func inlineAssets(ids: [ActionID]) throws {
        let url = try frontURL(ids)
        let inline = renderer.render(url, as: .html)
        let linked = renderer.render(url, as: .html, assets: Self.linked)
        #expect(inline.components(separatedBy: "<script>\n" + PageAssets.script + "</script>").count == 2, "the page's one script element holds PageAssets.script")
        #expect(inline.components(separatedBy: "<style>\n" + PageAssets.stylesheet + "</style>").count == 2, "the page's one style element holds PageAssets.stylesheet")
        let expected = linked
            .replacingOccurrences(of: PageAssets.styleElement(Self.linked), with: PageAssets.styleElement(.inline))
            .replacingOccurrences(of: PageAssets.scriptElement(Self.linked), with: PageAssets.scriptElement(.inline))
        #expect(inline == expected, "the inline page differs from the linked one elsewhere than in its assets")
        #expect(linked.contains("<script src=\"../../assets/\(PageAssets.scriptFileName)\"></script>"))
    }

    @Test("one action: one scoped step, one display scope, its badge and the URL")
    func singleAction() throws {
        let markdown = renderer.render(try frontURL(["front_send_message"]), as: .markdown)
        #expect(markdown.contains("*Enables actions: Send Message*"))
        #expect(markdown.components(separatedBy: "*Enables actions:").count == 2)
        #expect(markdown.contains("  - `messages:send`\n"))
        #expect(!markdown.contains("`messages:read`"))
        #expect(markdown.contains("<https://docs.stackone.com/connectors/front/guides/link-account/api-token?actions=front_send_message>"))
        #expect(markdown.contains("## Linking the Account from the Hub"))
        let whitelabel = renderer.render(try frontURL(["front_send_message"], whitelabel: true), as: .markdown)
        #expect(!whitelabel.contains("Hub"))
        #expect(!whitelabel.contains("StackOne"))
    }

    @Test("the page keeps hidden steps for its script, marked hidden; the fragment leaves them out")
    func pageKeepsHiddenSteps() throws {
        let html = renderer.render(try frontURL(["front_send_message"]), as: .html)
        #expect(html.contains("<li data-guide-display-scope=\"messages:send\"><button"))
        #expect(html.contains("<li data-guide-display-scope=\"messages:read\" hidden>"))
        #expect(html.contains("<span data-guide-actions-badge-labels>Send Message</span>"))
        #expect(html.contains("<input type=\"checkbox\" value=\"front_send_message\" checked>"))
        #expect(html.contains("<script type=\"application/json\" id=\"scopeguide-data\">"))
        let fragment = renderer.render(try frontURL(["front_send_message"]), as: .fragment)
        #expect(!fragment.contains("<script"))
        #expect(!fragment.contains("<html"))
        #expect(!fragment.contains("data-guide-display-scope=\"messages:read\""))
        #expect(!fragment.contains("data-guides-scope-selector"))
        #expect(fragment.contains("data-whitelabel-hide"))
    }

    @Test("Markdown with front matter: the front matter of the tailored guide the body is made from, then the body without its # title", arguments: [
        ("", ""), ("front_send_message,front_list_tags", ""), ("front_send_message", "conversations:read"), ("", "messages:send"),
    ])
    func frontMatter(actions: String, granted: String) throws {
        var request = try Fixtures.catalog.guide(connector: "front")
        try request.applyQuery(Substring("actions=\(actions)&granted=\(granted)"))
        let text = renderer.render(request, as: .markdown, options: .init(frontMatter: true))
        let expected = GuideFrontMatter(renderer.tailor.guide(for: request), site: Fixtures.catalog.site, url: request.url.description).yaml()
            + renderer.render(request, as: .markdown, options: .init(titleHeading: false))
        #expect(text == expected)
        #expect(text.hasPrefix("---\ntitle: "))
        #expect(!text.contains("\n# "))
        // The front matter lists the body's scopes, not the full guide's.
        let scopes = renderer.tailor.guide(for: request).resolution.scopes.map(\.rawValue)
        #expect(GuideFrontMatter(renderer.tailor.guide(for: request), site: Fixtures.catalog.site, url: "").scopes == scopes)
        // Other formats have no front matter.
        #expect(renderer.render(request, as: .json, options: .init(frontMatter: true)) == renderer.render(request, as: .json))
    }

    @Test("rendering twice gives byte-identical output")
    func deterministic() throws {
        for format in RenderFormat.allCases {
            let url = try frontURL(Self.threeActions)
            #expect(renderer.render(url, as: format) == (GuideRenderer(catalog: Fixtures.catalog).render(url, as: format)))
        }
    }

    @Test("variables are substituted; a missing value shows a visible placeholder")
    func variables() throws {
        let yaml = """
            key: demo
            name: Demo
            scopeDefinitions: {read: {}}
            actions: [{id: demo_a, label: A, requiredScopes: read}]
            variables:
              subdomain: {label: Subdomain, pattern: "^[a-z0-9-]+$"}
            authentication:
              - key:
                  type: custom
                  label: Key
                  support:
                    guides:
                      config:
                        sections:
                          - title: Open https://{{subdomain}}.demo.example
                            steps: [{title: "Sign in to {{platformName}}", scopes: read}]
            """
        let connector = try CatalogLoader().loadConnector(yaml: yaml).connector
        let catalog = Catalog(connectors: [connector])
        let renderer = GuideRenderer(catalog: catalog)
        var url = try catalog.guide(connector: "demo")
        #expect(renderer.render(url, as: .markdown).contains("## Open https://‹subdomain›.demo.example"))
        try url.setVariables(["subdomain": "acme"])
        let markdown = renderer.render(url, as: .markdown)
        #expect(markdown.contains("## Open https://acme.demo.example"))
        #expect(markdown.contains("**Sign in to StackOne**"))
        #expect(throws: GuideURLError.invalidVariable(name: "subdomain", value: "a b", pattern: "^[a-z0-9-]+$")) {
            try url.setVariables(["subdomain": "a b"])
        }
        #expect(throws: GuideURLError.unknownVariable("tenant", connector: "demo", declared: ["subdomain"])) {
            try url.setVariables(["tenant": "x"])
        }
    }
}

@Suite struct RenderingSafetyTests {
    static let catalog: Catalog = {
        let guides = Fixtures.packageRoot.appendingPathComponent("Tests/ScopeGuideTests/Fixtures/Guides")
        return try! CatalogLoader().load(directory: guides).catalog
    }()

    func render(_ format: RenderFormat, actions: [ActionID] = [], app: String? = nil) throws -> String {
        var url = try Self.catalog.guide(connector: "hostile")
        try url.select(actions)
        if let app { try url.setVariables(["app": app]) }
        return GuideRenderer(catalog: Self.catalog).render(url, as: format)
    }

    /// Checks HTML produced from hostile guide text. `body` is everything before the page's own
    /// data and script elements, which are the only scripts allowed.
    func assertSafeHTML(_ html: String, ownScripts: Int) {
        let body = html.components(separatedBy: "<script type=\"application/json\"").first!.lowercased()
        #expect(!body.contains("<script"))
        #expect(html.lowercased().components(separatedBy: "</script").count - 1 == ownScripts)
        for needle in ["href=\"javascript:", "src=\"javascript:", "href=\"data:text", "<img", "<iframe", "<em onmouseover", "<b>bold", "<a href=\"javascript"] {
            #expect(!body.contains(needle), "found \(needle)")
        }
    }

    @Test("guide text cannot inject scripts, handlers or javascript: links into HTML", arguments: [[], ["hostile_read"], ["hostile_write"]] as [[ActionID]])
    func htmlIsSafe(actions: [ActionID]) throws {
        assertSafeHTML(try render(.html, actions: actions, app: "</script><script>alert(9)</script>"), ownScripts: 2)
        assertSafeHTML(try render(.fragment, actions: actions), ownScripts: 0)
    }

    @Test("the page's data JSON cannot close its script element")
    func dataJSONEscaped() throws {
        let html = try render(.html, app: "</script><script>alert(9)</script>")
        let data = try #require(html.components(separatedBy: "id=\"scopeguide-data\">").dropFirst().first?.components(separatedBy: "</script>").first)
        #expect(!data.contains("<"))
        #expect(data.contains("\\u003c/script\\u003e"))
    }

    @Test("Markdown output, rendered again by any CommonMark renderer, has no raw HTML or unsafe link")
    func markdownIsSafe() throws {
        let markdown = try render(.markdown)
        #expect(RawCMark.htmlNodesAndUnsafeLinks(in: markdown).isEmpty)
        #expect(markdown.contains("\\<script\\>alert(1)\\</script\\>"))
        #expect(markdown.contains("[the docs](https://docs.example.com/?a=1&b=2)"))
    }

    @Test("attribute values from scope names and labels are escaped, so they cannot close the attribute")
    func attributesEscaped() throws {
        let html = try render(.html, actions: ["hostile_read"])
        #expect(html.contains("<span class=\"sg-action-scopes\">read&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</span>"))
        #expect(html.contains("data-guide-action-label=\"Read &lt;img src=x onerror=alert(1)&gt;\""))
        #expect(!html.contains("read\"><script>"))
    }

    @Test("random Markdown never yields a script or unsafe link, in HTML or in re-parsed CommonMark")
    func randomText() throws {
        var generator = SeededGenerator(seed: 0xBAD)
        let pieces = ["<script>", "</script>", "<a href=\"javascript:x\">", "[a](javascript:b)", "![i](javascript:c)", "<", ">", "&", "\"", "`",
                      "*", "_", "[", "]", "(", ")", "\n", "\n\n", "- ", "1. ", "    ", "<!--", "-->", "<div>", "javascript:", "JAVASCRIPT:", "x", " ",
                      "[r]: javascript:y\n", "[r]", "<javascript:z>", "\\", "&#106;avascript:"]
        for _ in 0..<400 {
            let text = (0..<Int.random(in: 1...25, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let document = CMarkDocument(parsing: text)
            let html = document.render(.html).lowercased()
            #expect(!html.contains("<script"), "input: \(text)")
            #expect(!html.contains("href=\"javascript:"), "input: \(text)")
            #expect(!html.contains("src=\"javascript:"), "input: \(text)")
            #expect(RawCMark.htmlNodesAndUnsafeLinks(in: document.render(.commonMark)).isEmpty, "input: \(text)")
        }
    }
}
