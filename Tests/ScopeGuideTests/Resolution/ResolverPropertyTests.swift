import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// The resolver against a brute-force minimum on a thousand random small catalogues (about a
/// second in a debug build).
///
/// The brute force computes grants on its own (a fixpoint over `includes` and `Scope.matches` for
/// wildcards) and tries every subset of the defined scopes, so a bug in
/// ``ScopeGraph`` or ``MinimalScopeSearch`` shows up as a disagreement.
@Suite struct ResolverPropertyTests {
    private static let catalogueCount = 1000
    private static let selectionsPerCatalogue = 3

    /// Wildcards a catalogue may define, with concrete scopes of their shape that actions may name.
    private static let wildcardFamilies: [(wildcard: Scope, concrete: [Scope])] = [
        ("ev:*:read", ["ev:inbox:read", "ev:team:read", "ev:spam:read"]),
        ("ev:*:write", ["ev:inbox:write", "ev:team:write"]),
        ("doc.*", ["doc.a", "doc.b"]),
    ]

    @Test("resolution equals the brute-force optimum of SPEC §2 on random catalogues")
    func matchesBruteForce() throws {
        var generator = SeededGenerator(seed: 0x5C0_9E_6_01DE)
        var failures = 0
        for index in 0..<Self.catalogueCount {
            let connector = Self.randomConnector(&generator, index: index)
            let resolver = Resolver(connector: connector)
            let oracle = BruteForce(connector)
            let method = connector.methods[0]
            for _ in 0..<Self.selectionsPerCatalogue {
                var ids = connector.actions.map(\.id).filter { _ in Bool.random(using: &generator) }
                if ids.isEmpty { ids = [connector.actions.randomElement(using: &generator)!.id] }
                let selection = try Selection(ids.shuffled(using: &generator), in: connector)
                let resolution = resolver.resolve(selection, for: method)
                let ok = check(resolution, oracle: oracle, graph: resolver.graph, connector: connector, selection: selection)
                if !ok { failures += 1 }
                if failures >= 5 { return }  // enough to debug; keep the log readable
            }
        }
    }

    /// Records an issue for every property `resolution` breaks; returns whether all held.
    private func check(
        _ resolution: Resolution, oracle: BruteForce, graph: ScopeGraph, connector: Connector,
        selection: Selection
    ) -> Bool {
        var ok = true
        func expect(_ condition: Bool, _ what: String) {
            if !condition {
                ok = false
                Issue.record("\(what)\n\(Self.describe(connector, selection: selection, result: resolution.scopes))")
            }
        }
        let actions = selection.actions.map { connector.action($0)! }
        let result = resolution.scopes

        // Every selected action has an alternative fully granted by the result.
        for action in actions {
            let granted = action.requirement.alternatives.contains { $0.allSatisfy { graph.grants(result, $0) } }
            expect(granted, "\(action.id) is not granted")
        }
        // No member is granted by another member (by the independent closure).
        for member in result {
            let others = result.filter { $0 != member }
            expect(!oracle.grantedScopes(others).contains(member), "\(member) is granted by another member")
        }
        // The engine's grants agree with the independent closure.
        expect(resolution.granted == oracle.grantedScopes(result), "granted \(resolution.granted.sorted()) differs from \(oracle.grantedScopes(result).sorted())")
        // The result is the brute-force optimum, and proven so.
        let optimum = oracle.optimum(for: actions)
        expect(result == optimum, "expected the optimum \(optimum)")
        expect(resolution.isOptimal, "isOptimal is false")
        // Each scope of a minimum serves some selected action, and the explanation says which.
        let selected = Set(selection.actions)
        expect(resolution.explanation.map(\.scope) == result, "explanation \(resolution.explanation) does not follow the scopes")
        for reason in resolution.explanation {
            expect(!reason.actions.isEmpty && reason.actions.allSatisfy(selected.contains), "\(reason.scope) is explained by \(reason.actions)")
        }
        return ok
    }

    // MARK: Random catalogues

