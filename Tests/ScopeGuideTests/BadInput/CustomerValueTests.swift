import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Customer values (`var.<name>`) are text wherever a guide uses them: never a heading, a link,
/// an image or raw HTML, in any format; a variable without a pattern takes one short line.
@Suite struct CustomerValueTests {
    /// A guide using `{{app}}` in a title, in text, in a list, in a code span and in a link's
    /// URL; `app` has `pattern` when given.
    static func connector(pattern: String?) throws -> Connector {
        let patternLine = pattern.map { ", pattern: '\($0)'" } ?? ""
        return try BadInputTests.load(BadInputTests.yaml(
            scopes: "{a: {}}", actions: "  - {id: demo_a, label: A, requiredScopes: a}",
            extra: "variables:\n  app: {label: App\(patternLine)}",
            config: """
                        warning: Careful with {{app}}.
                        sections:
                          - title: Set up {{app}}
                            content: "Open {{app}} at `https://{{app}}.example.com` or [its page](https://example.com/{{app}})."
                            list: ["Name: {{app}}"]
                            steps: [{title: "Tick {{app}}", scopes: a}]
            """))
    }

    static func render(_ connector: Connector, app: String, as format: RenderFormat) throws -> String {
        let catalog = Catalog(connectors: [connector])
        var url = try catalog.guide(connector: "demo")
        try url.select(["demo_a"])
        try url.setVariables(["app": app])
        return GuideRenderer(catalog: catalog).render(url, as: format)
    }

    static let injection = "# URGENT [call us](https://evil.example) ![logo](https://evil.example/l.png) <b>x</b> *y* `z`"

    @Test("a value of Markdown makes no heading, link, image or HTML in the .md or the page")
    func markdownInValue() throws {
        let connector = try Self.connector(pattern: ".*")
        let plain = try Self.render(connector, app: "acme", as: .markdown)
        let markdown = try Self.render(connector, app: Self.injection, as: .markdown)
        // The guide's own link, the dynamic URL's and the hub's are all there is.
        #expect(RawCMark.linksImagesAndHeadings(in: markdown) == RawCMark.linksImagesAndHeadings(in: plain))
        #expect(RawCMark.htmlNodesAndUnsafeLinks(in: markdown) == [])
        #expect(markdown.contains("Careful with \\# URGENT \\[call us\\](https://evil.example) \\!\\[logo\\]"))
        for format in [RenderFormat.html, .fragment] {
            let page = try Self.render(connector, app: Self.injection, as: format)
            #expect(!page.contains("href=\"https://evil.example\""), "\(format)")
            #expect(!page.contains("<img"), "\(format)")
            #expect(!page.contains("<b>x</b>"), "\(format)")
            #expect(page.contains("# URGENT [call us](https://evil.example)"), "\(format)")
            #expect(page.components(separatedBy: "<h1").count == (try Self.render(connector, app: "acme", as: format)).components(separatedBy: "<h1").count)
        }
    }

    @Test("a value is literal in a code span and percent-encoded in a link's URL")
    func valuePlaces() throws {
        let connector = try Self.connector(pattern: ".*")
        let html = try Self.render(connector, app: "a*b c", as: .fragment)
        #expect(html.contains("<code>https://a*b c.example.com</code>"))
        #expect(html.contains("href=\"https://example.com/a%2Ab%20c\""))
        let markdown = try Self.render(connector, app: "acme", as: .markdown)
        #expect(markdown.contains("`https://acme.example.com`"))
        #expect(markdown.contains("[its page](https://example.com/acme)"))
        #expect(markdown.contains("Set up acme"))
    }

    @Test("a value its pattern lets through with line breaks stays on one line", arguments: [RenderFormat.markdown, .fragment])
    func lineBreaksInValue(_ format: RenderFormat) throws {
        let connector = try Self.connector(pattern: "[\\s\\S]*")
        let output = try Self.render(connector, app: "ok\n\n# URGENT\n\n[x](https://evil.example)", as: format)
        #expect(!output.contains("\n# URGENT"))
        #expect(!output.contains("<h1>URGENT"))
        #expect(!output.contains("href=\"https://evil.example\""))
        if format == .markdown {
            let plain = try Self.render(connector, app: "ok", as: .markdown)
            #expect(RawCMark.linksImagesAndHeadings(in: output) == RawCMark.linksImagesAndHeadings(in: plain))
        }
    }

    @Test("a variable without a pattern takes one line of 1 to 200 characters, no control characters", arguments: [
        ("acme", true), (String(repeating: "é", count: 200), true), ("Acme & Co. <b>", true),
        ("", false), ("a\nb", false), ("a\rb", false), ("a\u{0}b", false), ("a\u{202E}b", false), ("a\u{2028}b", false),
        (String(repeating: "x", count: 201), false), ("\n\n# URGENT", false),
    ])
    func defaultPattern(value: String, accepted: Bool) throws {
        let connector = try Self.connector(pattern: nil)
        var url = try Catalog(connectors: [connector]).guide(connector: "demo")
        if accepted {
            try url.setVariables(["app": value])
            #expect(url.variables == ["app": value])
        } else {
            #expect(throws: GuideURLError.invalidVariable(name: "app", value: value, pattern: Variable.defaultPattern)) {
                try url.setVariables(["app": value])
            }
            let message = GuideURLError.invalidVariable(name: "app", value: value, pattern: Variable.defaultPattern).description
            #expect(message.contains("one line of 1 to 200 characters"))
        }
    }

    @Test("check warns about a variable without a pattern")
    func lintWarns() throws {
        let findings = Lint.findings(for: try Self.connector(pattern: nil))
        #expect(findings.map(\.kind) == [.variableWithoutPattern("app")])
        #expect(findings.allSatisfy { $0.severity == .warning })
        #expect(Lint.findings(for: try Self.connector(pattern: "[a-z]+")).isEmpty)
    }
}
