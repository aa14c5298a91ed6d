/// The exact search behind `Resolver`: the smallest set of defined scopes that satisfies every
/// requirement, by the objective of the DocC article "How the minimal scopes are chosen" (grant-closure size, then count, then earliest in
/// `scopeDefinitions` order).
///
/// The search decides what is *granted* rather than which scopes to choose. Granting an
/// alternative of an action costs the grant closure of its scopes (for a scope that only a
/// wildcard grants, the closure of that wildcard), and once the granted set G is fixed, so are the
/// best scopes: its *tops*, the members no other member grants (see ``ScopeGraph/tops(of:)``). So
/// the problem is to pick one alternative per action minimising (|G|, |tops(G)|, tops(G) in
/// definition order), in stages that keep the search small:
///
/// 1. Each requirement becomes its *options*: the closures of its alternatives, minimal ones only
///    (an option containing another is never better).
/// 2. Requirements with a single option are forced. Their union is the *base* every solution
///    holds, and requirements the base satisfies drop out.
/// 3. The rest splits into groups whose options share no scope that can still make a difference
///    (see `independentGroups(_:from:)` below); each group is solved on its own.
/// 4. Each group is solved by depth-first branch and bound, starting from a greedy solution and
///    branching on the unsatisfied requirement with the fewest options, cheapest option first.
///    Lower bounds on what is still to be granted, and on the number of scopes for ties, prune
///    it (see `lowerBound(_:_:)`). An option explored earlier at a branch is forbidden in the
///    subtrees of its later siblings: any solution there that holds it was already reached under
///    it. Whenever the choices made leave independent groups, they are split again (step 3), and
///    a group once solved is remembered by the part of the granted set its answer depends on.
///
/// The search is bounded twice: by nodes, and by *work*, which counts what each node costs (the
/// options of the requirements it looks at, every pass over them being linear in that). A node
/// budget alone allowed minutes: with 300 any-of actions open, each node's passes are long.
/// When either budget runs out, the best solution found is returned with `isOptimal == false`;
/// it still satisfies every requirement. (The guide page's engine script, guide-engine.js, ports this search
/// line by line, budgets included; the committed engine vectors check that both answer alike. Change
/// them together.)
struct MinimalScopeSearch {
    struct Outcome: Equatable {
        /// Defined scope numbers, ascending.
        var chosen: [Int]
        var isOptimal: Bool
        var nodes: Int
        /// Options looked at, summed over nodes (see ``workBudget``).
        var work: Int
    }

    let graph: ScopeGraph
    /// Search nodes allowed over all groups before giving up on proving optimality.
    var nodeBudget: Int
    /// Work allowed over all groups: each node costs the number of options of the requirements
    /// it filters. Unbounded unless set; `Resolver` sets `Resolver/defaultWorkBudget`.
    var workBudget = Int.max
    /// Whether to split independent groups (step 3) and remember solved groups; `false` gives a
    /// plain branch and bound, which tests compare against.
    var splitsGroups = true
    /// What granting each scope costs, by its privilege level (``PrivilegeWeights``); `nil`: one
    /// each, as when no level is given.
    var weights: [Int]? = nil
    /// Scopes that may not be granted: a way to grant an alternative whose closure holds one is
    /// never taken, and an action left with no way is ignored (the resolver reports it).
    var refused: Bitset? = nil
    /// What the customer's credential already grants (a closure): solutions extend it, and only
    /// scopes outside it count as chosen, so ties go to adding fewer scopes.
    var existing: Bitset? = nil

    /// At most this many options per requirement: only alternatives naming many scopes that
    /// several wildcards grant can have more, and then the rest are left out (not optimal).
    static let optionLimit = 256