    /// 3–9 defined scopes (some wildcards, perhaps one concrete scope a wildcard matches), an
    /// acyclic `includes` graph of up to three levels, shuffled into a random definition order,
    /// and 1–6 actions of 1–3 alternatives of 1–2 scopes.
    ///
    /// Half the catalogues are "sparse": two levels, and actions naming only scopes that include
    /// others, one scope per alternative, two alternatives each. Their shared descendants couple
    /// actions that have no candidate scope in common, the case where solving actions one by one
    /// goes wrong; the dense half rarely produces it.
    static func randomConnector(_ generator: inout SeededGenerator, index: Int) -> Connector {
        let count = Int.random(in: 3...9, using: &generator)
        let families = wildcardFamilies.shuffled(using: &generator)
            .prefix(Int.random(in: 0...min(2, count - 2), using: &generator))
        var defined: [Scope] = families.map(\.wildcard)
        var undefined: [Scope] = families.flatMap(\.concrete)
        // A defined concrete scope that a wildcard also matches; it may include others, which
        // the wildcard then grants too.
        if !undefined.isEmpty, defined.count < count, Bool.random(using: &generator) {
            defined.append(undefined.remove(at: Int.random(in: undefined.indices, using: &generator)))
        }
        var plain = 0
        while defined.count < count {
            defined.append(Scope("p\(plain)"))
            plain += 1
        }

        // Levels 0, 1, 2: a scope includes only scopes of lower levels, so the graph is acyclic
        // and hierarchies are up to three deep.
        let sparse = Bool.random(using: &generator)
        let shuffled = defined.shuffled(using: &generator)
        var level: [Scope: Int] = [:]
        var includes: [Scope: [Scope]] = [:]
        for scope in shuffled {
            let lower = shuffled.filter { (level[$0] ?? 3) < (sparse ? 1 : 2) }
            guard !lower.isEmpty, Int.random(in: 0..<10, using: &generator) < 6 else {
                level[scope] = 0
                continue
            }
            let picked = Array(lower.shuffled(using: &generator).prefix(Int.random(in: 1...(sparse ? 2 : 3), using: &generator)))
            includes[scope] = picked
            level[scope] = 1 + picked.map { level[$0]! }.max()!
        }

        let definitions = defined.shuffled(using: &generator).map {
            ScopeDefinition(scope: $0, includes: includes[$0] ?? [])
        }
        let upper = defined.filter { includes[$0] != nil }
        let nameable = sparse && upper.count >= 2 ? upper : defined + undefined
        let actions = (0..<Int.random(in: 1...6, using: &generator)).map { number in
            let alternatives = (0..<(sparse ? 2 : Int.random(in: 1...3, using: &generator))).map { _ in
                Array(Set((0..<Int.random(in: 1...(sparse ? 1 : 2), using: &generator)).map { _ in nameable.randomElement(using: &generator)! }))
                    .sorted()
            }
            return Action(id: ActionID("c\(index)_a\(number)"), label: "Action \(number)", requirement: Requirement(alternatives: alternatives))
        }
        return Connector(
            key: "random\(index)", name: "Random \(index)", scopeDefinitions: definitions, actions: actions,
            methods: [AuthMethod(key: "token", kind: .custom, label: "Token")])
    }

    private static func describe(_ connector: Connector, selection: Selection, result: [Scope]) -> String {
        let scopes = connector.scopeDefinitions.map { definition in
            definition.includes.isEmpty ? "\(definition.scope)" : "\(definition.scope) ⊃ \(definition.includes.map(\.rawValue).joined(separator: " "))"
        }
        let actions = connector.actions.map { action in
            "\(action.id): " + action.requirement.alternatives.map { $0.map(\.rawValue).joined(separator: " ") }.joined(separator: " | ")
        }
        return """
            scopes: \(scopes.joined(separator: "; "))
            actions: \(actions.joined(separator: "; "))
            selection: \(selection.actions.map(\.rawValue).joined(separator: ","))
            engine: \(result.map(\.rawValue))
            """
    }
}

