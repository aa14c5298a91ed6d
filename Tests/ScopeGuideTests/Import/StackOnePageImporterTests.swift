import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct StackOnePageImporterTests {
    /// A small page in the seeds' format; tests insert or change one thing at a time.
    static func page(step: String = "<p>Open <strong>Settings</strong>.</p>", extra: String = "") -> String {
        """
        > ## Documentation Index
        > Fetch the complete documentation index at: https://docs.stackone.com/llms.txt

        # Connect Acme Tools with OAuth 2.0 – StackOne Hub

        > Link an Acme account in the StackOne Hub using OAuth 2.0.

        <Warning>You need an <strong>admin</strong> account.</Warning>

        <Panel>
          <div data-guides-scope-selector data-guide-actions-json="[{&#x22;id&#x22;:&#x22;acme_list&#x22;,&#x22;label&#x22;:&#x22;List Items&#x22;,&#x22;scopes&#x22;:[&#x22;items:read&#x22;]},{&#x22;id&#x22;:&#x22;acme_sync&#x22;,&#x22;label&#x22;:&#x22;Sync&#x22;,&#x22;scopes&#x22;:[&#x22;items:read&#x22;,&#x22;sync:write&#x22;]}]" style={{ padding: '16px' }}>
            <div className="title">Select Actions to adjust the guide</div>
          </div>
        </Panel>

        <section data-guide-section data-guide-scopes="">
          <h2>Create an app</h2>

          <p>Use the <a href="https://acme.example/apps" target="_blank" rel="noopener noreferrer">app console</a>.</p>

          <Steps>
            <Step title="Open the console">
              <div data-guide-step data-guide-scopes="" data-guide-display-scopes-list="">
                \(step)
              </div>
            </Step>

            <Step title="Grant access">
              <div data-guide-step data-guide-scopes="sync:write,items:read" data-guide-display-scopes-list="sync:write,items:read">
                <p>Enable these scopes:</p>
              </div>
            </Step>
          </Steps>
        </section>
        \(extra)
        <div data-whitelabel-hide>
          <h2>Linking the Account from the Hub</h2>

          <Steps>
            <Step title="Navigate to the Hub">
              Use one of the three <a href="/guides/accounts-section#linking-accounts">Linking Account Methods</a> to access the Hub.
            </Step>

            <Step title="Fill out the fields">
              Fill out the following fields using details from your provider:

              <ul>
                <li><strong>Client ID</strong></li>
                <li><strong>Client Secret</strong></li>
                <li><strong>Region</strong> (Optional)</li>
              </ul>
            </Step>
          </Steps>

          <p>If the account linking is successful, you will see the newly linked account in your <a href="/guides/accounts-section">Accounts</a> page.</p>
        </div>
        """
    }

    /// The 1-based line of the first line of `page` containing `text`.
    static func line(of text: String, in page: String) -> Int {
        (page.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) } ?? -1) + 1
    }

    static func errors(_ page: String) -> [ImportError] {
        do {
            _ = try StackOnePageImporter().importPage(page, file: "page.mdx")
            return []
        } catch {
            return error.importErrors.filter { $0.reason.severity == .error }
        }
    }

    @Test("title, warning, catalogue, sections, steps and fields become the guide")
    func importsEverything() throws {
        let result = try StackOnePageImporter().importPage(Self.page(), file: "page.mdx")
        let connector = result.connector
        #expect(connector.key == "acme")  // what its action ids start with
        #expect(connector.name == "Acme Tools")
        #expect(connector.actions.map(\.id) == ["acme_list", "acme_sync"])
        #expect(connector.actions[1].requirement == Requirement(allOf: ["items:read", "sync:write"]))
        // Scopes in the order the steps list them, then the catalogue's.
        #expect(connector.scopeDefinitions.map(\.scope) == ["sync:write", "items:read"])
        let method = try #require(connector.methods.first)
        #expect(method.label == "OAuth 2.0" && method.kind == .oauth2 && method.grantType == .authorizationCode)
        #expect(method.key == "oauth20")
        #expect(method.configFields == [
            Field(key: "clientId", label: "Client ID", type: "text", isRequired: true),
            Field(key: "clientSecret", label: "Client Secret", type: "password", isRequired: true, isSecret: true),
            Field(key: "region", label: "Region", type: "text", isRequired: false),
        ])
        let guide = try #require(method.guides[.config])
        #expect(guide.warning == "You need an **admin** account.")
        #expect(guide.sections.map(\.title) == ["Create an app"])
        #expect(guide.sections[0].content == "Use the [app console](https://acme.example/apps).")
        #expect(guide.sections[0].steps.map(\.title) == ["Open the console", "Grant access"])
        #expect(guide.sections[0].steps[0].content == "Open **Settings**.")
        #expect(guide.sections[0].steps[1].scopes == ["sync:write", "items:read"])
        #expect(result.warnings.isEmpty, "\(result.warnings)")
    }

    @Test("the YAML loads with CatalogLoader to the same connector")
    func yamlLoadsBack() throws {
        let result = try StackOnePageImporter(key: "acme").importPage(Self.page(), file: "page.mdx")
        let loaded = try CatalogLoader().loadConnector(yaml: result.yaml, file: "acme.connector.yaml")
        #expect(loaded.connector == result.connector)
        #expect(loaded.warnings.isEmpty)
    }

    @Test("importing a seed twice gives the same file, and the file is a fixed point",
          .enabled(if: SeedPages.available, SeedPages.absentReason), arguments: ["000", "002", "003"])
    func deterministic(seed: String) throws {
        let page = try SeedPages.page(seed)
        let first = try StackOnePageImporter().importPage(page.text, file: page.name)
        let second = try StackOnePageImporter().importPage(page.text, file: page.name)
        #expect(first.yaml == second.yaml)
        // Loading the file and writing it again changes nothing but the header.
        let loaded = try CatalogLoader().loadConnector(yaml: first.yaml).connector
        let body = { (yaml: String) in yaml.split(separator: "\n", omittingEmptySubsequences: false).drop { $0.hasPrefix("#") }.joined(separator: "\n") }
        #expect(body(try ConnectorYAMLWriter.yaml(for: loaded)) == body(first.yaml))
    }

    @Test("HTML in text becomes Markdown", arguments: [
        ("<p>Click <strong>Save</strong> then <b>OK</b>.</p>", "Click **Save** then **OK**."),
        ("<p>See <a href=\"https://x.example/a\">the docs</a>.</p>", "See [the docs](https://x.example/a)."),
        ("<p>Run <code>make &amp;&amp; go</code> or `npm test`.</p>", "Run `make && go` or `npm test`."),
        ("<p>An <em>important</em> step</p>", "An *important* step"),
        ("<p>Use 2 &lt; 3 and &#42;stars&#42;</p>", "Use 2 \\< 3 and \\*stars\\*"),
        ("<p>Click<strong> Connect</strong></p>", "Click **Connect**"),
        ("<p>Name it \"StackOne\"</p>", "Name it \"{{platformName}}\""),
        ("Loose   text\n   on two lines", "Loose text on two lines"),
    ])
    func inlineMarkdown(html: String, markdown: String) throws {
        let result = try StackOnePageImporter().importPage(Self.page(step: html), file: "page.mdx")
        let step = try #require(result.connector.methods.first?.guides[.config]?.sections.first?.steps.first)
        #expect(step.content == markdown)
    }

    @Test("unknown markup is an error naming its line", arguments: [
        ("<Tabs><Tab title=\"A\">x</Tab></Tabs>", "<Tabs>", ImportError.Reason.unknownElement("Tabs")),
        ("<p>Press <kbd>Enter</kbd></p>", "<kbd>", .unknownElement("kbd")),
        ("<h3>Heading</h3>", "<h3>", .unknownElement("h3")),
        ("<ul><li>a<ul><li>b</li></ul></li></ul>", "<ul><li>a<ul>", .misplacedElement("ul", context: "a list item")),
        ("<Card title=\"A\">x</Card>", "<Card", .unknownElement("Card")),
        ("<p>Press <Icon name=\"x\" /> now</p>", "<Icon", .unknownElement("Icon")),
    ])
    func unknownMarkup(markup: String, marker: String, reason: ImportError.Reason) throws {
        let page = Self.page(step: markup)
        let errors = Self.errors(page)
        #expect(errors.contains(ImportError(file: "page.mdx", line: Self.line(of: marker, in: page), reason: reason)), "\(errors)")
    }

    @Test("markup outside a section is reported with its line, never dropped")
    func strayContent() throws {
        let page = Self.page(extra: "\nSome loose paragraph.\n\n<Note>Careful</Note>\n")
        let errors = Self.errors(page)
        #expect(errors.contains(ImportError(file: "page.mdx", line: Self.line(of: "Some loose", in: page), reason: .strayText("Some loose paragraph."))))
        #expect(errors.contains(ImportError(file: "page.mdx", line: Self.line(of: "<Note>", in: page),
                                            reason: .misplacedElement("Note", context: "the page outside a section"))))
    }

    @Test("loose text after a lone CR or CR LF is numbered as the parser numbers elements; U+2028 ends no line")
    func strayContentAfterOtherNewlines() throws {
        let page = Self.page(extra: "\nOne.\r\rTwo.\r\n\r\nThree.\n\nFour.\u{2028}still four.\r\rFive.\n\n<Note>Careful</Note>\n")
        // The line a marker is on, counting CommonMark's line endings (CR LF is one Character;
        // counted one by one, as a filtered String would join a CR and a following LF into one).
        func line(of marker: String) -> Int {
            page[..<page.range(of: marker)!.lowerBound].reduce(1) { $0 + ($1 == "\n" || $1 == "\r\n" || $1 == "\r" ? 1 : 0) }
        }
        let errors = Self.errors(page)
        #expect(errors.contains(ImportError(file: "page.mdx", line: line(of: "Four."), reason: .strayText("Four.\u{2028}still four."))), "\(errors)")
        for text in ["One.", "Two.", "Three.", "Five."] {
            #expect(errors.contains(ImportError(file: "page.mdx", line: line(of: text), reason: .strayText(text))), "\(text): \(errors)")
        }
        #expect(errors.contains(ImportError(file: "page.mdx", line: line(of: "<Note>"), reason: .misplacedElement("Note", context: "the page outside a section"))))
    }

    @Test("broken markup: unclosed and stray closing tags")
    func brokenMarkup() throws {
        let unclosed = Self.page(step: "<p>Open <strong>Settings.</p>")
        #expect(Self.errors(unclosed).contains(ImportError(file: "page.mdx", line: Self.line(of: "<strong>Settings", in: unclosed), reason: .unclosedElement("strong"))))
        let stray = Self.page(step: "<p>Open</p></em>")
        #expect(Self.errors(stray).contains(ImportError(file: "page.mdx", line: Self.line(of: "</em>", in: stray), reason: .unexpectedClosingTag("em"))))
    }

    @Test("a page without the title line, or with another title, is refused")
    func title() throws {
        let missing = Self.page().replacingOccurrences(of: "# Connect Acme Tools with OAuth 2.0 – StackOne Hub", with: "")
        #expect(Self.errors(missing).map(\.reason) == [.missingTitle])
        let other = Self.page().replacingOccurrences(of: "# Connect Acme Tools with", with: "# Linking Acme Tools via")
        #expect(Self.errors(other).map(\.reason) == [.invalidTitle("Linking Acme Tools via OAuth 2.0 – StackOne Hub")])
    }

    @Test("a broken action catalogue is an error at its line")
    func badCatalogue() throws {
        let page = Self.page().replacingOccurrences(of: "&#x22;label&#x22;:&#x22;Sync&#x22;,", with: "")
        let errors = Self.errors(page)
        #expect(errors == [ImportError(file: "page.mdx", line: Self.line(of: "data-guide-actions-json", in: page),
                                       reason: .invalidActionsJSON("missing \"label\" at [1]"))])
    }

    @Test("an invalid --key is refused; a valid one is used")
    func key() throws {
        #expect(throws: DiagnosticsError.self) { try StackOnePageImporter(key: "Bad Key").importPage(Self.page()) }
        #expect(try StackOnePageImporter(key: "acme_2").importPage(Self.page()).connector.key == "acme_2")
    }

    @Test("`{{…}}` in page text is refused, since the guide would read it as a variable")
    func placeholders() throws {
        let page = Self.page(step: "<p>Open https://{{tenant}}.acme.example</p>")
        #expect(Self.errors(page).map(\.reason) == [.placeholderInText("tenant")])
    }

    @Test("content the renderer regenerates but that differs is a warning, and the guide is still written")
    func hubWarnings() throws {
        let page = Self.page().replacingOccurrences(
            of: "<p>If the account linking",
            with: "<p>Ask support to enable the API first.</p>\n  <p>If the account linking")
        let result = try StackOnePageImporter().importPage(page, file: "page.mdx")
        #expect(result.warnings == [ImportError(file: "page.mdx", line: Self.line(of: "Ask support", in: page),
                                                reason: .hubContentNotReproduced("Ask support to enable the API first."))])
        #expect(result.warnings[0].description.hasPrefix("page.mdx:\(Self.line(of: "Ask support", in: page)): warning: "))
    }

    @Test("ignored attributes and a paragraph after the list are warnings")
    func textWarnings() throws {
        let page = Self.page(step: "<ul><li>one</li></ul>\n<p id=\"x\">Then <strong className=\"big\">this</strong>.</p>")
        let result = try StackOnePageImporter().importPage(page, file: "page.mdx")
        let line = Self.line(of: "<p id=", in: page)
        #expect(Set(result.warnings.map(\.reason)) == [.paragraphMovedBeforeList, .ignoredAttribute("className", element: "strong")])
        #expect(result.warnings.allSatisfy { $0.line == line })
        let step = try #require(result.connector.methods.first?.guides[.config]?.sections.first?.steps.first)
        #expect(step.content == "Then **this**." && step.list == ["one"])
    }

    @Test("a method label with Client Credentials selects that grant; a label without OAuth is custom")
    func methodKinds() throws {
        let credentials = try StackOnePageImporter().importPage(Self.page().replacingOccurrences(of: "with OAuth 2.0 –", with: "with OAuth 2.0 (Client Credentials) –"))
        #expect(credentials.connector.methods.first?.grantType == .clientCredentials)
        let token = try StackOnePageImporter().importPage(Self.page().replacingOccurrences(of: "with OAuth 2.0 –", with: "with API Key –"))
        #expect(token.connector.methods.first?.kind == .custom)
        #expect(token.connector.methods.first?.grantType == nil)
    }

    @Test("every problem is reported in one run, in line order")
    func allProblems() throws {
        let page = Self.page(step: "<kbd>x</kbd>", extra: "\n<Note>n</Note>\n")
        let failure = try #require(throws: DiagnosticsError.self) { try StackOnePageImporter().importPage(page, file: "page.mdx") }
        #expect(failure.importErrors.filter { $0.reason.severity == .error }.map(\.reason) == [.unknownElement("kbd"), .misplacedElement("Note", context: "the page outside a section")])
        #expect(failure.description.contains("page.mdx:\(Self.line(of: "<kbd>", in: page)): error: unknown markup <kbd>"))
    }

    @Test("catalogue entries the loader would refuse are reported at the catalogue's line", arguments: [
        ("acme_list", "acme list", "action id \"acme list\" has characters other than letters, digits and _ . : @ -"),
        ("acme_sync", "acme_list", "action id \"acme_list\" appears twice"),
    ])
    func badActionIDs(original: String, replacement: String, why: String) throws {
        let page = Self.page().replacingOccurrences(of: "&#x22;\(original)&#x22;", with: "&#x22;\(replacement)&#x22;")
        #expect(Self.errors(page) == [ImportError(file: "page.mdx", line: Self.line(of: "data-guide-actions-json", in: page), reason: .invalidActionsJSON(why))])
    }

    @Test("Windows line endings count lines like Unix ones")
    func crlf() throws {
        let page = Self.page(step: "<kbd>x</kbd>")
        let errors = Self.errors(page.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(errors == [ImportError(file: "page.mdx", line: Self.line(of: "<kbd>", in: page), reason: .unknownElement("kbd"))])
    }
}