    /// - Parameter requirements: per action, its alternatives as lists of scope numbers. An
    ///   action none of whose alternatives can be granted is ignored.
    func solve(_ requirements: [[[Int]]]) -> Outcome {
        let (base, open, isOptimal) = prepared(requirements)
        let measure = SolutionCost(weights: weights, existing: existing)
        var search = BranchAndBound(
            graph: graph, budget: nodeBudget, workBudget: workBudget, splitsGroups: splitsGroups, cost: measure)
        let (first, groups) = search.solveReportingTies(open, from: base)
        var best = first
        var (nodes, work) = (search.nodes, search.work)
        // The first search proves levels and count, splitting groups freely and breaking ties
        // by definition order: authority does not add up over groups that an action of the
        // catalogue links, and measuring it on every tie was most of the time on large
        // selections. Only groups that met a tie on levels and count can change the authority:
        // each other group's optimum was unique, so every equally small answer holds it. A
        // second search, over the tied groups only, with groups that such actions join, picks
        // the least authority, starting from the first answer, with a hundredth of the budgets
        // (at most what is left). If it runs out, the first answer (or a better one it found)
        // stands: still proven least privilege, its authority the best found.
        if !search.exhausted, groups.contains(where: \.tied) {
            var fixed = base
            var tied: [[SparseBitset]] = []
            for group in groups {
                if group.tied { tied += group.requirements } else { fixed.formUnion(group.added) }
            }
            var refine = BranchAndBound(
                graph: graph, budget: min(nodeBudget - nodes, nodeBudget / 100), workBudget: min(workBudget - work, workBudget / 100),
                splitsGroups: splitsGroups, cost: measure, refinesAuthority: true, incumbent: best.granted)
            var refined = refine.solve(tied, from: fixed)
            if refined.isBetter(than: &best, in: graph) { best = refined }
            nodes += refine.nodes
            work += refine.work
        }
        return Outcome(chosen: best.tops, isOptimal: isOptimal && !search.exhausted, nodes: nodes, work: work)
    }

    /// Steps 1 and 2: the base every solution holds (with the existing grant), the requirements
    /// it leaves open as their options, and whether no option was left out.
    private func prepared(_ requirements: [[[Int]]]) -> (base: Bitset, open: [[SparseBitset]], isComplete: Bool) {
        var base = existing ?? Bitset(capacity: graph.scopes.count)
        var open: [[SparseBitset]] = []
        var seen = Set<[SparseBitset]>()
        var isComplete = true
        for requirement in requirements {
            let (options, complete) = self.options(requirement)
            isComplete = isComplete && complete
            if options.count == 1 {
                base.formUnion(options[0])
            } else if options.count > 1, seen.insert(options).inserted {
                open.append(options)
            }
        }
        open.removeAll { options in options.contains { $0.isSubset(of: base) } }
        return (base, open, isComplete)
    }

    /// Other answers as good as `chosen` (the scopes ``solve(_:)`` answered) on privilege levels
    /// and scope count: at most `limit`, least authority first, then in definition order, each
    /// as its scopes (outside the existing grant) and its authority.
    ///
    /// A plain branch and bound that keeps every solution of the answer's cost and count, within
    /// its own budgets; `isComplete` is `false` when they ran out before it saw them all.
    func alternatives(_ requirements: [[[Int]]], to chosen: [Int], limit: Int) -> (answers: [(scopes: [Int], authority: Int)], isComplete: Bool) {
        guard limit > 0 else { return ([], true) }
        let (base, open, _) = prepared(requirements)
        let measure = SolutionCost(weights: weights, existing: existing)
        var granted = graph.closure(of: chosen)
        if let existing { granted.formUnion(existing) }
        let target = Solution(granted, in: graph, cost: measure)
        var search = BranchAndBound(graph: graph, budget: nodeBudget, workBudget: workBudget, splitsGroups: false, cost: measure)
        let found = search.ties(of: target, among: open, from: base, limit: limit + 1)
        let answers = found.filter { $0.granted != target.granted }.prefix(limit).map { ($0.tops, $0.authority ?? graph.actions.authority(of: $0.granted)) }
        return (Array(answers), !search.exhausted)
    }

    /// The minimal grant closures of a requirement's alternatives, the first of equal ones, and
    /// whether none was left out for ``optionLimit``.
    private func options(_ alternatives: [[Int]]) -> (options: [SparseBitset], isComplete: Bool) {
        // Most actions need one defined scope: their one option is that scope's closure.
        if alternatives.count == 1, alternatives[0].count == 1, alternatives[0][0] < graph.definedCount {
            let closure = graph.closures[alternatives[0][0]]
            if let refused, closure.intersects(refused) { return ([], true) }
            return ([SparseBitset(closure)], true)
        }
        let empty = Bitset(capacity: graph.scopes.count)
        var closures: [Bitset] = []
        var isComplete = true
        for alternative in alternatives {
            // One closure per way of granting the alternative's scopes; usually exactly one.
            var ways = [empty]
            for target in Set(alternative).sorted() {
                let grants = cheapestGrants(of: target)
                if ways.count * grants.count > Self.optionLimit { isComplete = false }
                ways = Array(ways.lazy.flatMap { way in grants.lazy.map { way.union($0) } }.prefix(Self.optionLimit))
            }
            closures += ways
        }
        let minimal = closures.indices.filter { i in
            !closures.indices.contains { j in
                j != i && closures[j].isSubset(of: closures[i]) && (closures[j] != closures[i] || j < i)
            }
        }
        return (minimal.prefix(Self.optionLimit).map { SparseBitset(closures[$0]) }, isComplete && minimal.count <= Self.optionLimit)
    }

