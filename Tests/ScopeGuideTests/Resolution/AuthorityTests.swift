import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Least authority: among answers of equal privilege levels and scope count, the one whose grant
/// enables the fewest of the catalogue's actions, whatever order the scopes are defined in.
@Suite struct AuthorityTests {
    /// Gmail's shape, in Google's (alphabetical) order: the full-access scope comes first.
    static let gmail = LeastPrivilegeTests.connector([
        ScopeDefinition(scope: "https://mail.google.com/"),
        ScopeDefinition(scope: "gmail.metadata"),
        ScopeDefinition(scope: "gmail.modify"),
        ScopeDefinition(scope: "gmail.readonly"),
        ScopeDefinition(scope: "gmail.send"),
    ], actions: [
        ("messages_list", [["https://mail.google.com/"], ["gmail.metadata"], ["gmail.modify"], ["gmail.readonly"]]),
        ("messages_get", [["https://mail.google.com/"], ["gmail.modify"], ["gmail.readonly"]]),
        ("messages_send", [["https://mail.google.com/"], ["gmail.modify"], ["gmail.send"]]),
        ("messages_delete", [["https://mail.google.com/"]]),
        ("messages_trash", [["https://mail.google.com/"], ["gmail.modify"]]),
        ("profile", []),
    ])

    private func scopes(_ ids: [ActionID], in connector: Connector = Self.gmail) throws -> [Scope] {
        try Resolver(connector: connector).resolve(Selection(ids, in: connector), for: connector.methods[0]).scopes
    }

    @Test("one method listed under every scope gets the narrowest, not the first defined")
    func narrowestWins() throws {
        #expect(try scopes(["messages_list"]) == ["gmail.metadata"])
        #expect(try scopes(["messages_get"]) == ["gmail.readonly"])
        #expect(try scopes(["messages_send"]) == ["gmail.send"])
        // One scope serves both; of the three that do, gmail.readonly enables least.
        #expect(try scopes(["messages_list", "messages_get"]) == ["gmail.readonly"])
        // Fewer scopes still come before authority: one broad scope beats two narrow ones.
        #expect(try scopes(["messages_get", "messages_send"]) == ["gmail.modify"])
        #expect(try scopes(["messages_list", "messages_delete"]) == ["https://mail.google.com/"])
    }

    @Test("the explanation says what each scope enables, of the actions that need a scope")
    func explanationReportsAuthority() throws {
        let connector = Self.gmail
        let resolution = Resolver(connector: connector).resolve(try Selection(["messages_list"], in: connector), for: connector.methods[0])
        #expect(resolution.scopes == ["gmail.metadata"])
        #expect(resolution.explanation.map(\.authority) == [1])
        #expect(resolution.scopedActionCount == 5)
        #expect(resolution.authority == 1)
        let broad = Resolver(connector: connector).resolve(try Selection(["messages_list", "messages_trash"], in: connector), for: connector.methods[0])
        #expect(broad.scopes == ["gmail.modify"])
        #expect(broad.explanation.map(\.authority) == [4])
        #expect(broad.authority == 4)
    }

    @Test("the answer's levels, count and authority do not depend on the order scopes are defined in")
    func definitionOrderDoesNotMatter() throws {
        var generator = SeededGenerator(seed: 0xA07_4041)
        var differentScopes = 0
        for index in 0..<400 {
            var connector = ResolverPropertyTests.randomConnector(&generator, index: index)
            if index % 2 == 0 {
                connector.scopeDefinitions = connector.scopeDefinitions.map { definition in
                    var definition = definition
                    definition.privilege = Int.random(in: 1...3, using: &generator)
                    return definition
                }
            }
            // Both a kept grant (only the addition counts) and a replaced one (everything asked again).
            connector.methods[0].declaredGrantChange = index % 2 == 0 ? .incremental : .newCredential
            var shuffled = connector
            shuffled.scopeDefinitions.shuffle(using: &generator)
            let defined = connector.scopeDefinitions.map(\.scope)
            let constraints = index % 3 == 0 ? ScopeConstraints.none : ScopeConstraints(
                granted: Array(defined.shuffled(using: &generator).prefix(Int.random(in: 0...2, using: &generator))),
                refused: Array(defined.shuffled(using: &generator).prefix(Int.random(in: 0...1, using: &generator))))
            var ids = connector.actions.map(\.id).filter { _ in Bool.random(using: &generator) }
            if ids.isEmpty { ids = [connector.actions[0].id] }
            let answers = try [connector, shuffled].map { connector in
                let resolution = Resolver(connector: connector).resolve(try Selection(ids, in: connector), for: connector.methods[0], constraints: constraints)
                return (resolution, measure(resolution, in: connector))
            }
            #expect(answers[0].1 == answers[1].1, "\(answers[0].0.scopes) vs \(answers[1].0.scopes) for \(ids) in \(connector)")
            if Set(answers[0].0.scopes) != Set(answers[1].0.scopes) { differentScopes += 1 }
        }
        // Ties beyond authority remain (the order decides those), so the test does see reorderings.
        #expect(differentScopes > 0)
    }