// MARK: - Found while building FuzzStackOneImporter

/// Pages that ended in a crash, or in a guide that does not load back as imported; each must be
/// a located error instead. Their inputs are in `Fuzz/Corpus/FuzzStackOneImporter` (Fuzz/README.md).
extension StackOnePageImporterTests {
    @Test("thousands of nested elements are one error, not a stack overflow (crashed before)", arguments: ["strong", "div", "Steps"])
    func deepNesting(element: String) {
        let markup = String(repeating: "<\(element)>", count: 10_000) + "x" + String(repeating: "</\(element)>", count: 10_000)
        for page in [Self.page(step: markup), Self.page(extra: "\n" + markup + "\n")] {
            let errors = Self.errors(page)
            let tooDeep = errors.filter { $0.reason == .nestedTooDeeply(MarkupParser.maximumDepth) }
            #expect(tooDeep.map(\.line) == [Self.line(of: "<\(element)><\(element)>", in: page)], "\(errors.prefix(5))")
            // The elements left open are not each reported as unclosed.
            #expect(!errors.contains { if case .unclosedElement = $0.reason { true } else { false } })
        }
    }

    @Test("a step's text may nest up to the limit")
    func nestingAtTheLimit() {
        // A step's text starts inside <section>, <Steps>, <Step> and <div data-guide-step>.
        let depth = MarkupParser.maximumDepth - 4
        let nested = { (count: Int) in String(repeating: "<em>", count: count) + "x" + String(repeating: "</em>", count: count) }
        #expect(Self.errors(Self.page(step: nested(depth))).isEmpty)
        #expect(Self.errors(Self.page(step: nested(depth + 1))).map(\.reason) == [.nestedTooDeeply(MarkupParser.maximumDepth)])
    }
}