    /// The closures of the cheapest ways to grant `scope`: its own closure when it is defined;
    /// otherwise the closures of the wildcards (or scopes including them) that grant it, minimal ones only.
    private func cheapestGrants(of scope: Int) -> [Bitset] {
        if scope < graph.definedCount {
            if let refused, graph.closures[scope].intersects(refused) { return [] }
            return [graph.closures[scope]]
        }
        let granters = graph.granters[scope].filter { refused == nil || !graph.closures[$0].intersects(refused!) }
        return granters.filter { c in
            !granters.contains { d in
                d != c && graph.closures[d].isSubset(of: graph.closures[c]) && (graph.closures[d] != graph.closures[c] || d < c)
            }
        }.map { graph.closures[$0] }
    }
}

/// How a granted set is measured: by the privilege weights of its members (the count when no
/// levels are given), and by its tops outside the existing grant.
struct SolutionCost {
    let weights: [Int]?
    let existing: Bitset?

    /// The weight of `set`'s members.
    func of(_ set: Bitset) -> Int {
        guard let weights else { return set.count }
        var total = 0
        set.forEachMember { total += weights[$0] }
        return total
    }

    /// The weight of `option`'s members outside `granted`.
    func adding(_ option: SparseBitset, to granted: Bitset) -> Int {
        guard let weights else { return option.countSubtracting(granted) }
        return option.members.reduce(0) { granted.contains($1) ? $0 : $0 + weights[$1] }
    }

    func weight(of scope: Int) -> Int { weights?[scope] ?? 1 }

    var maxWeight: Int { weights?.max() ?? 1 }

    /// `graph`'s tops of `granted` that the existing grant does not hold.
    func tops(of granted: Bitset, in graph: ScopeGraph) -> [Int] {
        let tops = graph.tops(of: granted)
        guard let existing else { return tops }
        return tops.filter { !existing.contains($0) }
    }
}

/// A granted set with its cost and its tops, the scopes that give it (those outside the existing
/// grant, when there is one).
private struct Solution {
    var granted: Bitset
    var cost: Int
    var tops: [Int]
    /// How many of the catalogue's actions ``granted`` enables (``ActionIndex/authority(of:)``),
    /// once a tie on cost and tops has needed it.
    var authority: Int?

    init(_ granted: Bitset, in graph: ScopeGraph, cost measure: SolutionCost) {
        self.granted = granted
        cost = measure.of(granted)
        tops = measure.tops(of: granted, in: graph)
    }

    mutating func measuredAuthority(in graph: ScopeGraph) -> Int {
        if let authority { return authority }
        let measured = graph.actions.authority(of: granted)
        authority = measured
        return measured
    }

    /// Least privilege, as ``PrivilegeWeights`` orders it (fewer granted when no levels are
    /// given), then fewer scopes, then least authority, then earlier in definition order.
    /// - Parameter byAuthority: `false` for the first search, which leaves authority to the second.
    mutating func isBetter(than other: inout Solution, in graph: ScopeGraph, byAuthority: Bool = true) -> Bool {
        if (cost, tops.count) != (other.cost, other.tops.count) { return (cost, tops.count) < (other.cost, other.tops.count) }
        guard byAuthority else { return tops.lexicographicallyPrecedes(other.tops) }
        let (mine, theirs) = (measuredAuthority(in: graph), other.measuredAuthority(in: graph))
        if mine != theirs { return mine < theirs }
        return tops.lexicographicallyPrecedes(other.tops)
    }
}

/// Branch and bound over requirements (each with at least two options), splitting them into
/// independent groups wherever the choices made allow it.
private struct BranchAndBound {
    let graph: ScopeGraph
    /// Search nodes allowed in all before giving up on proving optimality.
    let budget: Int
    /// Work allowed in all (options looked at, summed over nodes).
    let workBudget: Int
    private(set) var nodes = 0
    private(set) var work = 0
    private(set) var exhausted = false
    /// What each group solved to optimality added, by the group and the part of the granted set it
    /// depends on: the same group recurs under many branches that differ only elsewhere.
    private var solved: [GroupKey: Bitset] = [:]

