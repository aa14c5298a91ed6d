import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct ConnectorYAMLWriterTests {
    @Test("every committed connector written out loads back equal", arguments: ["front", "capsule", "traffit"])
    func roundTrip(key: String) throws {
        let connector = try #require(Fixtures.catalog.connector(key))
        let yaml = try ConnectorYAMLWriter.yaml(for: connector)
        let loaded = try CatalogLoader().loadConnector(yaml: yaml, file: "\(key).connector.yaml")
        #expect(loaded.connector == connector)
        #expect(loaded.warnings.isEmpty)
    }

    @Test("strings YAML would read as other types, or that need quoting, stay strings")
    func quoting() throws {
        let tricky = ["true", "1.0", "null", "a: b", "# not a comment", "- item", "'quoted'", "{{platformName}} app", "line one\nline two", "~", "@home"]
        let connector = Connector(
            key: "tricky", name: "yes",
            scopeDefinitions: [ScopeDefinition(scope: "events:*:read", description: "no")],
            actions: tricky.enumerated().map { Action(id: ActionID("a\($0.offset)"), label: $0.element, requirement: Requirement(allOf: ["events:x:read"])) },
            methods: [AuthMethod(key: "m", kind: .custom, label: "On", guides: [.config: Guide(sections: [Section(title: "off", list: tricky)])])])
        let yaml = try ConnectorYAMLWriter.yaml(for: connector)
        let loaded = try CatalogLoader().loadConnector(yaml: yaml).connector
        #expect(loaded.actions.map(\.label) == tricky)
        #expect(loaded.name == "yes")
        #expect(loaded.methods.first?.guides[.config]?.sections.first?.list == tricky)
    }

    @Test("action comments go just before their action's entry, even after a multi-line label with list-like lines")
    func actionComments() throws {
        let connector = Connector(
            key: "notes", name: "Notes", scopeDefinitions: [],
            actions: [
                Action(id: "first", label: "First", requirement: Requirement(alternatives: [])),
                Action(id: "second", label: "Two lines\n- like a list", requirement: Requirement(alternatives: [])),
                Action(id: "third", label: "Third", requirement: Requirement(alternatives: [])),
            ],
            methods: [AuthMethod(key: "m", kind: .custom, label: "Key", guides: [.config: Guide(sections: [Section(title: "S")])])])
        let yaml = try ConnectorYAMLWriter.yaml(for: connector, actionComments: ["first": ["About first"], "third": ["About third", "line\nbreak"]])
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try #require(lines.firstIndex(of: "- id: first"))
        let third = try #require(lines.firstIndex(of: "- id: third"))
        #expect(lines[first - 1] == "# About first")
        #expect(Array(lines[(third - 2)..<third]) == ["# About third", "# line\u{FFFD}break"])
        #expect(yaml.components(separatedBy: "# About").count == 3)
        #expect(try CatalogLoader().loadConnector(yaml: yaml).connector == connector)
    }

    @Test("any-of requirements and a step whose display list differs from its scopes survive")
    func alternativesAndDisplay() throws {
        let connector = Connector(
            key: "alt", name: "Alt",
            scopeDefinitions: [ScopeDefinition(scope: "a"), ScopeDefinition(scope: "b", includes: ["a"]), ScopeDefinition(scope: "c")],
            actions: [Action(id: "x", label: "X", requirement: Requirement(alternatives: [["a"], ["b", "c"]]))],
            methods: [AuthMethod(key: "m", kind: .oauth2, label: "OAuth", grantType: .authorizationCode, authorizationURL: "https://a.example/auth",
                                 defaultScopes: ["a"], scopeDelimiter: ",",
                                 guides: [.config: Guide(sections: [Section(title: "S", steps: [
                                     Step(title: "T", scopes: ["a", "b"], displayScopes: ["b"]),
                                     Step(title: "U", scopes: ["c"], displayScopes: []),
                                 ])])])])
        let loaded = try CatalogLoader().loadConnector(yaml: try ConnectorYAMLWriter.yaml(for: connector)).connector
        #expect(loaded == connector)
    }

    @Test("scopes that a space would not separate again are written as a list, and load back equal")
    func scopesThatJoinWithASpace() throws {
        // A space joins with a combining mark after it, and with U+0600 (a prepended mark) before
        // it, into one character: "a \u{301}x" splits into "a" and "x", "a\u{600} b" not at all.
        let odd: [Scope] = ["\u{301}x", "y\u{600}", "plain"]
        let connector = Connector(
            key: "odd", name: "Odd",
            scopeDefinitions: odd.map { ScopeDefinition(scope: $0) } + [ScopeDefinition(scope: "all", includes: odd)],
            actions: [
                Action(id: "one", label: "One", requirement: Requirement(allOf: odd)),
                Action(id: "any", label: "Any", requirement: Requirement(alternatives: [odd, ["all"]])),
            ],
            methods: [AuthMethod(key: "m", kind: .custom, label: "M", guides: [.config: Guide(sections: [
                Section(title: "S", scopes: odd, steps: [Step(title: "T", scopes: ["plain"], displayScopes: odd)]),
            ])])])
        let yaml = try ConnectorYAMLWriter.yaml(for: connector)
        #expect(try CatalogLoader().loadConnector(yaml: yaml).connector == connector)
        // Ordinary scopes stay a space-separated string.
        #expect(yaml.contains("  scopes: plain\n"))
        #expect(try ConnectorYAMLWriter.yaml(for: Fixtures.front).contains("requiredScopes: conversations:read\n"))
    }

    @Test("a header line with a line break or control character stays one comment", arguments: [
        "a\rkey: evil", "a\nname: evil", "a\u{85}b", "a\u{2028}b", "a\u{2029}b", "a\u{1}b", "a\0b", "a\u{7F}b", "a\u{9F}b", "a\u{FFFE}b",
    ])
    func headerComment(line: String) throws {
        let yaml = try ConnectorYAMLWriter.yaml(for: Fixtures.front, header: [line, "second"])
        #expect(yaml.hasPrefix("# a\u{FFFD}"))
        #expect(yaml.unicodeScalars.split(separator: "\n").map { String($0) }.prefix(3) == ["# " + ConnectorYAMLWriter.comment(line), "# second", "key: front"])
        let loaded = try CatalogLoader().loadConnector(yaml: yaml)
        #expect(loaded.connector == Fixtures.front)
        #expect(loaded.warnings.isEmpty)
    }
}