extension StackOnePageImporterTests {
    @Test("`{{…}}` that the loader would read is refused at its line, however it forms (the guide did not load before)", arguments: [
        // Where pieces of text meet, and where `StackOne` after a `{` becomes `{{{platformName}}`.
        ("<p>Open the console.</p>", "<p>{<b></b>{x}}</p>", "<Step title=\"Open the console\">", "x"),
        ("<p>Open the console.</p>", "<p>{{<b>x</b>}}</p>", "<Step title=\"Open the console\">", "**x**"),
        ("<p>Open the console.</p>", "<p>Open {StackOne}</p>", "<Step title=\"Open the console\">", "{platformName"),
        ("<Step title=\"Open the console\">", "<Step title=\"{StackOne\">", "<Step title=\"{StackOne\">", "{platformName"),
        ("<p>Use the <a", "<p>{<i></i>{x}}</p><p>Use the <a", "<section data-guide-section", "x"),
        ("You need an <strong>admin</strong> account.", "{<!-- -->{x}}", "<Warning>", "x"),
        // Labels, which are not page text but which the loader checks the same way.
        ("with OAuth 2.0 –", "with {{x}} –", "# Connect", "x"),
        ("&#x22;List Items&#x22;", "&#x22;List {{x}}&#x22;", "data-guide-actions-json", "x"),
        ("<strong>Client ID</strong>", "<strong>Client {{x}}</strong>", "<strong>Client", "x"),
    ])
    func formedPlaceholders(original: String, replacement: String, marker: String, name: String) throws {
        let page = Self.page(step: "<p>Open the console.</p>").replacingOccurrences(of: original, with: replacement)
        #expect(page.contains(replacement))
        #expect(Self.errors(page) == [ImportError(file: "page.mdx", line: Self.line(of: marker, in: page), reason: .placeholderInText(name))])
    }

