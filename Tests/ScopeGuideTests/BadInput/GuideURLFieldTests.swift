import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Web addresses in guide sources (`authorizationUrl`, `tokenUrl`, `support.link`, the site's
/// `docsBaseURL` and `callbackURLPattern`) must be `https:` (`http:` only to localhost): the
/// loader refuses others naming the field, and renderers never link one.
@Suite struct GuideURLFieldTests {
    static let hostile = ["javascript:alert(1)//", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
                          "http://evil.example/", "file:///etc/passwd", "//evil.example/x", "https://", "https://a b.example/"]

    static func oauthGuide(authorizationURL: String = "https://example.com/authorize", tokenURL: String = "https://example.com/token",
                           link: String = "https://example.com/docs") -> String {
        """
        key: demo
        name: Demo
        scopeDefinitions: {a: {}}
        actions: [{id: demo_a, label: A, requiredScopes: a}]
        authentication:
          - oauth:
              type: oauth2
              label: OAuth
              authorizationUrl: "\(authorizationURL)"
              tokenUrl: "\(tokenURL)"
              support:
                link: "\(link)"
                guides: {config: {sections: [{title: Go, steps: [{title: Tick, scopes: a}]}]}}
        """
    }

    @Test("a method's authorizationUrl, tokenUrl or support.link that is not https is an error naming the field", arguments: hostile)
    func methodFields(_ url: String) {
        let escaped = url.replacingOccurrences(of: "\"", with: "\\\"")
        for (text, field, line) in [
            (Self.oauthGuide(authorizationURL: escaped), "authentication[0].oauth.authorizationUrl", 9),
            (Self.oauthGuide(tokenURL: escaped), "authentication[0].oauth.tokenUrl", 10),
            (Self.oauthGuide(link: escaped), "authentication[0].oauth.support.link", 12),
        ] {
            let errors = BadInputTests.loadErrors(Data(text.utf8))
            #expect(errors.map(\.keyPath) == [field], "\(url)")
            #expect(errors.map(\.location.line) == [line])
            #expect(errors.first?.description.contains("https") == true)
        }
    }

    @Test("https anywhere, http to localhost, and placeholders in the host load", arguments: [
        "https://example.com/authorize", "HTTPS://example.com", "http://localhost:8080/authorize", "http://127.0.0.1/a",
        "http://[::1]:9000/a", "https://<subdomain>.traffit.com/oauth2/token", "https://{{subdomain}}.example.com/a?x=1",
    ])
    func allowed(_ url: String) throws {
        let connector = try BadInputTests.load(Self.oauthGuide(authorizationURL: url, tokenURL: url, link: url))
        #expect(connector.methods[0].authorizationURL == url)
    }

    /// Loads a guides folder whose site.yaml holds `site`; returns the load errors.
    static func siteErrors(_ site: String) throws -> [LoadError] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("demo"), withIntermediateDirectories: true)
        try Data(site.utf8).write(to: folder.appendingPathComponent("site.yaml"))
        try Data(oauthGuide().utf8).write(to: folder.appendingPathComponent("demo/demo.connector.yaml"))
        do {
            _ = try CatalogLoader().load(directory: folder)
            return []
        } catch {
            return error.loadErrors
        }
    }

    @Test("the site's docsBaseURL and callbackURLPattern must be https too", arguments: hostile)
    func siteFields(_ url: String) throws {
        let escaped = url.replacingOccurrences(of: "\"", with: "\\\"")
        let docs = try Self.siteErrors("docsBaseURL: \"\(escaped)\"\n")
        #expect(docs.map(\.keyPath) == ["docsBaseURL"])
        #expect(docs.map(\.location.file).allSatisfy { $0.hasSuffix("site.yaml") })
        let callback = try Self.siteErrors("platformName: X\ncallbackURLPattern: \"\(escaped)/{{connector}}\"\n")
        #expect(callback.map(\.keyPath) == ["callbackURLPattern"])
        #expect(callback.map(\.location.line) == [2])
        #expect(try Self.siteErrors("docsBaseURL: https://guides.example.com/\ncallbackURLPattern: https://x.example/{{connector}}/cb\n").isEmpty)
    }

    @Test("a catalogue built in code with javascript: addresses renders no link to them, in any format")
    func renderersRefuse() throws {
        var connector = try BadInputTests.load(Self.oauthGuide())
        connector.methods[0].authorizationURL = "javascript:alert(1)//"
        let catalog = Catalog(site: Site(docsBaseURL: "javascript:alert(2)//"), connectors: [connector])
        var url = try catalog.guide(connector: "demo")
        try url.select(["demo_a"])
        let renderer = GuideRenderer(catalog: catalog)
        let markdown = renderer.render(url, as: .markdown)
        #expect(RawCMark.htmlNodesAndUnsafeLinks(in: markdown) == [])
        for format in [RenderFormat.html, .fragment, .json] {
            let output = renderer.render(url, as: format)
            #expect(!output.contains("href=\"javascript"), "\(format)")
            #expect(!output.contains("javascript:alert(1)"), "\(format)")
        }
    }
}