    private struct GroupKey: Hashable {
        var requirements: [[SparseBitset]]
        var relevantGranted: Bitset
    }

    let splitsGroups: Bool
    let measure: SolutionCost

    /// The second search's mode: actions of the catalogue join groups (see
    /// `independentGroups(_:from:)`), solved groups are remembered with what authority depends
    /// on, and what granted sets already enable prunes; that work is counted.
    let refinesAuthority: Bool
    /// A solution known to satisfy every requirement: each group starts from its part of it.
    let incumbent: Bitset?
    /// How many times the search split into independent groups.
    private(set) var splits = 0
    /// Whether two different solutions of equal cost and number of scopes were compared.
    private(set) var sawTie = false

    init(graph: ScopeGraph, budget: Int, workBudget: Int, splitsGroups: Bool, cost: SolutionCost, refinesAuthority: Bool = false, incumbent: Bitset? = nil) {
        self.graph = graph
        self.budget = budget
        self.workBudget = workBudget
        self.splitsGroups = splitsGroups
        self.measure = cost
        self.refinesAuthority = refinesAuthority
        self.incumbent = incumbent
    }

    /// The best superset of `granted` that satisfies `requirements` (adding only options' closures).
    mutating func solve(_ requirements: [[SparseBitset]], from granted: Bitset) -> Solution {
        let open = requirements.filter { !isSatisfied($0, by: granted) }
        let groups = independentGroups(open, from: granted)
        if groups.count == 1 { return solveGroup(open, from: granted) }
        splits += 1
        return combine(groups, from: granted)
    }

    /// ``solve(_:from:)``, also giving the groups it split the requirements into at the top, each
    /// with what its best adds and whether its search met a tie on cost and count.
    mutating func solveReportingTies(_ requirements: [[SparseBitset]], from granted: Bitset)
        -> (best: Solution, groups: [(requirements: [[SparseBitset]], added: Bitset, tied: Bool)])
    {
        let open = requirements.filter { !isSatisfied($0, by: granted) }
        let groups = independentGroups(open, from: granted)
        if groups.count > 1 { splits += 1 }
        var combined = granted
        var reports: [(requirements: [[SparseBitset]], added: Bitset, tied: Bool)] = []
        for group in groups {
            sawTie = false
            var added = solveGroup(group, from: granted).granted
            combined.formUnion(added)
            added.subtract(granted)
            reports.append((group, added, sawTie))
        }
        return (Solution(combined, in: graph, cost: measure), reports)
    }

    /// Each group's best added to `granted`: the best for all of them, as the groups are independent.
    private mutating func combine(_ groups: [[[SparseBitset]]], from granted: Bitset) -> Solution {
        var combined = granted
        for group in groups { combined.formUnion(solveGroup(group, from: granted).granted) }
        return Solution(combined, in: graph, cost: measure)
    }

    private mutating func solveGroup(_ requirements: [[SparseBitset]], from granted: Bitset) -> Solution {
        // Which options are satisfied, what they add and which scopes they stop being tops depend
        // only on the granted scopes among the group's options and the granters of those.
        var footprint = Bitset(capacity: graph.scopes.count)
        for option in requirements.joined() { footprint.formUnion(option) }
        var relevant = footprint
        for scope in footprint.members { for granter in graph.granters[scope] { relevant.insert(granter) } }
        // And, for authority, the other scopes of catalogue actions that name an option's scope:
        // whether granting it enables them depends on those.
        if refinesAuthority { relevant.formUnion(graph.actions.scopesBeside(footprint)) }
        relevant.formIntersection(granted)
        let key = GroupKey(requirements: requirements, relevantGranted: relevant)
        if let added = solved[key] { return Solution(granted.union(added), in: graph, cost: measure) }

        var best = greedySolution(requirements, from: granted)
        if var incumbent {
            // Its part in this group satisfies every requirement of the group.
            incumbent.formIntersection(footprint)
            var seeded = Solution(granted.union(incumbent), in: graph, cost: measure)
            if seeded.isBetter(than: &best, in: graph) { best = seeded }
        }
        search(requirements, granted, cost: measure.of(granted), forbidden: [], best: &best)
        if !exhausted {
            var added = best.granted
            added.subtract(granted)
            solved[key] = added
        }
        return best
    }

    /// Satisfies requirements one by one with their cheapest option: a quick upper bound.
    private func greedySolution(_ requirements: [[SparseBitset]], from granted: Bitset) -> Solution {
        var granted = granted
        for options in requirements where !isSatisfied(options, by: granted) {
            granted.formUnion(options.min { measure.adding($0, to: granted) < measure.adding($1, to: granted) }!)
        }
        return Solution(granted, in: graph, cost: measure)
    }