    @Test("a method label without an ASCII letter or digit is refused at the title (the guide did not load before)", arguments: ["!!!", "Токен"])
    func methodLabelWithoutSlug(label: String) {
        let page = Self.page().replacingOccurrences(of: "with OAuth 2.0 –", with: "with \(label) –")
        #expect(Self.errors(page) == [ImportError(file: "page.mdx", line: Self.line(of: "# Connect", in: page), reason: .invalidMethodLabel(label))])
    }

    @Test("a catalogue scope that is empty or has spaces is refused at the catalogue's line (did not load back as imported before)", arguments: [
        ("&#x22;sync write&#x22;]", "action \"acme_sync\" has the scope \"sync write\"; a scope is not empty and has no spaces"),
        ("&#x22;&#x22;]", "action \"acme_sync\" has the scope \"\"; a scope is not empty and has no spaces"),
    ])
    func badCatalogueScopes(replacement: String, why: String) {
        let page = Self.page().replacingOccurrences(of: "&#x22;sync:write&#x22;]", with: replacement)
        #expect(Self.errors(page) == [ImportError(file: "page.mdx", line: Self.line(of: "data-guide-actions-json", in: page), reason: .invalidActionsJSON(why))])
    }

    @Test("a catalogue scope listed twice is needed once, and odd scope names load back equal (differed before)")
    func repeatedAndOddCatalogueScopes() throws {
        // `\u0301x` starts with a combining mark, which joins with the space before it.
        let page = Self.page().replacingOccurrences(
            of: "&#x22;sync:write&#x22;]", with: "&#x22;sync:write&#x22;,&#x22;sync:write&#x22;,&#x22;\\u0301x&#x22;]")
        let result = try StackOnePageImporter(key: "acme").importPage(page, file: "page.mdx")
        #expect(result.connector.actions[1].requirement == Requirement(allOf: ["items:read", "sync:write", "\u{301}x"]))
        #expect(try CatalogLoader().loadConnector(data: Data(result.yaml.utf8)).connector == result.connector)
    }

