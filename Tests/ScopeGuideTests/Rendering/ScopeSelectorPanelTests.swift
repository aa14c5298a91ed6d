import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// The panel as the server and `render` write it, before any script runs (issue 27 part 5): the
/// selection summary, the variable inputs, the scopes with their descriptions and levels, the
/// folded grant and refusal boxes; every value from a guide or request escaped.
@Suite struct ScopeSelectorPanelTests {
    let renderer = GuideRenderer(catalog: Fixtures.catalog)

    func page(_ connector: String, actions: [ActionID] = [], granted: [String] = [], variables: [String: String] = [:], in catalog: Catalog = Fixtures.catalog) throws -> String {
        var request = try catalog.guide(connector: connector)
        try request.select(actions)
        try request.setConstraints(granted: granted, refused: [])
        try request.setVariables(variables)
        return GuideRenderer(catalog: catalog).render(request, as: .html)
    }

    /// The panel's markup, from its `<section>` to the end of the section.
    func panel(_ html: String) throws -> Substring {
        let start = try #require(html.range(of: "<section class=\"sg-panel\""))
        let end = try #require(html[start.upperBound...].range(of: "</section>"))
        return html[start.lowerBound..<end.upperBound]
    }

    @Test("the summary counts the selection and has a removable chip per action, in catalogue order, before the list")
    func selectionSummary() throws {
        let html = try panel(try page("front", actions: ["front_send_message", "front_list_conversations", "front_create_contact"]))
        #expect(html.contains("<p class=\"sg-selection-count\" aria-live=\"polite\" data-guide-selection-count>3 actions selected</p>"))
        let chips = html.components(separatedBy: "data-guide-deselect=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        // Front lists conversations, then contacts, then messages.
        #expect(chips == ["front_list_conversations", "front_create_contact", "front_send_message"])
        #expect(html.contains("aria-label=\"Remove Send Message\"><span>Send Message</span><span class=\"sg-chip-x\" aria-hidden=\"true\">×</span></button>"))
        // Above the search and the long list, where it stays in view.
        let summary = try #require(html.range(of: "data-guide-selection>"))
        let list = try #require(html.range(of: "data-guide-action-list"))
        #expect(summary.lowerBound < list.lowerBound)

        let none = try panel(try page("front"))
        #expect(none.contains("data-guide-selection-count>No actions selected: the guide shows every step</p>"))
        #expect(!none.contains("data-guide-deselect"))
    }

    @Test("a selection larger than the chip limit shows that many chips and counts the rest")
    func manyChips() throws {
        let ids = Fixtures.front.actions.map(\.id)
        try #require(ids.count > ScopeSelectorPanel.chipLimit)
        let html = try panel(try page("front", actions: ids))
        #expect(html.components(separatedBy: "data-guide-deselect=\"").count - 1 == ScopeSelectorPanel.chipLimit)
        #expect(html.contains("data-guide-selection-count>\(ids.count) actions selected</p>"))
        #expect(html.contains("<span class=\"sg-muted\" data-guide-selection-more>and \(ids.count - ScopeSelectorPanel.chipLimit) more</span>"))
    }

    @Test("each variable a request may give has an input with its pattern, rule and the URL's value")
    func variableInputs() throws {
        let traffit = try panel(try page("traffit", variables: ["subdomain": "acme"]))
        #expect(traffit.contains("<legend>Guide variables</legend>"))
        #expect(traffit.contains("name=\"var.subdomain\" value=\"acme\" placeholder=\"mycompany\""))
        #expect(traffit.contains("data-guide-variable=\"subdomain\" data-guide-variable-pattern=\"^[a-z0-9-]+$\""))
        #expect(traffit.contains("Must match <code>^[a-z0-9-]+$</code>. For example <code>mycompany</code>."))
        #expect(traffit.contains("<p class=\"sg-error\" id=\"sg-var-0-error\" data-guide-variable-error=\"subdomain\" hidden></p>"))
        // Empty without a value; the text then shows the placeholder the script fills.
        let empty = try page("traffit")
        #expect(empty.contains("name=\"var.subdomain\" value=\"\""))
        #expect(empty.contains("<code>https://‹subdomain›.traffit.com</code>"))

        // Gmail's OAuth method takes client_id, redirect_uri and state, each with its pattern.
        let gmail = try panel(try page("gmail"))
        let names = gmail.components(separatedBy: "data-guide-variable=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(names == Fixtures.catalog.connector("gmail")!.acceptedVariables.map(\.name))
        #expect(names == ["client_id", "redirect_uri", "state"])
        #expect(gmail.contains("data-guide-variable=\"client_id\" data-guide-variable-pattern=\"[A-Za-z0-9._~:@+=-]{1,512}\""))
        // Front declares none: no inputs.
        #expect(!(try panel(try page("front"))).contains("data-guide-variables"))
    }

    @Test("a variable without a pattern states the default rule, as the engine's refusal says it")
    func defaultRule() {
        let rule = ScopeSelectorPanel.ruleHTML(for: Variable(name: "app", label: "App"))
        #expect(rule == "One line of 1 to 200 characters, without control characters.")
        let refusal = GuideURLError.invalidVariable(name: "app", value: "", pattern: Variable.defaultPattern).description
        #expect(refusal.contains("must be one line of 1 to 200 characters, without control characters"))
    }

    @Test("each scope of the answer is listed with its level and description")
    func scopeDetails() throws {
        let front = try panel(try page("front", actions: ["front_send_message", "front_list_conversations"]))
        #expect(front.contains("""
            <li data-guide-scope-detail="conversations:read"><code>conversations:read</code><span class="sg-level" data-level="1" \
            title="Privilege level: how much a grant exposes, from 1 (the least)">level 1</span><span class="sg-scope-description">Read conversations</span></li>
            <li data-guide-scope-detail="messages:send"><code>messages:send</code><span class="sg-level" data-level="2" \
            title="Privilege level: how much a grant exposes, from 1 (the least)">level 2</span><span class="sg-scope-description">Send messages</span></li>
            </ul>
            """))
        // Gmail gives no levels: descriptions only.
        let gmail = try panel(try page("gmail", actions: ["gmail_users_labels_list"]))
        #expect(gmail.contains("data-guide-scope-detail=\"https://www.googleapis.com/auth/gmail.labels\"><code>https://www.googleapis.com/auth/gmail.labels</code><span class=\"sg-scope-description\">"))
        #expect(!gmail.contains("sg-level"))
    }

    @Test("the grant and refusal boxes are folded away unless the URL gives a grant or refusals")
    func constraintsFolded() throws {
        let plain = try panel(try page("front", actions: ["front_send_message"]))
        #expect(plain.contains("<details class=\"sg-constraints\" data-guide-constraints>\n<summary>Existing grant and refused scopes<span class=\"sg-muted\" data-guide-constraints-summary></span></summary>"))
        let granted = try panel(try page("front", actions: ["front_send_message"], granted: ["conversations:read", "tags:read"]))
        #expect(granted.contains("<details class=\"sg-constraints\" data-guide-constraints open>\n<summary>Existing grant and refused scopes<span class=\"sg-muted\" data-guide-constraints-summary>: 2 granted</span></summary>"))
        // The report stays outside the fold, where the answer is read.
        let details = try #require(granted.range(of: "</details>"))
        let report = try #require(granted.range(of: "data-guide-constraint-report"))
        #expect(details.upperBound < report.lowerBound)
        #expect(ScopeSelectorPanel.constraintsSummary(granted: 0, refused: 1_200) == ": 1,200 refused")
    }

    @Test("descriptions, labels, variable text and patterns from a guide reach the panel escaped")
    func hostileText() throws {
        let hostile = """
            key: hostile
            name: Hostile
            scopeDefinitions:
              'read"><b>': {description: '<img src=x onerror=alert(1)> & "quoted"', privilege: 2}
            actions:
              - id: hostile_read
                label: 'Read </button><script>alert(2)</script>'
                requiredScopes: ['read"><b>']
            variables:
              app: {label: 'App <script>alert(3)</script>', example: '"><i>', pattern: '[a-z<>"]+'}
            authentication:
              - token:
                  type: custom
                  label: Token
                  support:
                    guides:
                      config:
                        sections:
                          - title: Grant
                            content: Use {{app}}.
                            steps:
                              - title: Grant
                                content: Grant it.
                                scopes: ['read"><b>']
            """
        let connector = try CatalogLoader().loadConnector(yaml: hostile, file: "hostile.yaml").connector
        let catalog = Catalog(site: Fixtures.catalog.site, connectors: [connector])
        let html = try panel(try page("hostile", actions: ["hostile_read"], variables: ["app": "a<\"b"], in: catalog))
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>") && !html.contains("<i>"))
        #expect(html.contains("<span class=\"sg-scope-description\">&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;</span>"))
        #expect(html.contains("data-guide-scope-detail=\"read&quot;&gt;&lt;b&gt;\"><code>read&quot;&gt;&lt;b&gt;</code>"))
        #expect(html.contains("aria-label=\"Remove Read &lt;/button&gt;&lt;script&gt;alert(2)&lt;/script&gt;\"><span>Read &lt;/button&gt;&lt;script&gt;alert(2)&lt;/script&gt;</span>"))
        #expect(html.contains("<label for=\"sg-var-0\">App &lt;script&gt;alert(3)&lt;/script&gt; <code>app</code></label>"))
        #expect(html.contains("value=\"a&lt;&quot;b\" placeholder=\"&quot;&gt;&lt;i&gt;\""))
        #expect(html.contains("data-guide-variable-pattern=\"[a-z&lt;&gt;&quot;]+\""))
        #expect(html.contains("Must match <code>[a-z&lt;&gt;&quot;]+</code>. For example <code>&quot;&gt;&lt;i&gt;</code>."))
    }
}
