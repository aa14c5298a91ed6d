import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Hostile and broken input: each case must end in a clear error or a correct result, never a
/// crash or a hang. (How long each takes is measured in Benchmarks/README.md, not asserted here.)
@Suite struct BadInputTests {
    // MARK: Helpers

    /// A connector file with `scopes` (default `a`, and `b` including it), `actions`, the
    /// top-level lines `extra` (such as `variables:`), and a config guide: `config` (its lines,
    /// indented for their place) or by default one section whose one step shows `stepScopes`.
    static func yaml(
        scopes: String = "{a: {}, b: {includes: a}}", actions: String, stepScopes: String = "a b", extra: String = "", config: String? = nil
    ) -> String {
        let guide = config ?? """
                        sections:
                          - title: Go
                            content: Sign in.
                            steps: [{title: Tick, scopes: \(stepScopes)}]
            """
        return """
            key: demo
            name: Demo
            scopeDefinitions: \(scopes)
            actions:
            \(actions)
            \(extra)
            authentication:
              - token:
                  type: custom
                  label: Token
                  support:
                    guides:
                      config:
            \(guide)
            """
    }

    static func load(_ text: String) throws -> Connector {
        try CatalogLoader().loadConnector(data: Data(text.utf8), file: "test.yaml").connector
    }

