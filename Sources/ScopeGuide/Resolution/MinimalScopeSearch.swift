/// The exact search behind ``Resolver``: the smallest set of defined scopes that satisfies every
/// requirement, by the SPEC §2 objective (grant-closure size, then count, then earliest in
/// `scopeDefinitions` order).
///
/// The problem is a set-cover variant, so it is solved in stages that keep the search small:
/// requirements are reduced (duplicate, superset and implied alternatives removed), candidate
/// scopes that another candidate dominates are dropped, the rest splits into independent
/// components (no shared candidate and no overlapping grants), and each component is solved by
/// depth-first branch and bound. The branch always extends the most constrained unsatisfied
/// requirement, so a forced scope costs no branching, and a greedy solution found first gives the
/// initial upper bound. When the node budget runs out the best solution found is returned with
/// `isOptimal == false`.
struct MinimalScopeSearch {
    struct Outcome: Equatable {
        /// Defined scope numbers, ascending.
        var chosen: [Int]
        var isOptimal: Bool
        var nodes: Int
    }

    let graph: ScopeGraph
    /// Search nodes allowed over all components before giving up on proving optimality.
    var nodeBudget: Int

    /// - Parameter requirements: per action, its alternatives as lists of scope numbers.
    func solve(_ requirements: [[[Int]]]) -> Outcome {
        let reduced = Self.reduce(requirements)
        guard !reduced.isEmpty else { return Outcome(chosen: [], isOptimal: true, nodes: 0) }
        let targets = Set(reduced.joined().joined())
        var candidatesByTarget: [Int: [Int]] = [:]
        for candidate in 0..<graph.definedCount {
            for target in targets where graph.closures[candidate].contains(target) {
                candidatesByTarget[target, default: []].append(candidate)
            }
        }
        let kept = undominated(Set(candidatesByTarget.values.joined()), targets: targets)
        candidatesByTarget = candidatesByTarget.mapValues { $0.filter(kept.contains) }

        var chosen: [Int] = []
        var isOptimal = true
        var nodes = 0
        for component in components(reduced, candidatesByTarget: candidatesByTarget) {
            var search = ComponentSearch(
                graph: graph, requirements: component, candidatesByTarget: candidatesByTarget,
                budget: max(0, nodeBudget - nodes))
            search.run()
            nodes += search.nodes
            isOptimal = isOptimal && !search.exhausted
            chosen += search.best?.chosen ?? []
        }
        return Outcome(chosen: withoutRedundantMembers(chosen), isOptimal: isOptimal, nodes: nodes)
    }

    /// Sorted, deduplicated alternatives; supersets of another alternative of the same action
    /// dropped; actions needing nothing, and actions implied by another action, dropped.
    static func reduce(_ requirements: [[[Int]]]) -> [[[Int]]] {
        var reduced: [[[Int]]] = []
        var seen = Set<[[Int]]>()
        for requirement in requirements {
            let alternatives = Set(requirement.map { Array(Set($0)).sorted() })
            if alternatives.isEmpty || alternatives.contains([]) { continue }
            let minimal = alternatives.filter { alternative in
                !alternatives.contains { $0 != alternative && Set($0).isSubset(of: alternative) }
            }.sorted { $0.lexicographicallyPrecedes($1) }
            if seen.insert(minimal).inserted { reduced.append(minimal) }
        }
        // X is implied by Y when every alternative of Y contains some alternative of X: whatever
        // satisfies Y then satisfies X.
        func implies(_ y: [[Int]], _ x: [[Int]]) -> Bool {
            y.allSatisfy { b in x.contains { a in Set(a).isSubset(of: b) } }
        }
        return reduced.enumerated().filter { index, x in
            !reduced.enumerated().contains { other, y in
                other != index && implies(y, x) && (!implies(x, y) || other < index)
            }
        }.map(\.element)
    }

    /// Candidates no other candidate dominates. `d` dominates `c` when it covers every target `c`
    /// covers and grants no more (strictly less, or the same but earlier in display order): any
    /// solution using `c` is then no better than the same solution using `d`.
    private func undominated(_ candidates: Set<Int>, targets: Set<Int>) -> Set<Int> {
        let list = candidates.sorted()
        let covers = Dictionary(uniqueKeysWithValues: list.map { c in
            (c, Set(targets.filter { graph.closures[c].contains($0) }))
        })
        return Set(list.filter { c in
            !list.contains { d in
                guard d != c, covers[c]!.isSubset(of: covers[d]!), graph.closures[d].isSubset(of: graph.closures[c]) else {
                    return false
                }
                return graph.closures[d] != graph.closures[c] || d < c
            }
        })
    }

    /// Requirements grouped so that no two groups share a candidate or overlapping grants; each
    /// group's optimum is independent of the others'.
    private func components(_ requirements: [[[Int]]], candidatesByTarget: [Int: [Int]]) -> [[[[Int]]]] {
        var parent = Array(0..<requirements.count)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        func union(_ a: Int, _ b: Int) { parent[root(a)] = root(b) }

        var ownerOfCandidate: [Int: Int] = [:]
        var ownerOfGrant: [Int: Int] = [:]
        for (index, requirement) in requirements.enumerated() {
            for target in Set(requirement.joined()) {
                for candidate in candidatesByTarget[target] ?? [] {
                    if let owner = ownerOfCandidate[candidate] { union(index, owner) } else { ownerOfCandidate[candidate] = index }
                }
            }
        }
        for (candidate, owner) in ownerOfCandidate.sorted(by: { $0.key < $1.key }) {
            for grant in graph.closures[candidate].members {
                if let other = ownerOfGrant[grant] { union(owner, other) } else { ownerOfGrant[grant] = owner }
            }
        }
        var groups: [Int: [[[Int]]]] = [:]
        var order: [Int] = []
        for (index, requirement) in requirements.enumerated() {
            let key = root(index)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(requirement)
        }
        return order.map { groups[$0]! }
    }