    @Test("alternatives list the other answers of equal size, least authority first")
    func alternativesOnGmail() throws {
        var resolver = Resolver(connector: Self.gmail)
        resolver.alternativeLimit = 2
        let resolution = resolver.resolve(try Selection(["messages_list"], in: Self.gmail), for: Self.gmail.methods[0])
        #expect(resolution.scopes == ["gmail.metadata"])
        #expect(resolution.alternatives == [
            Resolution.Alternative(scopes: ["gmail.readonly"], authority: 2),
            Resolution.Alternative(scopes: ["gmail.modify"], authority: 4),
        ])
        #expect(resolution.alternativesAreComplete)
        // Not asked for: none searched.
        #expect(Resolver(connector: Self.gmail).resolve(try Selection(["messages_list"], in: Self.gmail), for: Self.gmail.methods[0]).alternatives == nil)
    }

    @Test("alternatives equal the brute-force list of equally small answers on random catalogues")
    func alternativesMatchBruteForce() throws {
        var generator = SeededGenerator(seed: 0xA17_E4)
        var nonEmpty = 0
        for index in 0..<300 {
            let connector = ResolverPropertyTests.randomConnector(&generator, index: index)
            var resolver = Resolver(connector: connector)
            resolver.alternativeLimit = 3
            var ids = connector.actions.map(\.id).filter { _ in Bool.random(using: &generator) }
            if ids.isEmpty { ids = [connector.actions[0].id] }
            let selection = try Selection(ids, in: connector)
            let resolution = resolver.resolve(selection, for: connector.methods[0])
            let expected = tiedAnswers(for: selection.actions.map { connector.action($0)! }, in: connector)
            #expect(expected.first?.scopes == resolution.scopes)
            #expect(resolution.alternatives ?? [] == Array(expected.dropFirst().prefix(3)), "\(ids) in \(connector)")
            if !(resolution.alternatives ?? []).isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 30)
    }

    /// Every answer of the optimum's grant size and scope count, one per granted set, by
    /// (authority, definition indices), the optimum first.
    private func tiedAnswers(for actions: [Action], in connector: Connector) -> [Resolution.Alternative] {
        let oracle = BruteForce(connector)
        let needs = actions.map { action in action.requirement.alternatives.map { $0.reduce(UInt32(0)) { $0 | 1 << UInt32(oracle.index[$1]!) } } }
        var answers: [(cost: Int, count: Int, authority: Int, members: [Int], bits: UInt32)] = []
        for subset in UInt32(0)..<(1 << UInt32(oracle.definedCount)) {
            let members = (0..<oracle.definedCount).filter { subset & (1 << UInt32($0)) != 0 }
            let bits = members.reduce(UInt32(0)) { $0 | oracle.grants[$1] }
            guard needs.allSatisfy({ $0.contains { $0 & bits == $0 } }) else { continue }
            answers.append((bits.nonzeroBitCount, members.count, oracle.authority(of: bits), members, bits))
        }
        let best = answers.min { ($0.cost, $0.count) < ($1.cost, $1.count) }!
        var seen = Set<UInt32>()
        return answers.filter { ($0.cost, $0.count) == (best.cost, best.count) }
            .sorted { $0.authority != $1.authority ? $0.authority < $1.authority : $0.members.lexicographicallyPrecedes($1.members) }
            .filter { seen.insert($0.bits).inserted }
            .map { Resolution.Alternative(scopes: $0.members.map { oracle.universe[$0] }, authority: $0.authority) }
    }

    /// Per privilege level (from the top) the scopes newly granted, then the scope count, then the
    /// authority, measured by the brute-force oracle's own closure rather than the engine's.
    private func measure(_ resolution: Resolution, in connector: Connector) -> [Int] {
        let oracle = BruteForce(connector)
        let privilege = Dictionary(uniqueKeysWithValues: connector.scopeDefinitions.map { ($0.scope, $0.privilege) })
        let granted = oracle.grantedScopes(resolution.scopes)
        let kept = connector.methods[0].grantChange.replacesGrant ? [] : resolution.constraints.granted
        let existing = oracle.grantedScopes(kept.filter { scope in
            !oracle.grantedScopes([scope]).contains { resolution.constraints.refused.contains($0) }
        })
        let new = granted.subtracting(existing)
        let levels = (1...4).reversed().map { level in new.count { (privilege[$0] ?? 1) == level } }
        let all = granted.union(existing).reduce(UInt32(0)) { $0 | 1 << UInt32(oracle.index[$1]!) }
        return levels + [resolution.scopes.count, oracle.authority(of: all)]
    }
}