    private mutating func search(_ requirements: [[SparseBitset]], _ granted: Bitset, cost: Int, forbidden: [SparseBitset], best: inout Solution) {
        nodes += 1
        // Every pass below is linear in the options of `requirements` (or of the open ones).
        work += requirements.reduce(forbidden.count) { $0 + $1.count }
        if nodes > budget || work > workBudget { exhausted = true; return }
        if forbidden.contains(where: { $0.isSubset(of: granted) }) { return }
        let open = requirements.filter { !isSatisfied($0, by: granted) }
        guard let branch = open.min(by: { $0.count < $1.count }) else {
            consider(Solution(granted, in: graph, cost: measure), as: &best)
            return
        }
        let bound = lowerBound(open, granted)
        if cost + bound.added > best.cost { return }
        if cost + bound.added == best.cost, bound.scopes > best.tops.count { return }
        // Granting more never enables fewer actions, so what `granted` enables already bounds
        // the authority of every solution below.
        if refinesAuthority, cost + bound.added == best.cost, bound.scopes == best.tops.count,
            graph.actions.authority(of: granted, visited: &work) > best.measuredAuthority(in: graph) { return }
        let groups = independentGroups(open, from: granted)
        if groups.count > 1 {
            splits += 1
            // Leaving forbidden options out of the groups' searches only widens them.
            consider(combine(groups, from: granted), as: &best)
            return
        }

        let ordered = branch.indices.map { (added: measure.adding(branch[$0], to: granted), index: $0) }
            .sorted { ($0.added, $0.index) < ($1.added, $1.index) }
        var forbidden = forbidden
        for (added, index) in ordered {
            var child = granted
            child.formUnion(branch[index])
            search(open, child, cost: cost + added, forbidden: forbidden, best: &best)
            if exhausted { return }
            forbidden.append(branch[index])
        }
    }

    /// Lower bounds for any solution reached from `granted`: on the scopes it adds to `granted`,
    /// and on its number of tops.
    ///
    /// Two bounds on what is added, of which the larger is used:
    /// - Packing: the cheapest addition of each requirement whose possible additions are disjoint
    ///   from those of the requirements already counted ("packed").
    /// - Sharing: each scope that could be added is shared among the `k` requirements that could
    ///   add it, each paying `1/k`; every requirement pays at least for its cheapest option, and
    ///   the payments for one added scope sum to at most 1.
    ///
    /// Tops: those of `granted` that no option can add a granter of stay tops, and each packed
    /// requirement needs a new top of its own.
    private func lowerBound(_ open: [[SparseBitset]], _ granted: Bitset) -> (added: Int, scopes: Int) {
        var counted = Bitset(capacity: graph.scopes.count)
        var packing = 0, packed = 0
        for options in open where !options.contains(where: { $0.intersects(counted, excluding: granted) }) {
            packing += options.map { measure.adding($0, to: granted) }.min()!
            packed += 1
            for option in options { counted.formUnion(option, excluding: granted) }
        }

        var sharers = [Int: Int]()
        var touched = Bitset(capacity: graph.scopes.count)
        for options in open {
            var footprint = Bitset(capacity: graph.scopes.count)
            for option in options { footprint.formUnion(option) }
            touched.formUnion(footprint)
            for scope in footprint.members where !granted.contains(scope) { sharers[scope, default: 0] += 1 }
        }
        var sharing = 0.0
        // Shares of very large weights lose precision in a Double, which could overstate the
        // bound and prune the optimum; packing alone stays exact.
        for options in open where measure.maxWeight < 1 << 40 {
            sharing += options.map { option in
                option.members.reduce(0.0) { sum, scope in
                    granted.contains(scope) ? sum : sum + Double(measure.weight(of: scope)) / Double(sharers[scope]!)
                }
            }.min()!
        }
        let lastingTops = measure.tops(of: granted, in: graph).count { !touched.contains($0) }
        return (max(packing, Int((sharing - 1e-9).rounded(.up))), lastingTops + packed)
    }