/// SPEC §2 by enumeration: every subset of the defined scopes, scored by (grant-closure size,
/// count, authority: the catalogue actions the closure enables, definition indices
/// lexicographically).
struct BruteForce {
    /// Defined scopes first, then undefined scopes the actions name.
    let universe: [Scope]
    let definedCount: Int
    /// Bit `j` of `grants[i]`: defined scope `i` grants `universe[j]`.
    let grants: [UInt32]
    let index: [Scope: Int]
    /// Every catalogue action that needs a scope, as its alternatives' bits: what authority counts.
    let catalogue: [[UInt32]]

    init(_ connector: Connector) {
        let defined = connector.scopeDefinitions.map(\.scope)
        var universe = defined
        for scope in connector.actions.flatMap({ $0.requirement.alternatives.joined() }) where !universe.contains(scope) {
            universe.append(scope)
        }
        precondition(universe.count <= 32)
        self.universe = universe
        definedCount = defined.count
        index = Dictionary(uniqueKeysWithValues: universe.enumerated().map { ($1, $0) })
        let includes = Dictionary(uniqueKeysWithValues: connector.scopeDefinitions.map { ($0.scope, $0.includes) })
        let index = index
        catalogue = connector.actions.filter { !$0.requirement.isEmpty }.map { action in
            action.requirement.alternatives.map { $0.reduce(UInt32(0)) { $0 | 1 << UInt32(index[$1]!) } }
        }

        grants = defined.map { start in
            // A fixpoint: follow `includes`, and from a wildcard every scope it matches, which in
            // turn grants what it includes.
            var reached: Set<Scope> = []
            var pending = [start]
            while let scope = pending.popLast() {
                guard reached.insert(scope).inserted else { continue }
                pending += includes[scope] ?? []
                if scope.isWildcard { pending += universe.filter { scope.matches($0) } }
            }
            var bits: UInt32 = 0
            for (j, target) in universe.enumerated() where reached.contains(target) {
                bits |= 1 << UInt32(j)
            }
            return bits
        }
    }

    func grantedScopes(_ scopes: [Scope]) -> Set<Scope> {
        let bits = scopes.reduce(UInt32(0)) { $0 | grants[index[$1]!] }
        return Set(universe.indices.filter { bits & (1 << UInt32($0)) != 0 }.map { universe[$0] })
    }

    /// How many catalogue actions the granted bits enable.
    func authority(of granted: UInt32) -> Int {
        catalogue.count { $0.contains { $0 & granted == $0 } }
    }

    /// The optimal scopes for `actions`, in definition order.
    func optimum(for actions: [Action]) -> [Scope] {
        let needs: [[UInt32]] = actions.map { action in
            action.requirement.alternatives.map { $0.reduce(UInt32(0)) { $0 | 1 << UInt32(index[$1]!) } }
        }
        var best: (cost: Int, count: Int, authority: Int, subset: UInt32)?
        for subset in UInt32(0)..<(1 << UInt32(definedCount)) {
            var bits: UInt32 = 0
            var rest = subset
            while rest != 0 {
                bits |= grants[rest.trailingZeroBitCount]
                rest &= rest - 1
            }
            guard needs.allSatisfy({ $0.contains { $0 & bits == $0 } }) else { continue }
            let cost = bits.nonzeroBitCount, count = subset.nonzeroBitCount, authority = authority(of: bits)
            if let current = best {
                if (cost, count, authority) > (current.cost, current.count, current.authority) { continue }
                // Equal sizes: the sorted index list that comes first lexicographically is the one
                // holding the lowest index where the two sets differ.
                if (cost, count, authority) == (current.cost, current.count, current.authority) {
                    let difference = subset ^ current.subset
                    if current.subset & (1 << UInt32(difference.trailingZeroBitCount)) != 0 { continue }
                }
            }
            best = (cost, count, authority, subset)
        }
        let members = best!.subset
        return (0..<definedCount).filter { members & (1 << UInt32($0)) != 0 }.map { universe[$0] }
    }
}
