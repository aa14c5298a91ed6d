import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ScopeGuide
import Testing
@testable import ScopeGuideServer

@Suite struct GuideControllerTests {
    var app: some ApplicationProtocol { ServerFixtures.app() }
    let frontPath = ServerFixtures.frontPath

    @Test("a tailored guide page is the renderer's page for the same URL, based at the request's host")
    func tailoredPage() async throws {
        let query = "?actions=front_send_message,front_list_conversations&separator=comma"
        try await app.test(.router) { client in
            // The router test client always asks for host "localhost".
            try await client.execute(uri: frontPath + query, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                var url = try ServerFixtures.frontURL(["front_list_conversations", "front_send_message"], base: "http://localhost")
                url.separator = .comma
                #expect(response.text == ServerFixtures.renderer.render(url, as: .html, assets: .linked(prefix: "/assets/")))
                #expect(response.text.contains("value=\"http://localhost/connectors/front/guides/link-account/api-token?actions=front_list_conversations,front_send_message&amp;separator=comma\""))
            }
        }
    }

    @Test("granted= and without= reach every route with one meaning: the page, .md and .json are the renderer's for that URL")
    func grantsAndRefusals() async throws {
        let app = ServerFixtures.app(linksToRequestHost: false)
        let query = "?actions=front_send_message,front_list_conversations,front_list_tags&granted=conversations:read&without=tags:read"
        let url = try GuideRequest(parsing: ServerFixtures.catalog.site.docsBaseURL + frontPath + query, in: ServerFixtures.catalog)
        try await app.test(.router) { client in
            for (suffix, format) in [("", RenderFormat.html), (".md", .markdown), (".json", .json)] {
                let expected = ServerFixtures.renderer.render(url, as: format, assets: .linked(prefix: "/assets/"))
                let response = try await client.execute(uri: frontPath + suffix + query, method: .get)
                #expect(response.status == .ok, "\(suffix)")
                #expect(response.text == expected, "\(suffix)")
            }
            let json = try await client.execute(uri: frontPath + ".json" + query, method: .get)
            let report = try JSONDecoder().decode(ResolutionReport.self, from: Data(json.text.utf8))
            #expect(report.grant?.add == ["messages:send"] && report.grant?.reconsent == true)
            #expect(report.unavailable == ["front_list_tags"])
            let page = try await client.execute(uri: frontPath + query, method: .get)
            // The page carries the constraints for its script, which solves them like the engine.
            #expect(page.text.contains("\"granted\":[\"conversations:read\"]") && page.text.contains("\"refused\":[\"tags:read\"]"))
            #expect(!page.text.contains("\"constrained\""))
            let unknown = try await client.execute(uri: frontPath + ".json?granted=tags:reed", method: .get)
            #expect(unknown.status == .badRequest)
            #expect(unknown.text.contains("tags:read"))
        }
    }

    @Test("by default dynamic URLs use the site's docs URL, so the Markdown equals `scopeguide render … --format md`")
    func defaultBaseMarkdown() async throws {
        let app = ServerFixtures.app(linksToRequestHost: false)
        try await app.test(.router) { client in
            try await client.execute(uri: frontPath + ".md?actions=front_send_message", method: .get) { response in
                var url = try ServerFixtures.catalog.guide(connector: "front")
                try url.select([ActionID("front_send_message")])
                #expect(response.status == .ok)
                #expect(response.text == ServerFixtures.renderer.render(url, as: .markdown))
            }
        }
    }

    @Test("--base-url fixes the base: the Markdown then equals `scopeguide render … --format md`")
    func fixedBaseMarkdown() async throws {
        let app = ServerFixtures.app(baseURL: "https://docs.stackone.com")
        try await app.test(.router) { client in
            try await client.execute(uri: frontPath + ".md?actions=front_send_message", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/markdown; charset=utf-8")
                // What the CLI renders: the catalogue's own guide URL (the site's docs base).
                var url = try ServerFixtures.catalog.guide(connector: "front")
                try url.select([ActionID("front_send_message")])
                #expect(response.text == ServerFixtures.renderer.render(url, as: .markdown))
                #expect(response.text.contains("https://docs.stackone.com/connectors/front/guides/link-account/api-token?actions=front_send_message"))
            }
        }
    }

