/// What each scope of a connector grants: everything reachable through `includes` and through
/// wildcards (a wildcard grants every scope it matches, and what those include in turn).
///
/// Computed once per connector. Scopes are numbered: defined scopes first in `scopeDefinitions`
/// order (so a lower number means earlier in display order), then undefined scopes that some
/// action or step mentions and a defined wildcard grants.
public struct ScopeGraph: Sendable {
    /// Every scope the graph knows, defined ones first.
    let scopes: [Scope]
    /// How many of ``scopes`` are defined (and so may be chosen).
    let definedCount: Int
    let numbers: [Scope: Int]
    /// `closures[i]`: what defined scope `i` grants, itself included.
    let closures: [Bitset]
    /// `granters[i]`: the defined scopes other than `i` whose closure holds scope `i`.
    let granters: [[Int]]

    public init(_ connector: Connector) {
        var scopes = connector.scopeDefinitions.map(\.scope)
        var numbers = Dictionary(scopes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        definedCount = scopes.count
        let mentioned = connector.actions.flatMap(\.requirement.mentionedScopes)
            + connector.methods.flatMap { $0.guides.values.flatMap(\.mentionedScopes) }
        for scope in mentioned where numbers[scope] == nil {
            numbers[scope] = scopes.count
            scopes.append(scope)
        }
        self.scopes = scopes
        self.numbers = numbers

        // Granting is reachability over two kinds of edge: `includes`, and a wildcard to every
        // scope it matches. Following both to a fixpoint makes closures transitive: whoever holds
        // `ev:*:read` holds `ev:inbox:read` and so whatever `ev:inbox:read` includes. The search
        // relies on this (x granted by y implies closure(x) ⊆ closure(y)).
        let capacity = scopes.count
        let edges: [[Int]] = (0..<definedCount).map { index in
            let included = connector.scopeDefinitions[index].includes.compactMap { numbers[$0] }
            guard scopes[index].isWildcard else { return included }
            return included + scopes.indices.filter { $0 != index && scopes[index].matches(scopes[$0]) }
        }
        closures = (0..<definedCount).map { start in
            var seen = Bitset(capacity: capacity)
            var stack = [start]
            while let scope = stack.popLast() {
                guard !seen.contains(scope) else { continue }
                seen.insert(scope)
                if scope < edges.count { stack += edges[scope] }
            }
            return seen
        }
        var granters = Array(repeating: [Int](), count: capacity)
        for (granter, closure) in closures.enumerated() {
            for scope in closure.members where scope != granter { granters[scope].append(granter) }
        }
        self.granters = granters
    }

    /// The number of `scope`, if the graph knows it.
    func number(of scope: Scope) -> Int? { numbers[scope] }

    /// Everything the scopes `granted` grant together. An undefined scope (a method's default
    /// that only a wildcard defines) grants just itself.
    func closure<S: Sequence<Int>>(of granted: S) -> Bitset {
        var result = Bitset(capacity: scopes.count)
        for scope in granted {
            if scope < definedCount { result.formUnion(closures[scope]) } else { result.insert(scope) }
        }
        return result
    }

    /// Whether scope number `granter` grants scope number `target`.
    func grants(_ granter: Int, _ target: Int) -> Bool {
        granter < definedCount ? closures[granter].contains(target) : granter == target
    }

    /// The fewest defined scopes whose closures together are `granted` (a union of closures),
    /// earliest in display order: the members no other member grants, and of two members that
    /// grant each other (through a wildcard), the earlier.
    func tops(of granted: Bitset) -> [Int] {
        granted.members.filter { scope in
            scope < definedCount && !granters[scope].contains { granter in
                granted.contains(granter) && (!closures[scope].contains(granter) || granter < scope)
            }
        }
    }

    /// Whether the set `chosen` grants `scope`, directly, through `includes` or through a wildcard.
    public func grants(_ chosen: [Scope], _ scope: Scope) -> Bool {
        // A set holds its own members even when they are undefined (a concrete scope a wildcard
        // grants), which `closures` only cover for defined scopes.
        if chosen.contains(scope) { return true }
        guard let target = numbers[scope] else { return false }
        return closure(of: chosen.compactMap { numbers[$0] }).contains(target)
    }

    /// Every scope that `chosen` grants, in graph order.
    public func granted(by chosen: [Scope]) -> [Scope] {
        closure(of: chosen.compactMap { numbers[$0] }).members.map { scopes[$0] }
    }
}

extension Guide {
    /// Scopes named by sections and steps.
    var mentionedScopes: [Scope] {
        sections.flatMap { section in section.scopes + section.steps.flatMap { $0.scopes + $0.displayScopes } }
    }
}