    @Test("a connector name with a control character or line break imports and loads back equal (FuzzStackOneImporter: did not load before)",
          arguments: ["\u{1}", "\0", "\u{85}", "\u{2028}"])
    func controlCharacterInName(character: String) throws {
        // (A CR would end the title line, as in CommonMark: see strayContentAfterOtherNewlines.)
        let page = Self.page().replacingOccurrences(of: "# Connect Acme Tools", with: "# Connect Acme\(character)Tools")
        let result = try StackOnePageImporter().importPage(page, file: "page.mdx")
        #expect(result.connector.name == "Acme\(character)Tools")
        #expect(result.yaml.hasPrefix("# Acme\u{FFFD}Tools, imported from"))
        let loaded = try CatalogLoader().loadConnector(data: Data(result.yaml.utf8))
        #expect(loaded.connector == result.connector)
        #expect(loaded.warnings.isEmpty)
    }
}

// MARK: - Page constructs beyond the seeds

extension StackOnePageImporterTests {
    static func stepContent(_ html: String, lenient: Bool = false) throws -> (content: String?, list: [String], warnings: [ImportError]) {
        let result = try StackOnePageImporter(lenient: lenient).importPage(Self.page(step: html), file: "page.mdx")
        let step = try #require(result.connector.methods.first?.guides[.config]?.sections.first?.steps.first)
        return (step.content, step.list, result.warnings)
    }