    /// Errors of a load that must fail, each of which must say where.
    static func loadErrors(_ bytes: Data) -> [LoadError] {
        do {
            _ = try CatalogLoader().loadConnector(data: bytes, file: "test.yaml")
            Issue.record("loaded, but an error was expected")
            return []
        } catch {
            for problem in error.loadErrors { #expect(problem.description.hasPrefix("test.yaml:")) }
            return error.loadErrors
        }
    }

    static func render(_ connector: Connector, _ ids: [ActionID] = [], as format: RenderFormat = .markdown) throws -> String {
        let catalog = Catalog(connectors: [connector])
        var url = try catalog.guide(connector: connector.key)
        try url.select(ids)
        return GuideRenderer(catalog: catalog).render(url, as: format)
    }

    /// A connector built in code: `count` actions over 100 scopes, one in three any-of.
    static func largeConnector(actions count: Int) -> Connector {
        let scopes = (0..<100).map { ScopeDefinition(scope: Scope("s\($0)"), includes: $0 >= 50 ? [Scope("s\($0 - 50)")] : []) }
        let actions = (0..<count).map { index in
            let scope = Scope("s\(index % 100)"), other = Scope("s\((index * 7) % 100)")
            return Action(id: ActionID("act_\(index)"), label: "Action \(index)",
                          requirement: Requirement(alternatives: index % 3 == 0 ? [[scope], [other]] : [[scope]]))
        }
        let guide = Guide(sections: [Section(title: "Go", steps: [Step(title: "Tick", scopes: scopes.map(\.scope))])])
        return Connector(key: "large", name: "Large", scopeDefinitions: scopes, actions: actions,
                         methods: [AuthMethod(key: "token", kind: .custom, label: "Token", guides: [.config: guide])])
    }

    // MARK: Truncated YAML

    static let front = try! Data(contentsOf: Fixtures.guidesDirectory.appendingPathComponent("front/front.connector.yaml"))

    @Test("Front's file cut anywhere loads or fails with located errors", arguments: Array(stride(from: 0, to: front.count, by: 257)))
    func truncatedYAML(length: Int) {
        let prefix = Self.front.prefix(length)
        let lines = prefix.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
        do {
            _ = try CatalogLoader().loadConnector(data: prefix, file: "test.yaml")
        } catch {
            #expect(!error.loadErrors.isEmpty)
            for problem in error.loadErrors {
                #expect(problem.description.hasPrefix("test.yaml:"))
                #expect((1...lines + 1).contains(problem.location.line), "\(problem)")
            }
        }
    }

    // MARK: Many scopes

    /// A connector defining `count` scopes `s0`…, the first two of them `a` and `b` for the step.
    static func manyScopes(_ count: Int) -> String {
        yaml(scopes: "{a: {}, b: {includes: a}, " + (2..<count).map { "s\($0): {}" }.joined(separator: ", ") + "}",
             actions: "  - {id: demo_a, label: A, requiredScopes: a}")
    }

    @Test("a connector naming more than 20,000 distinct scopes is one error at scopeDefinitions (each scope's grants are a bitset over all of them)")
    func tooManyScopes() throws {
        let errors = Self.loadErrors(Data(Self.manyScopes(CatalogLoader.maximumScopes + 1).utf8))
        #expect(errors.map(\.reason) == [.tooManyScopes(CatalogLoader.maximumScopes + 1)])
        #expect(errors.map(\.keyPath) == ["scopeDefinitions"])
        #expect(errors.map(\.location.line) == [3])
        // Required scopes count too: one undefined scope over the limit is still this error.
        let required = Self.yaml(
            scopes: "{a: {}, b: {includes: a}, " + (2..<CatalogLoader.maximumScopes).map { "s\($0): {}" }.joined(separator: ", ") + "}",
            actions: "  - {id: demo_a, label: A, requiredScopes: a}\n  - {id: demo_b, label: B, requiredScopes: nowhere}")
        #expect(Self.loadErrors(Data(required.utf8)).map(\.reason) == [.tooManyScopes(CatalogLoader.maximumScopes + 1)])
        // At the limit it loads.
        let connector = try Self.load(Self.manyScopes(CatalogLoader.maximumScopes))
        #expect(connector.scopeDefinitions.count == CatalogLoader.maximumScopes)
    }

    // MARK: 10 MB strings

    static let tenMB = String(repeating: "x", count: 10_000_000)
    /// Past ``CatalogLoader/maximumFileSize`` (32 MiB).
    static let fortyMB = String(repeating: "x", count: 40_000_000)

    @Test("a guide file over 32 MiB (a 40 MB string, or 600,000 actions) is one clear error", arguments: [
        LargeText("a 40 MB label", yaml(actions: "  - {id: demo_a, label: \"\(fortyMB)\", requiredScopes: a}")),
        LargeText("a 40 MB scope list", yaml(actions: "  - {id: demo_a, label: A, requiredScopes: \"\(fortyMB)\"}")),
        LargeText("600,000 actions", yaml(actions: (0..<600_000).map { "  - {id: demo_\($0), label: Action \($0), requiredScopes: a}" }.joined(separator: "\n"))),
    ])
    func hugeFile(_ input: LargeText) {
        let text = input.text
        let errors = Self.loadErrors(Data(text.utf8))
        #expect(errors.map(\.reason) == [.tooLarge(text.utf8.count)])
        #expect(errors.map(\.location.line) == [1])
        #expect(errors.allSatisfy { $0.description.utf8.count < 200 })
        #expect(throws: DiagnosticsError.self) { try CatalogLoader().loadConnector(yaml: text) }
    }

    static let oneMB = String(repeating: "x", count: 1_000_000)

    @Test("a 1 MB action label loads and is rendered whole")
    func longLabel() throws {
        let connector = try Self.load(Self.yaml(actions: "  - {id: demo_a, label: \"\(Self.oneMB)\", requiredScopes: a}"))
        let markdown = try Self.render(connector, ["demo_a"])
        #expect(markdown.contains("**Selected actions:** " + Self.oneMB + "\n"))
    }

    @Test("10 MB of Markdown in a step renders in both formats")
    func hugeContent() throws {
        let text = String(repeating: "Click **Save**, then [docs](https://example.com). ", count: 200_000)
        var connector = Self.largeConnector(actions: 1)
        connector.methods[0].guides[.config]!.sections[0].steps[0].content = text
        #expect(try Self.render(connector, ["act_0"]).utf8.count > 10_000_000)
        #expect(try Self.render(connector, ["act_0"], as: .fragment).utf8.count > 10_000_000)
    }

    @Test("a 1 MB unknown scope name is a short, located error")
    func longUnknownScope() throws {
        let errors = Self.loadErrors(Data(Self.yaml(actions: "  - {id: demo_a, label: A, requiredScopes: \"\(Self.oneMB)\"}").utf8))
        #expect(errors.map(\.keyPath) == ["actions[0].requiredScopes"])
        #expect(errors.allSatisfy { $0.description.utf8.count < 1_000 })
    }

    @Test("a 10 MB URL is rejected by its length", arguments: [
        LargeText("10 MB of x", tenMB),
        LargeText("a guide URL with 10 MB of actions", "https://docs.stackone.com/connectors/front/guides/link-account/api-token?actions=" + tenMB),
    ])
    func hugeURL(_ input: LargeText) {
        let text = input.text
        #expect(throws: GuideURLError.tooLong(text.utf8.count)) { try GuideRequest(parsing: text, in: Fixtures.catalog) }
        var url = try! Fixtures.catalog.guide(connector: "front")
        #expect(throws: GuideURLError.tooLong(text.utf8.count)) { try url.applyQuery(text[...]) }
    }

    static let almostOneMiB = String(repeating: "y", count: 1_000_000)

    @Test("a URL just under the limit, naming a 1 MB action or parameter, is a short error", arguments: [
        LargeText("a 1 MB action", "https://docs.stackone.com/connectors/front/guides/link-account/api-token?actions=" + almostOneMiB),
        LargeText("a 1 MB parameter name", "https://docs.stackone.com/connectors/front/guides/link-account/api-token?" + almostOneMiB + "=1"),
        LargeText("a 1 MB connector key", "https://docs.stackone.com/connectors/" + almostOneMiB + "/guides/link-account/api-token"),
    ])
    func longURL(_ input: LargeText) {
        let text = input.text
        do {
            _ = try GuideRequest(parsing: text, in: Fixtures.catalog)
            Issue.record("parsed")
        } catch {
            #expect(error.description.utf8.count < 1_000)
        }
    }

    // MARK: 100k actions

    @Test("20,000 actions in a file load, in file order")
    func manyActionsInYAML() throws {
        let actions = (0..<20_000).map { "  - {id: demo_\($0), label: Action \($0), requiredScopes: \($0 % 2 == 0 ? "a" : "b")}" }
        let connector = try Self.load(Self.yaml(actions: actions.joined(separator: "\n")))
        #expect(connector.actions.count == 20_000)
        #expect(connector.actions.last?.id == "demo_19999")
    }

    @Test("100,000 actions resolve: nothing, all, and a few selected")
    func manyActionsResolve() throws {
        let connector = Self.largeConnector(actions: 100_000)
        let resolver = Resolver(connector: connector)
        let method = connector.methods[0]
        #expect(resolver.resolve(.none, for: method).scopes.count == 100)
        let all = resolver.resolve(try Selection(connector.actions.map(\.id), in: connector), for: method)
        #expect(all.isOptimal)
        #expect(all.scopes == (50..<100).map { Scope("s\($0)") })
        #expect(resolver.resolve(try Selection(["act_99998", "act_1"], in: connector), for: method).scopes == ["s1", "s98"])
    }

    @Test("a guide of 100,000 actions renders its page with the first 200 rows, the selected one and the count")
    func manyActionsRender() throws {
        let page = try Self.render(Self.largeConnector(actions: 100_000), ["act_99998"], as: .html)
        #expect(page.components(separatedBy: "<input type=\"checkbox\"").count - 1 == ScopeSelectorPanel.rowLimit + 1)
        #expect(page.contains("value=\"act_99998\" checked"))
        #expect(page.contains("200 of 100,000 matching actions shown"))
    }

    // MARK: Deep nesting

    static let depth = 10_000

    @Test("deeply nested Markdown renders without exhausting the stack", arguments: [
        LargeText("10,000 nested list markers", String(repeating: "- ", count: depth) + "x"),
        LargeText("10,000 nested quotes", String(repeating: "> ", count: depth) + "x"),
        // Nesting by indentation costs 2n spaces at depth n: 1,000 levels are 1 MB of text.
        LargeText("1,000 lists nested by indentation", (0..<1_000).map { String(repeating: " ", count: 2 * $0) + "- x" }.joined(separator: "\n")),
        LargeText("10,000 nested links", String(repeating: "[", count: depth) + "x" + String(repeating: "](u)", count: depth)),
        LargeText("10,000 nested emphasis delimiters", String(repeating: "*", count: depth) + "x" + String(repeating: "*", count: depth)),
        LargeText("10,000 alternating unclosed delimiters", String(repeating: "_a *b ", count: depth) + "x"),
    ])
    func deepMarkdown(_ input: LargeText) throws {
        let text = input.text
        var connector = Self.largeConnector(actions: 1)
        connector.methods[0].guides[.config]!.warning = text
        connector.methods[0].guides[.config]!.sections[0].content = text
        connector.methods[0].guides[.config]!.sections[0].steps[0].title = text
        for format in [RenderFormat.markdown, .html] {
            #expect(try Self.render(connector, ["act_0"], as: format).contains("x"))
        }
    }

    @Test("deeply nested YAML is a syntax error")
    func deepYAML() {
        // On one line, libyaml's scanner meets its own limit (1,000) before the preflight's
        // (200) sees the events: YAMLShapeTests has nesting below 1,000.
        let nested = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        let errors = Self.loadErrors(Data(Self.yaml(actions: "  - \(nested)").utf8))
        #expect(errors.contains { if case .syntax = $0.reason { true } else { false } })
    }

    // MARK: Invalid UTF-8 and NUL

    @Test("invalid UTF-8 in a file is one clear error", arguments: [
        [0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
    ] as [[UInt8]])
    func invalidUTF8(_ bytes: [UInt8]) {
        let text = Self.yaml(actions: "  - {id: demo_a, label: LABEL, requiredScopes: a}")
        var data = Data(text.utf8)
        let label = data.range(of: Data("LABEL".utf8))!
        data.replaceSubrange(label, with: bytes)
        let errors = Self.loadErrors(data)
        #expect(errors.map(\.reason) == [.unreadable("not valid UTF-8")])
    }

    @Test("percent-encoded invalid UTF-8 in a URL is a malformed-encoding error", arguments: ["%FF", "%C3%28", "%ED%A0%80", "%E2%82"])
    func invalidUTF8InURL(_ escape: String) {
        let url = "https://docs.stackone.com/connectors/front/guides/link-account/api-token?actions=front_send_message" + escape
        #expect(throws: GuideURLError.malformedEncoding("actions=front_send_message" + escape)) {
            try GuideRequest(parsing: url, in: Fixtures.catalog)
        }
    }

    @Test("a raw NUL byte in a file is a syntax error")
    func nulByteInYAML() {
        let errors = Self.loadErrors(Data(Self.yaml(actions: "  - {id: demo_a, label: \"A\0B\", requiredScopes: a}").utf8))
        #expect(errors.count == 1)
        #expect(errors.allSatisfy { if case .syntax = $0.reason { true } else { false } })
    }

    @Test("an escaped NUL in a label or NULs in Markdown render as U+FFFD, never cut the text")
    func nulInText() throws {
        var connector = try Self.load(Self.yaml(actions: "  - {id: demo_a, label: \"A\\0B\", requiredScopes: a}"))
        #expect(connector.actions[0].label == "A\0B")
        connector.methods[0].guides[.config]!.sections[0].content = "before\0after *x\0y*"
        for format in [RenderFormat.markdown, .html, .fragment] {
            let output = try Self.render(connector, ["demo_a"], as: format)
            #expect(!output.utf8.contains(0))
            #expect(output.contains("before\u{FFFD}after"))
        }
        #expect(try Self.render(connector, ["demo_a"]).contains("A\u{FFFD}B"))
    }

    @Test("a NUL in a URL's action id is an unknown action")
    func nulInURL() {
        let url = "https://docs.stackone.com/connectors/front/guides/link-account/api-token?actions=front_send_message%00"
        #expect(throws: GuideURLError.self) { try GuideRequest(parsing: url, in: Fixtures.catalog) }
    }

    // MARK: includes cycles

    @Test("an includes cycle of length 1 to 50 is one error naming the whole cycle", arguments: 1...50)
    func includesCycle(length: Int) {
        let scopes = (0..<length).map { "s\($0): {includes: s\(($0 + 1) % length)}" }.joined(separator: ", ")
        let errors = Self.loadErrors(Data(Self.yaml(scopes: "{\(scopes)}", actions: "  - {id: demo_a, label: A, requiredScopes: s0}", stepScopes: "s0").utf8))
        let cycle = (0..<length).map { "s\($0)" } + ["s0"]
        #expect(errors.map(\.reason) == [.includesCycle(cycle)])
    }

    // MARK: 10k actions in a URL

    static let tenThousand = largeConnector(actions: 10_000)

    @Test("a URL selecting 10,000 actions parses, resolves and round-trips")
    func urlWithManyActions() throws {
        let catalog = Catalog(connectors: [Self.tenThousand])
        let ids = Self.tenThousand.actions.map(\.id.rawValue).reversed()
        let text = "https://x.example/connectors/large/guides/link-account/token?actions=" + ids.joined(separator: "%2C ")
        let url = try GuideRequest(parsing: text, in: catalog)
        #expect(url.selection.actions.count == 10_000)
        #expect(try GuideRequest(parsing: url.description, in: catalog) == url)
        let resolution = Tailor(catalog: catalog).guide(for: url).resolution
        #expect(resolution.isOptimal)
        #expect(resolution.scopes == (50..<100).map { Scope("s\($0)") })
    }

    @Test("a URL naming 10,000 unknown actions fails with a bounded message")
    func urlWithManyUnknownActions() {
        let catalog = Catalog(connectors: [Self.tenThousand])
        let text = "https://x.example/connectors/large/guides/link-account/token?actions="
            + (0..<10_000).map { "nope_\($0)" }.joined(separator: ",")
        do {
            _ = try GuideRequest(parsing: text, in: catalog)
            Issue.record("parsed")
        } catch {
            guard case .unknownActions(let unknown, _) = error else { Issue.record("\(error)"); return }
            #expect(unknown.count == 10_000)
            #expect(error.description.contains("… and 9980 more unknown actions"))
        }
    }

    // MARK: Found while building this corpus

    @Test("defaultScopes naming a concrete scope that only a wildcard defines resolves (crashed before)")
    func undefinedDefaultScope() throws {
        let connector = try Self.load("""
            key: demo
            name: Demo
            scopeDefinitions: {"events:*:read": {}}
            actions: [{id: demo_inbox, label: Inbox, requiredScopes: "events:inbox:read"}]
            authentication:
              - oauth:
                  type: oauth2
                  label: OAuth
                  defaultScopes: events:inbox:read
                  support: {guides: {config: {sections: [{title: Grant, steps: [{title: Tick, scopes: "events:*:read"}]}]}}}
            """)
        let resolution = Resolver(connector: connector).resolve(.none, for: connector.methods[0])
        #expect(resolution.scopes == ["events:inbox:read"])
        #expect(resolution.explanation == [Resolution.Reason(scope: "events:inbox:read", actions: ["demo_inbox"], authority: 1)])
        #expect(try Self.render(connector).contains("events:inbox:read"))
    }

    @Test("fuzz input: cmark's list separator after a nested list is its own comment, not guide HTML")
    func endListAfterNestedList() throws {
        // FuzzGuideRenderer's first finding (Fuzz/Corpus/FuzzGuideRenderer/end-list-after-nested-list).
        let text = "1.   - nested `cmde`\n     1. one\n   - nested `code`\n  de`\n  Cap0. oneh`v\0"
        var connector = Self.largeConnector(actions: 1)
        connector.methods[0].guides[.config]!.warning = text
        connector.methods[0].guides[.config]!.sections[0].content = text
        connector.methods[0].guides[.config]!.sections[0].steps[0] = Step(title: text, content: text, list: [text], scopes: ["s0"])
        let markdown = try Self.render(connector, ["act_0"])
        #expect(markdown.contains("<!-- end list -->"))
        #expect(RawCMark.htmlNodesAndUnsafeLinks(in: markdown).isEmpty)
        #expect(try Self.render(connector, ["act_0"]) == markdown)
    }
}