    /// Drops members another member already grants; only a budget-limited search can leave them.
    private func withoutRedundantMembers(_ chosen: [Int]) -> [Int] {
        let sorted = chosen.sorted()
        return sorted.filter { member in
            !sorted.contains { other in
                other != member && graph.closures[other].contains(member)
                    && !(graph.closures[member].contains(other) && member < other)
            }
        }
    }
}

/// Branch and bound over one component.
private struct ComponentSearch {
    let graph: ScopeGraph
    let requirements: [[[Int]]]
    let candidatesByTarget: [Int: [Int]]
    let budget: Int
    private(set) var nodes = 0
    private(set) var exhausted = false
    /// Best so far: grant count and the chosen scope numbers, ascending.
    private(set) var best: (cost: Int, chosen: [Int])?

    init(graph: ScopeGraph, requirements: [[[Int]]], candidatesByTarget: [Int: [Int]], budget: Int) {
        self.graph = graph
        self.requirements = requirements
        self.candidatesByTarget = candidatesByTarget
        self.budget = budget
    }

    mutating func run() {
        let empty = Bitset(capacity: graph.scopes.count)
        seedWithGreedySolution(empty)
        var chosen: [Int] = []
        search(&chosen, granted: empty, forbidden: [])
    }

    /// Satisfies requirements one by one with their cheapest alternative: a quick upper bound.
    private mutating func seedWithGreedySolution(_ empty: Bitset) {
        var granted = empty
        var chosen: [Int] = []
        for requirement in requirements where !isSatisfied(requirement, granted) {
            var bestPlan: (cost: Int, picks: [Int])?
            for alternative in requirement {
                var planGranted = granted
                var picks: [Int] = []
                for target in alternative where !planGranted.contains(target) {
                    guard let pick = (candidatesByTarget[target] ?? []).min(by: {
                        (graph.closures[$0].countSubtracting(planGranted), $0) < (graph.closures[$1].countSubtracting(planGranted), $1)
                    }) else { picks = []; break }
                    picks.append(pick)
                    planGranted.formUnion(graph.closures[pick])
                }
                let cost = planGranted.count
                if !picks.isEmpty, bestPlan == nil || cost < bestPlan!.cost { bestPlan = (cost, picks) }
            }
            guard let plan = bestPlan else { return }
            for pick in plan.picks { chosen.append(pick); granted.formUnion(graph.closures[pick]) }
        }
        consider(chosen, cost: granted.count)
    }

    private mutating func search(_ chosen: inout [Int], granted: Bitset, forbidden: Set<Int>) {
        nodes += 1
        if nodes > budget { exhausted = true; return }
        let cost = granted.count
        var lowerBound = cost
        var branch: [Int]?
        for requirement in requirements where !isSatisfied(requirement, granted) {
            var options = Set<Int>()
            var cheapest = Int.max
            for alternative in requirement {
                var bound = 0
                var pick: [Int]?
                var feasible = true
                for target in alternative where !granted.contains(target) {
                    let choices = (candidatesByTarget[target] ?? []).filter { !forbidden.contains($0) }
                    guard let least = choices.map({ graph.closures[$0].countSubtracting(granted) }).min() else {
                        feasible = false
                        break
                    }
                    bound = max(bound, least)
                    if pick == nil || choices.count < pick!.count { pick = choices }
                }
                guard feasible, let pick else { continue }
                cheapest = min(cheapest, bound)
                options.formUnion(pick)
            }
            if options.isEmpty { return }  // this requirement can no longer be met here
            lowerBound = max(lowerBound, cost + cheapest)
            if branch == nil || options.count < branch!.count { branch = Array(options) }
        }
        guard let branch else {
            consider(chosen, cost: cost)
            return
        }
        if let best, (lowerBound, chosen.count + 1) > (best.cost, best.chosen.count) { return }

        let ordered = branch.map { (added: graph.closures[$0].countSubtracting(granted), scope: $0) }
            .sorted { ($0.added, $0.scope) < ($1.added, $1.scope) }
        var forbidden = forbidden
        for option in ordered {
            // Solutions holding an earlier sibling were all explored under that sibling.
            chosen.append(option.scope)
            search(&chosen, granted: granted.union(graph.closures[option.scope]), forbidden: forbidden)
            chosen.removeLast()
            if exhausted { return }
            forbidden.insert(option.scope)
        }
    }

    private func isSatisfied(_ requirement: [[Int]], _ granted: Bitset) -> Bool {
        requirement.contains { $0.allSatisfy(granted.contains) }
    }

    private mutating func consider(_ chosen: [Int], cost: Int) {
        let sorted = chosen.sorted()
        if let best {
            let better = (cost, sorted.count) < (best.cost, best.chosen.count)
                || ((cost, sorted.count) == (best.cost, best.chosen.count) && sorted.lexicographicallyPrecedes(best.chosen))
            guard better else { return }
        }
        best = (cost, sorted)
    }
}
