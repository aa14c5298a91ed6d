import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Each lint finding on a connector crafted to trigger it, and none on a clean connector.
@Suite struct LintTests {
    private static let scopes = [
        ScopeDefinition(scope: "read"),
        ScopeDefinition(scope: "write", includes: ["read"]),
        ScopeDefinition(scope: "admin"),
        ScopeDefinition(scope: "events:*:read"),
    ]

    private static let actions = [
        Action(id: "list", label: "List", requirement: Requirement(allOf: ["read"])),
        Action(id: "update", label: "Update", requirement: Requirement(allOf: ["write"])),
        Action(id: "purge", label: "Purge", requirement: Requirement(alternatives: [["admin"], ["write"]])),
        Action(id: "events", label: "Events", requirement: Requirement(allOf: ["events:inbox:read"])),
    ]

    /// A method whose config guide has one step per list of displayed scopes, and a setup guide.
    private static func method(displaying lists: [[Scope]], setup: [Scope] = []) -> AuthMethod {
        let steps = lists.enumerated().map { Step(title: "Step \($0.offset + 1)", scopes: $0.element) }
        return AuthMethod(key: "token", kind: .custom, label: "Token", guides: [
            .config: Guide(sections: [Section(title: "Scopes", steps: [Step(title: "Intro")] + steps)]),
            .setup: Guide(sections: [Section(title: "App", steps: [Step(title: "Setup step", scopes: setup)])]),
        ])
    }

    private static func connector(actions: [Action] = actions, displaying lists: [[Scope]], setup: [Scope] = []) -> Connector {
        Connector(key: "lint", name: "Lint", scopeDefinitions: scopes, actions: actions, methods: [method(displaying: lists, setup: setup)])
    }

    private static let clean = connector(displaying: [["read", "write"], ["admin"], ["events:*:read"]])

    @Test("a clean connector has no findings")
    func cleanConnector() {
        #expect(Lint.findings(for: Self.clean) == [])
    }

    @Test("a displayed scope that grants the required one counts as displayed")
    func displayedThroughGrants() {
        // write grants read; events:*:read grants events:inbox:read.
        #expect(Lint.findings(for: Self.connector(displaying: [["write"], ["admin"], ["events:*:read"]])) == [])
        // The setup guide's steps count too.
        #expect(Lint.findings(for: Self.connector(displaying: [["write"], ["events:*:read"]], setup: ["admin"])) == [])
    }

    @Test("a step displaying exactly the undefined scope an action requires counts as displaying it")
    func undefinedScopeDisplayedVerbatim() {
        let connector = Self.connector(displaying: [["write"], ["admin"], ["events:inbox:read"]])
        #expect(Lint.findings(for: connector) == [])
    }

