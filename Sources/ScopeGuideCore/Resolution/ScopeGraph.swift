/// What each scope of a connector grants: everything reachable through `includes` and through
/// wildcards (a wildcard grants every scope it matches, and what those include in turn).
///
/// Computed once per connector. Scopes are numbered: defined scopes first in `scopeDefinitions`
/// order (so a lower number means earlier in display order), then undefined scopes that some
/// action or step mentions and a defined wildcard grants.
package struct ScopeGraph: Sendable {
    /// Every scope the graph knows, defined ones first.
    package let scopes: [Scope]
    /// How many of ``scopes`` are defined (and so may be chosen).
    package let definedCount: Int
    let numbers: [Scope: Int]
    /// `closures[i]`: what defined scope `i` grants, itself included.
    package let closures: [Bitset]
    /// `granters[i]`: the defined scopes other than `i` whose closure holds scope `i`.
    let granters: [[Int]]
    /// The catalogue's actions by the scopes they name, for measuring authority.
    let actions: ActionIndex

    package init(_ connector: Connector) {
        var scopes = connector.scopeDefinitions.map(\.scope)
        var numbers = Dictionary(scopes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        definedCount = scopes.count
        // Numbered in order of first mention, actions first: every scope of every alternative
        // (walked in place, not gathered into per-action lists: an 11,000-action catalogue
        // spent a third of this initialiser making them), then the guides' scopes.
        func number(_ scope: Scope) {
            guard numbers[scope] == nil else { return }
            numbers[scope] = scopes.count
            scopes.append(scope)
        }
        for action in connector.actions {
            for alternative in action.requirement.alternatives {
                for scope in alternative { number(scope) }
            }
        }
        for scope in connector.methods.flatMap({ $0.guides.values.flatMap(\.mentionedScopes) }) { number(scope) }
        self.scopes = scopes
        self.numbers = numbers
        actions = ActionIndex(connector.actions, numbers: numbers, scopeCount: scopes.count)

        // Granting is reachability over two kinds of edge: `includes`, and a wildcard to every
        // scope it matches. Following both to a fixpoint makes closures transitive: whoever holds
        // `ev:*:read` holds `ev:inbox:read` and so whatever `ev:inbox:read` includes. The search
        // relies on this (x granted by y implies closure(x) ⊆ closure(y)).
        let capacity = scopes.count
        // Segments only matter to wildcards, which most catalogues do not define.
        let hasWildcards = scopes[..<definedCount].contains(where: \.isWildcard)
        let segments = hasWildcards ? scopes.map(\.segments) : []
        let edges: [[Int]] = (0..<definedCount).map { index in
            let included = connector.scopeDefinitions[index].includes.compactMap { numbers[$0] }
            guard hasWildcards, segments[index].contains("*") else { return included }
            return included + scopes.indices.filter { $0 != index && (scopes[index] == scopes[$0] || Scope.matches(segments[index], segments[$0])) }
        }
        let closures = Self.closures(edges: edges, definedCount: definedCount, capacity: capacity)
        self.closures = closures
        // Granters are the closures transposed. Counted first, so each list is allocated once: a
        // long `includes` chain makes their total quadratic (12.5 million for 5,000 scopes).
        var counts = Array(repeating: 0, count: capacity)
        for closure in closures { closure.forEachMember { counts[$0] += 1 } }
        var granters = counts.map { count in
            var list: [Int] = []
            list.reserveCapacity(count)
            return list
        }
        for (granter, closure) in closures.enumerated() {
            closure.forEachMember { scope in if scope != granter { granters[scope].append(granter) } }
        }
        self.granters = granters
    }

    /// Each defined scope's closure: reachability over `edges` (defined scopes only have edges).
    ///
    /// Strongly connected components are found by Tarjan's algorithm with an explicit stack (an
    /// `includes` chain is as long as its file makes it, so no recursion), and come out sinks
    /// first, so each component's closure is the union of its members and its successors'
    /// finished closures: a bitset union per edge rather than a walk per scope, which on a
    /// 5,000-scope chain was 12.5 million steps.
    private static func closures(edges: [[Int]], definedCount: Int, capacity: Int) -> [Bitset] {
        var order = Array(repeating: -1, count: definedCount)  // Tarjan's index
        var low = Array(repeating: 0, count: definedCount)
        var onStack = Array(repeating: false, count: definedCount)
        var stack: [Int] = []
        var closures = [Bitset?](repeating: nil, count: definedCount)
        var counter = 0
        for root in 0..<definedCount where order[root] < 0 {
            var walk: [(scope: Int, edge: Int)] = []
            func enter(_ scope: Int) {
                order[scope] = counter
                low[scope] = counter
                counter += 1
                stack.append(scope)
                onStack[scope] = true
                walk.append((scope, 0))
            }
            enter(root)
            while let (scope, edge) = walk.last {
                if edge < edges[scope].count {
                    walk[walk.count - 1].edge += 1
                    let next = edges[scope][edge]
                    guard next < definedCount else { continue }
                    if order[next] < 0 {
                        enter(next)
                    } else if onStack[next] {
                        low[scope] = min(low[scope], order[next])
                    }
                    continue
                }
                walk.removeLast()
                if let parent = walk.last?.scope { low[parent] = min(low[parent], low[scope]) }
                guard low[scope] == order[scope] else { continue }
                // `scope` roots a component: its members are on the stack down to it. Every
                // successor outside it belongs to a finished component, whose closure is known.
                var members: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    members.append(member)
                    if member == scope { break }
                }
                var closure = Bitset(capacity: capacity)
                for member in members {
                    closure.insert(member)
                    for next in edges[member] {
                        if next >= definedCount {
                            closure.insert(next)
                        } else if let finished = closures[next] {
                            closure.formUnion(finished)
                        }
                    }
                }
                for member in members { closures[member] = closure }
            }
        }
        return closures.map { $0! }
    }

    /// The number of `scope`, if the graph knows it.
    package func number(of scope: Scope) -> Int? { numbers[scope] }

    /// Everything the scopes `granted` grant together. An undefined scope (a method's default
    /// that only a wildcard defines) grants just itself.
    package func closure<S: Sequence<Int>>(of granted: S) -> Bitset {
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
    package func grants(_ chosen: [Scope], _ scope: Scope) -> Bool {
        // A set holds its own members even when they are undefined (a concrete scope a wildcard
        // grants), which `closures` only cover for defined scopes.
        if chosen.contains(scope) { return true }
        guard let target = numbers[scope] else { return false }
        return closure(of: chosen.compactMap { numbers[$0] }).contains(target)
    }

    /// Every scope that `chosen` grants, in graph order.
    package func granted(by chosen: [Scope]) -> [Scope] {
        closure(of: chosen.compactMap { numbers[$0] }).members.map { scopes[$0] }
    }
}

extension Guide {
    /// Scopes named by sections and steps.
    var mentionedScopes: [Scope] {
        sections.flatMap { section in section.scopes + section.steps.flatMap { $0.scopes + $0.displayScopes } }
    }
}
