import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// MDX's rules: `{`, `}` and a `<` that starts no tag are escaped, with Markdown's own
/// punctuation; what a page shows survives `import` as the guide's Markdown.
@Suite struct MDXTextTests {
    @Test("text is escaped by MDX's rules and Markdown's, and only there")
    func escaping() {
        #expect(MDXText.escaped("a < b {x} *y* [z] `c` \\ snake_case _edge_ &copy; AT&T \"q\" it's —")
            == #"a \< b \{x\} \*y\* \[z\] \`c\` \\ snake_case \_edge\_ \&copy; AT&T "q" it's —"#)
        #expect(MDXText.attribute(#"a "b" & c"#) == "a &#x22;b&#x22; &#x26; c")
        #expect(MDXText.codeSpan("a `b` <t> {x}") == "``a `b` <t> {x}``")
        #expect(MDXText.link(url: "https://x.example/?a=1&b=2", "X") == #"<a href="https://x.example/?a=1&#x26;b=2" target="_blank" rel="noopener noreferrer">X</a>"#)
    }

    @Test("guide text with braces, angle brackets, emphasis markers and code exports escaped and imports unchanged")
    func specialTextRoundTrips() throws {
        let content = #"Use \{braces\}, a \< b, \*stars\*, `Bearer <token> {x}`, **bold** and *em*, [a link](https://x.example/a_b), snake_case and \_edge\_."#
        let yaml = """
            key: odd
            name: Odd
            scopeDefinitions: {read: {}}
            actions: [{id: odd_read, label: Read, requiredScopes: read}]
            authentication:
              - token:
                  type: custom
                  label: API Key
                  configFields: [{key: apiKey, label: API Key, required: true}]
                  support:
                    guides:
                      config:
                        warning: 'Mind the {curly} <angle> bits.'
                        sections:
                          - title: Keys & <tags>
                            content: '\(content.replacingOccurrences(of: "'", with: "''"))'
                            steps:
                              - title: Copy the key
                                content: "First line.\\n\\nSecond paragraph with `{{platformName}}`."
                                list: ['Item with \\{x\\}', '1 < 2']
                                scopes: read
            """
        let connector = try CatalogLoader().loadConnector(yaml: yaml, file: "odd.connector.yaml").connector
        let catalog = Catalog(connectors: [connector])
        let mdx = GuideRenderer(catalog: catalog).render(try catalog.guide(connector: "odd"), as: .mdx)
        // No brace or `<` outside tags, code spans and attributes reaches MDX unescaped.
        #expect(mdx.contains(#"<h2>Keys & \<tags></h2>"#))
        #expect(mdx.contains(#"<Warning>Mind the \{curly\} \<angle> bits.</Warning>"#))
        #expect(mdx.contains("`Bearer <token> {x}`"))
        let imported = try StackOnePageImporter(key: "odd").importPage(mdx, file: "odd.mdx")
        #expect(imported.warnings.isEmpty, "\(imported.warnings)")
        let guide = try #require(imported.connector.methods.first?.guides[.config])
        let original = try #require(connector.methods.first?.guides[.config])
        #expect(guide.sections[0].content == content)
        #expect(guide.sections[0].steps[0].content == "First line.\n\nSecond paragraph with `{{platformName}}`.")
        #expect(guide.sections[0].steps[0].list == [#"Item with \{x\}"#, #"1 \< 2"#])
        // Text written with a bare `<` (`1 < 2`, `<tags>`) comes back escaped, the same text to
        // CommonMark; every other text comes back as written.
        var expected = original
        expected.sections[0].steps[0].list[1] = #"1 \< 2"#
        expected.warning = #"Mind the \{curly\} \<angle> bits."#
        expected.sections[0].title = #"Keys & \<tags>"#
        #expect(guide == expected)
    }
}