    @Test("scopeNeverDisplayed: a required scope no step displays is an error naming its actions")
    func scopeNeverDisplayed() {
        let connector = Self.connector(displaying: [["read"], ["events:*:read"]])
        let findings = Lint.findings(for: connector)
        #expect(findings == [
            LintFinding(connector: "lint", kind: .scopeNeverDisplayed("write", actions: ["update", "purge"])),
            LintFinding(connector: "lint", kind: .scopeNeverDisplayed("admin", actions: ["purge"])),
        ])
        #expect(findings.allSatisfy { $0.severity == .error })
        #expect(findings.first?.description == #"lint: error: scope "write" is required by update, purge but no step displays it"#)
    }

    @Test("scopeNeverRequired: a displayed scope no action needs is a warning, reported once")
    func scopeNeverRequired() {
        let extra = Connector(
            key: "lint", name: "Lint", scopeDefinitions: Self.scopes + [ScopeDefinition(scope: "unused")],
            actions: Self.actions,
            methods: [Self.method(displaying: [["read", "write", "unused"], ["admin", "unused"], ["events:*:read"]])])
        let findings = Lint.findings(for: extra)
        #expect(findings == [LintFinding(connector: "lint", kind: .scopeNeverRequired("unused", step: "Step 1"))])
        #expect(findings.first?.severity == .warning)
    }

    @Test("unreachableAlternative: an alternative containing another, or repeating it, is flagged")
    func unreachableAlternative() {
        let actions = Self.actions + [
            Action(id: "superset", label: "Superset", requirement: Requirement(alternatives: [["read", "admin"], ["read"]])),
            Action(id: "repeat", label: "Repeat", requirement: Requirement(alternatives: [["admin"], ["admin"]])),
        ]
        let findings = Lint.findings(for: Self.connector(actions: actions, displaying: [["read", "write"], ["admin"], ["events:*:read"]]))
        #expect(findings == [
            LintFinding(connector: "lint", kind: .unreachableAlternative("superset", alternative: ["read", "admin"], shadowedBy: ["read"])),
            LintFinding(connector: "lint", kind: .unreachableAlternative("repeat", alternative: ["admin"], shadowedBy: ["admin"])),
        ])
        #expect(findings.allSatisfy { $0.severity == .warning })
    }

    @Test("noActions: a connector without actions is a warning")
    func noActions() {
        let empty = Connector(key: "lint", name: "Lint", scopeDefinitions: Self.scopes, actions: [], methods: [Self.method(displaying: [])])
        let findings = Lint.findings(for: empty)
        #expect(findings == [LintFinding(connector: "lint", kind: .noActions)])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.description == "lint: warning: connector has no actions")
    }

    /// `clean` with its actions relabelled, in order.
    private static func relabelled(_ labels: [String]) -> Connector {
        var connector = clean
        for (index, label) in labels.enumerated() { connector.actions[index].label = label }
        return connector
    }

    @Test("duplicateLabel: actions whose labels differ only in case or spacing are one warning naming them all")
    func duplicateLabel() {
        let findings = Lint.findings(for: Self.relabelled(["List items", "Update", "list  Items", "List Items"]))
        #expect(findings == [LintFinding(connector: "lint", kind: .duplicateLabel("List items", actions: ["list", "purge", "events"]))])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.description == #"lint: warning: 3 actions have the label "List items" (list, purge, events): give each a label of its own"#)
        // Labels that only share words are distinct.
        #expect(Lint.findings(for: Self.relabelled(["List items", "List item", "Items", "List items (GET v1/items)"])) == [])
    }

    @Test(
        "markdownInLabel: code spans, emphasis, links and images that cmark parses are flagged",
        arguments: [
            ("Creates a draft with the `DRAFT` label", ["a code span"]),
            ("See [Push notifications](https://developers.google.com/gmail/api/guides/push)", ["a link"]),
            ("**Deprecated:** use v2", ["strong emphasis"]),
            ("Lists _all_ items", ["emphasis"]),
            ("Lists *all* `users`", ["emphasis", "a code span"]),
            ("Docs at <https://example.com/docs>", ["a link"]),
            ("Shows ![a chart](https://example.com/chart.png)", ["an image"]),
        ])
    func markdownInLabel(label: String, markup: [String]) {
        let findings = Lint.findings(for: Self.relabelled([label]))
        #expect(findings == [LintFinding(connector: "lint", kind: .markdownInLabel("list", label: label, markup: markup))])
        #expect(findings.first?.severity == .warning)
    }

    @Test(
        "markdownInLabel: ordinary labels with Markdown's punctuation are not flagged",
        arguments: [
            "Get user's_id", "Get snake_case_name", "projects/*/secrets/*/versions/latest is an alias", "Multiply a * b",
            "# of items", "1. First step", "Price < 5 and > 3", "Wrap in <b>bold</b>", "[not a link]", "A [reference][x]",
            "50% off!", "Escaped \\`tick\\`", "C++ and C#", "Use ~tilde~",
        ])
    func ordinaryLabel(label: String) {
        #expect(Lint.findings(for: Self.relabelled([label])) == [])
    }

    @Test("markdownInLabel: the message quotes the label and names what was found")
    func markdownInLabelMessage() {
        let finding = LintFinding(connector: "lint", kind: .markdownInLabel("list", label: "Creates a `DRAFT`", markup: ["a code span"]))
        #expect(finding.description == #"lint: warning: action "list": label "Creates a `DRAFT`" has Markdown (a code span), which is shown as written: labels are plain text"#)
    }
}
