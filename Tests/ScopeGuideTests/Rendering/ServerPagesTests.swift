import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// The pages the library builds for `scopeguide serve`: the connector index and status pages.
@Suite struct ServerPagesTests {
    static let hostile: Catalog = {
        let directory = Fixtures.packageRoot.appendingPathComponent("Tests/ScopeGuideTests/Fixtures/Guides")
        let loaded = try! CatalogLoader().load(directory: directory).catalog
        return Catalog(site: Fixtures.catalog.site, connectors: Fixtures.catalog.connectors + loaded.connectors)
    }()

    @Test("HTMLEscaping escapes the four characters that matter and keeps other text")
    func escaping() {
        #expect(HTMLEscaping.escape("<a href=\"x\">&</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;")
        #expect(HTMLEscaping.escape("plain ‹text›") == "plain ‹text›")
        #expect(HTMLEscaping.escape("a\0b") == "a\u{FFFD}b")
    }

    @Test("a status page shows the message as escaped text, one list item per line")
    func statusPage() {
        let single = StatusPage(status: 404, title: "Unknown connector", message: "unknown connector \"<script>\"").html()
        #expect(single.contains("<h1>404 Unknown connector</h1>"))
        #expect(single.contains("<p>unknown connector &quot;&lt;script&gt;&quot;</p>"))
        #expect(single.contains("<a href=\"/\">All connector guides</a>"))
        #expect(!single.contains("<script"))
        let multi = StatusPage(status: 400, title: "Unknown action", message: "a\nb", indexPath: nil).html()
        #expect(multi.contains("<li>a</li>\n<li>b</li>"))
        #expect(!multi.contains("All connector guides"))
        #expect(multi.contains("<style>" + PageAssets.inlineStyle + "</style>"))
        let markdown = StatusPage(status: 400, title: "Unknown action", message: "unknown action \"<script>\" *x*").markdown()
        #expect(markdown == "# 400 Unknown action\n\nunknown action \"\\<script\\>\" \\*x\\*\n")
    }

    @Test("the index search matches connector names, method labels and actions; every term must match")
    func indexMatches() {
        func keys(_ search: String) -> [String] { ConnectorIndexPage(catalog: Self.hostile, search: search).matches.map(\.connector.key) }
        #expect(keys("") == (Fixtures.catalog.connectors.map(\.key) + ["hostile"]).sorted())
        #expect(keys("FRONT") == ["front"])
        // Front's method label and Hostile's, GitHub's token method, and a Google Drive action ("… pageToken …").
        #expect(keys("token") == ["front", "github", "google-drive", "hostile"])
        #expect(keys("send message") == ["front", "gmail"])
        #expect(keys("send nothing-like-this") == [])
        let match = ConnectorIndexPage(catalog: Self.hostile, search: "send message").matches.first
        #expect(match?.actions.contains("front_send_message") == true)
        #expect(match?.actions.allSatisfy { $0.rawValue.contains("send") || Fixtures.front.action($0)!.label.lowercased().contains("send") } == true)
    }

    @Test("the index page escapes the search and connector text, and carries no script")
    func indexPage() {
        let html = ConnectorIndexPage(catalog: Self.hostile, search: "\"><script>x</script>").html()
        #expect(html.contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""))
        #expect(!html.contains("<script"))
        let all = ConnectorIndexPage(catalog: Self.hostile).html()
        #expect(all.contains("<h2>Hostile &lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;</h2>"))
        #expect(all.contains("<a href=\"/connectors/front/guides/link-account/api-token\">API Token: link an account</a>"))
        #expect(!all.contains("<script"))
        #expect(!all.contains("<img"))
    }

    @Test("pages inline exactly PageAssets' style and script, so CSP hashes of them hold")
    func inlineAssets() throws {
        let url = try Fixtures.catalog.guide(connector: "front")
        let page = GuideRenderer(catalog: Fixtures.catalog).render(url, as: .html)
        #expect(page.contains("<style>" + PageAssets.inlineStyle + "</style>"))
        #expect(page.contains("<script>" + PageAssets.inlineScript + "</script>"))
        #expect(page.components(separatedBy: "<style>").count == 2)
    }
}