    @Test("screenshots, line breaks and nested links become Markdown", arguments: [
        ("<p>One<br />two<br/></p>", "One\\\ntwo"),
        ("<p><br>Lead</p>", "Lead"),
        (#"<p>See <a href="https://x.example">[https://x.example](https://x.example)</a>.</p>"#, "See [https://x.example](https://x.example)."),
        (#"<p>See <a href="https://x.example">the <a href="https://y.example">docs</a></a>.</p>"#, "See [the docs](https://x.example)."),
        (#"<p><a href="https://x.example/big.png"><img src="https://x.example/small.png" alt="thumb" /></a></p>"#,
         "[![thumb](https://x.example/small.png)](https://x.example/big.png)"),
        (#"<img src="https://x.example/a b.png" alt="A [b] &amp; *c*" />"#, "![A \\[b\\] \\& \\*c\\*](<https://x.example/a b.png>)"),
        (#"<Frame caption="The &quot;Keys&quot; tab"><img src="/images/keys.png" alt="Keys" /></Frame>"#,
         #"![Keys](https://docs.stackone.com/images/keys.png "The \"Keys\" tab")"#),
    ])
    func inlineConstructs(html: String, markdown: String) throws {
        let step = try Self.stepContent(html)
        #expect(step.content == markdown)
        #expect(step.warnings.isEmpty, "\(step.warnings)")
    }

    @Test("callouts, accordions, code and tables become CommonMark blocks", arguments: [
        ("<Info>Read <em>this</em>.</Info>", "> **Info:** Read *this*."),
        ("<Warning><p>One.</p><ul><li>a</li></ul></Warning>", "> **Warning:** One.\n>\n> - a"),
        (#"<AccordionGroup><Accordion title="Why?"><p>Because.</p></Accordion></AccordionGroup>"#, "> **Why?**\n>\n> Because."),
        ("<pre><code className=\"language-json\">{&quot;a&quot;: 1}\n</code></pre>", "```json\n{\"a\": 1}\n```"),
        ("\n```\nuse `x` <b>here</b>\n```\n", "```\nuse `x` <b>here</b>\n```"),
        ("\n````md\n```\ninner\n```\n````\n", "````md\n```\ninner\n```\n````"),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "- a; b"),
        ("<ol><li>first</li><li>second</li></ol>", "1. first\n2. second"),
        ("\n| A | B |\n|---|:-:|\n| `x\\|y` | **z** |\n", "- **A:** `x|y`; **B:** **z**"),
    ])
    func blockConstructs(html: String, markdown: String) throws {
        let step = try Self.stepContent(html)
        #expect(step.content == markdown)
        #expect(step.warnings.isEmpty, "\(step.warnings)")
        // Whatever the importer writes loads back and renders.
        #expect(!(try MarkdownFragment(#require(step.content), kind: .block).html.isEmpty))
    }

    @Test("Markdown text in a step: blank lines make paragraphs, list lines the step's list")
    func markdownText() throws {
        let step = try Self.stepContent("\nFirst line\nstill first.\n\nSecond <strong>one</strong>.\n\n- a\n- b **c**\n  continued\n")
        #expect(step.content == "First line still first.\n\nSecond **one**.")
        #expect(step.list == ["a", "b **c** continued"])
    }

    @Test("an image the renderer will not show is a warning naming its line")
    func insecureImage() throws {
        let page = Self.page(step: #"<p><img src="http://x.example/a.png" alt="a" /></p>"#)
        let result = try StackOnePageImporter().importPage(page, file: "page.mdx")
        #expect(result.warnings == [ImportError(file: "page.mdx", line: Self.line(of: "<img", in: page), reason: .imageNotShown("http://x.example/a.png"))])
    }

    @Test("--lenient keeps the text of markup it cannot convert, with a warning")
    func lenient() throws {
        let markup = "<p>Press <kbd>Enter</kbd>.</p><Card title=\"x\">Card <b>text</b></Card>"
        #expect(throws: DiagnosticsError.self) { try Self.stepContent(markup) }
        let step = try Self.stepContent(markup, lenient: true)
        #expect(step.content == "Press Enter.\n\nCard text")
        #expect(step.warnings.map(\.reason) == [.unconvertedMarkupKept("kbd"), .unconvertedMarkupKept("Card")])
    }

    @Test("the key is the page's: action ids first, then connectors/<key>/ or callback URLs, then the name")
    func keyEvidence() throws {
        #expect(try StackOnePageImporter().importPage(Self.page()).connector.key == "acme")
        let mixed = Self.page().replacingOccurrences(of: "&#x22;acme_sync&#x22;", with: "&#x22;other_sync&#x22;")
        #expect(try StackOnePageImporter().importPage(mixed).connector.key == "acme-tools")
        let linked = mixed.replacingOccurrences(
            of: "https://acme.example/apps", with: "https://docs.stackone.com/connectors/acmetools/guides/link-account/oauth-2-0")
        #expect(try StackOnePageImporter().importPage(linked).connector.key == "acmetools")
        let callback = mixed.replacingOccurrences(of: "<p>Open <strong>Settings</strong>.</p>",
                                                  with: "<p>Use <code>https://api.stackone.com/connect/oauth2/acme_tools/callback</code></p>")
        #expect(try StackOnePageImporter().importPage(callback).connector.key == "acme_tools")
    }
}
