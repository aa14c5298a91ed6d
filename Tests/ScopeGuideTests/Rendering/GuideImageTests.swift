import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Screenshots in guide text: cmark renders them, pages load them lazily and only from `https:`
/// hosts, Markdown keeps them, and `check` names the ones left out.
@Suite struct GuideImageTests {
    static func connector(step content: String) throws -> Connector {
        let yaml = """
            key: shots
            name: Shots
            scopeDefinitions:
              read: {}
            actions:
              - id: shots_read
                label: Read
                requiredScopes: read
            authentication:
              - apiKey:
                  type: custom
                  label: API Key
                  support:
                    guides:
                      config:
                        sections:
                          - title: Get a key
                            steps:
                              - title: Sign in
                                content: \(PrettyJSON.string(content).text(.compact, escapingMarkup: true))
                              - title: Grant
                                scopes: [read]
            """
        return try CatalogLoader().loadConnector(yaml: yaml, file: "shots.connector.yaml").connector
    }

    static func render(_ content: String) throws -> (html: String, markdown: String) {
        let catalog = Catalog(connectors: [try connector(step: content)])
        let url = try catalog.guide(connector: "shots")
        let renderer = GuideRenderer(catalog: catalog)
        return (renderer.render(url, as: .html), renderer.render(url, as: .markdown))
    }

    @Test("an https: image renders as a lazy <img> with its alt text, and stays an image in Markdown")
    func httpsImage() throws {
        let (html, markdown) = try Self.render("Sign in.\n\n![Sign-in screen](https://example.com/a.png)")
        #expect(html.contains(#"<img loading="lazy" src="https://example.com/a.png" alt="Sign-in screen" />"#))
        #expect(markdown.contains("![Sign-in screen](https://example.com/a.png)"))
    }

    @Test("every image of a text is lazy, in order, and the text between them is kept as cmark wrote it")
    func severalImages() throws {
        let (html, _) = try Self.render("![one](https://example.com/1.png) and é ![two](https://example.com/2.png)\n\n![three](https://example.com/3.png)")
        let tags = html.components(separatedBy: "<img ").dropFirst().map { $0.prefix(while: { $0 != ">" }) }
        #expect(tags.count == 3)
        #expect(tags.allSatisfy { $0.hasPrefix(#"loading="lazy" src="https://example.com/"#) })
        #expect(html.contains(#"alt="one" /> and é <img loading="lazy" src="https://example.com/2.png""#))
        #expect(!html.contains("<img src="))
    }

    @Test("an image from anything but https: renders no image in either format; its alt text stays", arguments: [
        "javascript:alert(1)", "http://example.com/a.png", "data:image/png;base64,AAAA", "/relative.png", " JAVASCRIPT:x",
    ])
    func refusedImage(source: String) throws {
        let (html, markdown) = try Self.render("![Shot of it](\(source))")
        #expect(!html.contains("<img"))
        #expect(!markdown.contains("!["))
        #expect(html.contains("Shot of it"))
        #expect(markdown.contains("Shot of it"))
    }

    @Test("alt text and sources are escaped by cmark")
    func escaping() throws {
        let (html, _) = try Self.render(#"![a "quoted" <b>alt</b>](https://example.com/x.png?a=1&b="2")"#)
        #expect(html.contains(#"<img loading="lazy" src="https://example.com/x.png?a=1&amp;b=%222%22" alt="a &quot;quoted&quot; &lt;b&gt;alt&lt;/b&gt;" />"#))
    }

    @Test("check warns about each image the renderers leave out, naming where it is")
    func lint() throws {
        let connector = try Self.connector(step: "![a](http://example.com/a.png) ![b](https://example.com/b.png) ![c](data:image/png;base64,AA)")
        let findings = Lint.findings(for: connector).filter { if case .imageNotShown = $0.kind { true } else { false } }
        #expect(findings.map(\.kind) == [
            .imageNotShown(source: "http://example.com/a.png", part: "Sign in"),
            .imageNotShown(source: "data:image/png;base64,AA", part: "Sign in"),
        ])
        #expect(findings.allSatisfy { $0.severity == .warning })
        #expect(findings[0].description == #"shots: warning: "Sign in" has an image from "http://example.com/a.png", which is not https: and is left out of rendered guides"#)
    }
}
