import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// The search's shortcuts (independent groups split at every node, solved groups remembered)
/// against a plain branch and bound, on catalogues too large for the brute force of
/// ``ResolverPropertyTests``: three-level `includes` hierarchies linked across families, wildcards
/// and many any-of actions, so groups split, recur and interact through shared grants.
@Suite struct MinimalScopeSearchTests {
    @Test("splitting and remembering groups changes no answer on 300 random catalogues")
    func shortcutsMatchPlainSearch() throws {
        var generator = SeededGenerator(seed: 0x6_20_0F5)
        var failures = 0
        for index in 0..<300 {
            let connector = Self.randomConnector(&generator, index: index)
            let graph = ScopeGraph(connector)
            let selected = connector.actions.filter { _ in Int.random(in: 0..<3, using: &generator) > 0 }
            let requirements = selected.map { action in action.requirement.alternatives.map { $0.compactMap(graph.number(of:)) } }
            let fast = MinimalScopeSearch(graph: graph, nodeBudget: 2_000_000).solve(requirements)
            let plain = MinimalScopeSearch(graph: graph, nodeBudget: 2_000_000, splitsGroups: false).solve(requirements)
            #expect(plain.isOptimal, "catalogue \(index): the plain search ran out of budget")
            #expect(fast.isOptimal, "catalogue \(index)")
            if fast.chosen != plain.chosen {
                Issue.record("catalogue \(index): \(fast.chosen.map { graph.scopes[$0] }) instead of \(plain.chosen.map { graph.scopes[$0] })")
                failures += 1
                if failures >= 5 { return }
            }
        }
    }

    /// 4–10 families `fK` of `read` ⊂ `write` ⊂ `manage`, where `manage` may also include the next
    /// family's `read`; sometimes a wildcard `ev:*` granting concrete `ev:…` scopes that actions
    /// name; 10–30 actions, most of them any-of, so that few are forced and the search branches.
    static func randomConnector(_ generator: inout SeededGenerator, index: Int) -> Connector {
        let families = Int.random(in: 6...14, using: &generator)
        var definitions: [ScopeDefinition] = []
        var nameable: [Scope] = []
        for family in 0..<families {
            let read = Scope("f\(family):read"), write = Scope("f\(family):write"), manage = Scope("f\(family):manage")
            var managed = [write]
            if Bool.random(using: &generator) { managed.append(Scope("f\((family + 1) % families):read")) }
            definitions += [
                ScopeDefinition(scope: read),
                ScopeDefinition(scope: write, includes: [read]),
                ScopeDefinition(scope: manage, includes: managed),
            ]
            nameable += [read, write, manage]
        }
        if Bool.random(using: &generator) {
            definitions.append(ScopeDefinition(scope: "ev:*"))
            nameable += ["ev:inbox", "ev:team"]
        }
        definitions.shuffle(using: &generator)
        let actions = (0..<Int.random(in: 20...60, using: &generator)).map { number in
            let anyOf = Int.random(in: 0..<10, using: &generator) < 8
            let alternatives = (0..<(anyOf ? Int.random(in: 2...3, using: &generator) : 1)).map { _ in
                (0..<(Int.random(in: 0..<4, using: &generator) == 0 ? 2 : 1)).map { _ in nameable.randomElement(using: &generator)! }
            }
            return Action(id: ActionID("c\(index)_a\(number)"), label: "Action \(number)", requirement: Requirement(alternatives: alternatives))
        }
        return Connector(
            key: "random\(index)", name: "Random \(index)", scopeDefinitions: definitions, actions: actions,
            methods: [AuthMethod(key: "token", kind: .custom, label: "Token")])
    }
}
