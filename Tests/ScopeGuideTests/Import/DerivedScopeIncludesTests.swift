import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct DerivedScopeIncludesTests {
    private static func action(_ id: String, _ scopes: [Scope]) -> Action {
        Action(id: ActionID(id), label: id, requirement: Requirement(alternatives: scopes.map { [$0] }))
    }

    @Test("a scope includes those authorizing a strict subset of its actions, directly only")
    func transitiveReduction() {
        let actions = [
            Self.action("list", ["all", "modify", "read", "meta"]),
            Self.action("get", ["all", "modify", "read"]),
            Self.action("send", ["all", "modify", "send"]),
            Self.action("purge", ["all"]),
        ]
        let includes = DerivedScopeIncludes.includes(scopes: ["all", "meta", "modify", "read", "send"], actions: actions)
        #expect(includes == ["all": ["modify"], "modify": ["read", "send"], "read": ["meta"]])
    }

    @Test("scopes authorizing the same actions include neither each other nor, through each other, the rest twice")
    func equalSets() {
        let actions = [
            Self.action("a", ["basic", "sharing", "wide"]),
            Self.action("b", ["basic", "sharing", "wide", "narrow"]),
            Self.action("c", ["wide"]),
        ]
        let includes = DerivedScopeIncludes.includes(scopes: ["basic", "narrow", "sharing", "wide"], actions: actions)
        #expect(includes == ["basic": ["narrow"], "sharing": ["narrow"], "wide": ["basic", "sharing"]])
    }

    @Test("scopes that authorize nothing alone, and alternatives of several scopes, make no includes")
    func noIncludes() {
        let actions = [
            Action(id: "both", label: "Both", requirement: Requirement(alternatives: [["a", "b"]])),
            Self.action("one", ["a"]),
        ]
        #expect(DerivedScopeIncludes.includes(scopes: ["a", "b", "c"], actions: actions) == [:])
        // Over 64 actions (more than one bitset word): the last action still counts.
        let many = (0..<70).map { Self.action("x\($0)", $0 == 69 ? ["wide"] : ["wide", "narrow"]) }
        #expect(DerivedScopeIncludes.includes(scopes: ["narrow", "wide"], actions: many) == ["wide": ["narrow"]])
    }
}