    @Test("`.md` is the renderer's Markdown for the same selection, separator and whitelabel flag")
    func markdown() async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: frontPath + ".md?whitelabel=1&actions=front_get_contact%2Cfront_send_message&separator=pipe", method: .get) { response in
                var url = try ServerFixtures.frontURL(["front_get_contact", "front_send_message"], base: "http://localhost")
                url.separator = .pipe
                url.isWhitelabel = true
                #expect(response.status == .ok)
                #expect(response.text == ServerFixtures.renderer.render(url, as: .markdown))
                #expect(response.text.contains("contacts:read|messages:send"))
                #expect(!response.text.contains("StackOne"))
            }
        }
    }

    @Test("`.json` and `Accept: application/json` return the resolution JSON; Accept favouring HTML does not")
    func json() async throws {
        try await app.test(.router) { client in
            let expected = ServerFixtures.renderer.render(try ServerFixtures.frontURL(["front_send_message"], base: "http://localhost"), as: .json)
            try await client.execute(uri: frontPath + ".json?actions=front_send_message", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.text == expected)
            }
            try await client.execute(uri: frontPath + "?actions=front_send_message", method: .get, headers: [.accept: "application/json"]) { response in
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.text == expected)
                #expect(response.headers[.vary] == "Accept")
            }
            try await client.execute(uri: frontPath + "?actions=front_send_message", method: .get,
                                     headers: [.accept: "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8"]) { response in
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
        }
    }

    @Test("var.<name> fills a guide variable; a value failing its pattern is a 400 that quotes it escaped")
    func variables() async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: "/connectors/demo/guides/link-account/key.md?var.subdomain=acme", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("## Open https://acme.demo.example"))
            }
            try await client.execute(uri: "/connectors/demo/guides/link-account/key?var.subdomain=%3Cimg%20src=x%3E", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("&lt;img src=x&gt;"))
                #expect(!response.text.contains("<img"))
            }
            try await client.execute(uri: "/connectors/demo/guides/link-account/key?var.tenant=x", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("no variable &quot;tenant&quot;"))
            }
        }
    }

    @Test("bad query values are 400 pages naming the value, escaped", arguments: [
        ("?actions=%3Cscript%3E", "unknown action &quot;&lt;script&gt;&quot;"),
        ("?actions=front_send_mesage", "did you mean &quot;front_send_message&quot;"),
        ("?separator=tab", "invalid separator &quot;tab&quot;"),
        ("?separator=%3Cb%3E", "invalid separator &quot;&lt;b&gt;&quot;"),
        ("?whitelabel=maybe", "invalid whitelabel value &quot;maybe&quot;"),
        ("?foo=%22%3E%3Cscript%3E", "unknown parameter &quot;foo&quot;"),
        ("?actions=%ZZ", "malformed percent-encoding"),
        ("?separator=comma&separator=pipe", "given more than once"),
    ])
    func badQuery(query: String, message: String) async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: frontPath + query, method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains(message))
                #expect(!response.text.contains("<script"))
                #expect(!response.text.contains("<b>"))
            }
        }
    }

    @Test("unknown connectors, guide kinds, guides and paths are 404 pages naming them", arguments: [
        ("/connectors/fron/guides/link-account/api-token", "unknown connector &quot;fron&quot;; did you mean &quot;front&quot;?"),
        ("/connectors/%3Cscript%3E/guides/link-account/api-token", "unknown connector &quot;&lt;script&gt;&quot;"),
        ("/connectors/front/guides/setup/api-token", "unknown guide kind &quot;setup&quot;"),
        ("/connectors/front/guides/connector-profile/api-token", "has no guide &quot;api-token&quot;"),
        ("/connectors/front/guides/link-account/oauth", "has no guide &quot;oauth&quot;"),
        ("/connectors/front/guides/link-account/api-token.txt", "has no guide &quot;api-token.txt&quot;"),
        ("/nothing/%3Cscript%3E", "There is no page at &quot;/nothing/%3Cscript%3E&quot;"),
    ])
    func notFound(path: String, message: String) async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains(message))
                #expect(response.text.contains("<h1>404 "))
                #expect(!response.text.contains("<script"))
            }
        }
    }

    @Test("error pages link each suggestion to the request with it in place, escaped")
    func suggestionLinks() async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: frontPath + "?actions=front_send_mesage&separator=comma&var.x=%22%3E%3Cscript%3E", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("<li><a href=\"\(frontPath)?actions=front_send_message&amp;separator=comma&amp;var.x=%22%3E%3Cscript%3E\">front_send_message</a> instead of &quot;front_send_mesage&quot;</li>"))
                #expect(response.text.contains("<li><a href=\"\(frontPath)?separator=comma&amp;var.x=%22%3E%3Cscript%3E\">Leave &quot;front_send_mesage&quot; out</a></li>"))
                #expect(!response.text.contains("<script"))
            }
            try await client.execute(uri: "/connectors/fron/guides/link-account/api-token.md?actions=front_send_message", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("  - [front](/connectors/front/guides/link-account/api-token.md?actions=front_send_message) instead of \"fron\""))
            }
        }
    }

    @Test("errors for `.json` requests are JSON, for `.md` Markdown; neither carries raw markup")
    func errorFormats() async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: frontPath + ".json?actions=%3Cscript%3E", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(object?["status"] as? Int == 400)
                #expect((object?["message"] as? String)?.contains("unknown action \"<script>\"") == true)
                #expect(!response.text.contains("<"))
            }
            try await client.execute(uri: frontPath + ".md?actions=%3Cscript%3E", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "text/markdown; charset=utf-8")
                #expect(response.text.hasPrefix("# 400 Unknown action\n"))
                #expect(response.text.contains("\\<script\\>"))
                #expect(!response.text.contains("<script>"))
            }
        }
    }

    @Test("the index lists every connector's guides and escapes connector names")
    func index() async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != nil)
                #expect(response.text.contains("<a href=\"/connectors/front/guides/link-account/api-token\">API Token: link an account</a>"))
                #expect(response.text.contains("<a href=\"/connectors/demo/guides/link-account/key.md\">Markdown</a>"))
                #expect(response.text.contains("Hostile &lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;"))
                #expect(response.text.contains("<input type=\"search\""))
                #expect(!response.text.contains("<script"))
            }
        }
    }

    @Test("the index search filters connectors and links matching actions, and reflects the search escaped")
    func indexSearch() async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: "/?q=send+message", method: .get) { response in
                #expect(response.text.contains("2 connectors match “send message”."))
                #expect(response.text.contains("<h2>Front</h2>"))
                #expect(response.text.contains("href=\"/connectors/gmail/guides/link-account/oauth-2-0?actions=gmail_users_messages_send\""))
                #expect(!response.text.contains("<h2>Demo</h2>"))
                #expect(response.text.contains("href=\"/connectors/front/guides/link-account/api-token?actions=front_send_message\""))
            }
            try await client.execute(uri: "/?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
                #expect(!response.text.contains("<script"))
                #expect(response.text.contains("0 connectors match"))
            }
        }
    }
}