    /// `requirements` in groups whose options share no scope except members of `granted` that
    /// another member already grants, and that no action of the catalogue links (see below). Whatever the groups add, such a member is already counted
    /// and stays redundant, while any other shared scope could be added, or stop being a top, by
    /// two groups at once. So the size and the tops of the final set add up group by group, and
    /// each group's best choice is independent of the others'.
    private mutating func independentGroups(_ requirements: [[SparseBitset]], from granted: Bitset) -> [[[SparseBitset]]] {
        guard requirements.count > 1, splitsGroups else { return requirements.isEmpty ? [] : [requirements] }
        var settled = granted
        for top in graph.tops(of: granted) { settled.remove(top) }
        var parent = Array(requirements.indices)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var owner = Array(repeating: -1, count: graph.scopes.count)
        for (index, options) in requirements.enumerated() {
            for option in options {
                for scope in option.members where !settled.contains(scope) {
                    if owner[scope] < 0 { owner[scope] = index } else { parent[root(index)] = root(owner[scope]) }
                }
            }
        }
        // Authority adds up over groups only if no action of the catalogue can be enabled by
        // what two groups add (together, or each on its own): such an action joins them.
        var actionOwner: [Int: Int] = [:]  // -1: already enabled
        for (index, options) in requirements.enumerated() where refinesAuthority {
            for option in options {
                for scope in option.members where !granted.contains(scope) {
                    work += graph.actions.mentions[scope].count
                    for action in graph.actions.mentions[scope] {
                        if let other = actionOwner[action] {
                            if other >= 0 { parent[root(index)] = root(other) }
                        } else {
                            actionOwner[action] = graph.actions.isEnabled(action, by: granted) ? -1 : index
                        }
                    }
                }
            }
        }
        var groups: [Int: [[SparseBitset]]] = [:]
        var order: [Int] = []
        for (index, options) in requirements.enumerated() {
            let key = root(index)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(options)
        }
        return order.map { groups[$0]! }
    }

    /// The solutions reached from `granted` whose cost and number of scopes equal `target`'s: the
    /// best `limit` of them by authority, then definition order.
    mutating func ties(of target: Solution, among requirements: [[SparseBitset]], from granted: Bitset, limit: Int) -> [Solution] {
        var found: [Solution] = []
        collect(requirements, granted, cost: measure.of(granted), forbidden: [], target: target, limit: limit, into: &found)
        return found
    }

    /// ``search(_:_:cost:forbidden:best:)`` without groups, keeping every solution as good as
    /// `target` on cost and count instead of the best one.
    private mutating func collect(
        _ requirements: [[SparseBitset]], _ granted: Bitset, cost: Int, forbidden: [SparseBitset], target: Solution, limit: Int,
        into found: inout [Solution]
    ) {
        nodes += 1
        work += requirements.reduce(forbidden.count) { $0 + $1.count }
        if nodes > budget || work > workBudget { exhausted = true; return }
        if forbidden.contains(where: { $0.isSubset(of: granted) }) { return }
        let open = requirements.filter { !isSatisfied($0, by: granted) }
        guard let branch = open.min(by: { $0.count < $1.count }) else {
            var candidate = Solution(granted, in: graph, cost: measure)
            guard candidate.cost == target.cost, candidate.tops.count == target.tops.count,
                !found.contains(where: { $0.granted == granted }) else { return }
            _ = candidate.measuredAuthority(in: graph)
            var index = found.count
            while index > 0, candidate.isBetter(than: &found[index - 1], in: graph) { index -= 1 }
            found.insert(candidate, at: index)
            if found.count > limit { found.removeLast() }
            return
        }
        let bound = lowerBound(open, granted)
        if cost + bound.added > target.cost { return }
        if cost + bound.added == target.cost, bound.scopes > target.tops.count { return }
        if found.count == limit, let worst = found.last?.authority, graph.actions.authority(of: granted) > worst { return }
        let ordered = branch.indices.map { (added: measure.adding(branch[$0], to: granted), index: $0) }
            .sorted { ($0.added, $0.index) < ($1.added, $1.index) }
        var forbidden = forbidden
        for (added, index) in ordered {
            var child = granted
            child.formUnion(branch[index])
            collect(open, child, cost: cost + added, forbidden: forbidden, target: target, limit: limit, into: &found)
            if exhausted { return }
            forbidden.append(branch[index])
        }
    }

    private func isSatisfied(_ options: [SparseBitset], by granted: Bitset) -> Bool {
        options.contains { $0.isSubset(of: granted) }
    }

    private mutating func consider(_ candidate: Solution, as best: inout Solution) {
        if (candidate.cost, candidate.tops.count) == (best.cost, best.tops.count), candidate.granted != best.granted { sawTie = true }
        var candidate = candidate
        if candidate.isBetter(than: &best, in: graph, byAuthority: refinesAuthority) { best = candidate }
    }
}
