/// Computes a ``Resolution``: the minimal scopes for a selection, as the DocC article "How the minimal
/// scopes are chosen" describes.
///
/// A resolver is built once per connector (it precomputes the `ScopeGraph`) and is cheap to
/// call for each selection.
package struct Resolver: Sendable {
    package let connector: Connector
    let graph: ScopeGraph
    /// Search nodes allowed per resolution before the answer is reported as not proven optimal.
    package var nodeBudget: Int
    /// Search work allowed per resolution (options of open requirements looked at, summed over
    /// search nodes) before the answer is reported as not proven optimal.
    package var workBudget: Int

    /// The default ``workBudget``: 1,000,000, ten times the most any selection of the resolver
    /// benchmark needs (94,498 for 500 of its 5,000 actions) and well under a second in a release
    /// build on 300 any-of actions that do not split into independent groups.
    package static let defaultWorkBudget = 1_000_000
    /// The cost of each scope by its privilege level; `nil` when the connector gives none.
    private let weights: [Int]?
    /// How many other equally good answers (`Resolution/alternatives`) to look for; 0, the
    /// default, looks for none (the search for them is a second one).
    package var alternativeLimit = 0

    package init(connector: Connector, nodeBudget: Int = 200_000, workBudget: Int = Resolver.defaultWorkBudget) {
        self.connector = connector
        self.workBudget = workBudget
        let graph = ScopeGraph(connector)
        self.graph = graph
        self.nodeBudget = nodeBudget
        weights = PrivilegeWeights.weights(for: connector, graph: graph)
    }

    /// Resolves `selection` for `method` under `constraints`: with a grant, the scopes to add;
    /// with refusals, the minimum over what remains (see ``ScopeConstraints``). Nothing selected
    /// under constraints means every action. Without constraints, ``resolve(_:for:)``.
    package func resolve(_ selection: Selection, for method: AuthMethod, constraints: ScopeConstraints) -> Resolution {
        guard !constraints.isEmpty else { return resolve(selection, for: method) }
        let capacity = graph.scopes.count
        let refused = Bitset(capacity: capacity, constraints.refused.compactMap(graph.number(of:)))
        // Refusal wins: a granted scope whose closure holds a refused one is not counted as granted.
        let grantedNumbers = constraints.granted.compactMap(graph.number(of:)).filter { !graph.closure(of: [$0]).intersects(refused) }
        let existing = graph.closure(of: grantedNumbers)
        let selected = actionPositions(of: selection)
        let requirements = numberedRequirements(of: selected)

        var enabled: [Int] = [], unavailable: [Int] = [], pending: [Int] = []
        for position in selected {
            let alternatives = requirements[position]
            // No alternatives: the action needs no scope, so any grant already enables it.
            if alternatives.isEmpty || alternatives.contains(where: { $0.allSatisfy(existing.contains) }) {
                enabled.append(position)
            } else if !alternatives.contains(where: { isGrantable($0, refused: refused, existing: existing) }) {
                unavailable.append(position)
            } else {
                pending.append(position)
            }
        }
        // Where the provider replaces the grant (a new credential, or authorizing again), the
        // customer asks for everything again: the minimum for every selected action that can be
        // enabled, those the grant enables included, or they would stop working. Otherwise the
        // grant is kept, and only the minimal addition to it is asked for.
        let replaces = method.grantChange.replacesGrant && !constraints.granted.isEmpty
        let needed = (enabled + pending).sorted()
        let solved = replaces ? needed.filter { !requirements[$0].isEmpty } : pending
        let kept = replaces ? Bitset(capacity: capacity) : existing
        var search = MinimalScopeSearch(graph: graph, nodeBudget: nodeBudget)
        search.workBudget = workBudget
        search.weights = weights
        search.refused = refused
        search.existing = replaces ? nil : existing
        let outcome = search.solve(solved.map { requirements[$0] })
        let others = alternativeLimit > 0 && outcome.isOptimal
            ? search.alternatives(solved.map { requirements[$0] }, to: outcome.chosen, limit: alternativeLimit) : nil
        let added = graph.closure(of: outcome.chosen)
        let all = kept.union(added)

        // Granted scopes no selected action needs with the rest: dropped one by one from the
        // last, so the ones reported can be revoked together. Replacing the grant drops every
        // granted scope the request does not grant.
        var remaining = grantedNumbers.filter { $0 < graph.definedCount }
        var unneeded: [Int] = []
        for number in remaining.reversed() where !replaces {
            let without = graph.closure(of: remaining.filter { $0 != number } + outcome.chosen)
            if needed.allSatisfy({ requirements[$0].isEmpty || requirements[$0].contains { $0.allSatisfy(without.contains) } }) {
                remaining.removeAll { $0 == number }
                unneeded.append(number)
            }
        }
        let dropped = replaces ? Array(Set(grantedNumbers.filter { $0 < graph.definedCount && !added.contains($0) })).sorted() : unneeded.sorted()

        // The guide is tailored to what is still to do: the pending actions and the added scopes.
        var alternatives: [ActionID: [Scope]] = [:]
        var reasons = outcome.chosen.map { Resolution.Reason(scope: graph.scopes[$0], actions: []) }
        for position in solved {
            guard let index = requirements[position].firstIndex(where: { $0.allSatisfy(all.contains) }) else { continue }
            let action = connector.actions[position]
            alternatives[action.id] = action.requirement.alternatives[index]
            for (offset, number) in outcome.chosen.enumerated()
            where requirements[position][index].contains(where: { graph.closures[number].contains($0) && !kept.contains($0) }) {
                reasons[offset].actions.append(action.id)
            }
        }
        let ids = { (positions: [Int]) in positions.map { self.connector.actions[$0].id } }
        let add = outcome.chosen.map { graph.scopes[$0] }
        var resolution = Resolution(
            selection: selection, scopes: add, usesDefaultScopes: false, isOptimal: outcome.isOptimal,
            explanation: reasons, chosenAlternatives: alternatives, granted: Set(added.members.map { graph.scopes[$0] }))
        resolution.constraints = constraints
        measureAuthority(of: &resolution, granted: all, chosen: outcome.chosen)
        record(others, in: &resolution)
        resolution.unavailable = ids(unavailable)
        resolution.pending = ids(replaces ? solved : pending)
        if !constraints.granted.isEmpty {
            // What is new to the credential: requested scopes the grant does not already hold.
            // Where the grant already enables every selected action nothing is asked for, even
            // if a smaller request exists: the customer need not replace a working credential.
            let new = !replaces ? add : pending.isEmpty ? [] : outcome.chosen.filter { !existing.contains($0) }.map { graph.scopes[$0] }
            resolution.grant = GrantReport(
                change: method.grantChange, enabled: ids(enabled), request: add, add: new,
                drop: dropped.map { graph.scopes[$0] }, unneeded: unneeded.sorted().map { graph.scopes[$0] })
        }
        return resolution
    }

    /// Whether `alternative` can be granted without a refused scope: each of its scopes is
    /// already granted, or granted by a scope (itself, or a wildcard) whose closure is not refused.
    private func isGrantable(_ alternative: [Int], refused: Bitset, existing: Bitset) -> Bool {
        alternative.allSatisfy { target in
            if existing.contains(target) { return true }
            if target < graph.definedCount { return !graph.closures[target].intersects(refused) }
            return graph.granters[target].contains { !graph.closures[$0].intersects(refused) }
        }
    }

    /// Resolves `selection` for `method`.
    ///
    /// An empty selection resolves to the method's `defaultScopes` when it declares them, and
    /// otherwise to every scope some action requires.
    package func resolve(_ selection: Selection, for method: AuthMethod) -> Resolution {
        let selected = actionPositions(of: selection)
        let requirements = numberedRequirements(of: selected)
        let numbers: [Int]
        var isOptimal = true
        var usesDefaults = false
        var others: (answers: [(scopes: [Int], authority: Int)], isComplete: Bool)?
        if selection.isEmpty {
            if let defaults = method.defaultScopes {
                numbers = defaults.compactMap(graph.number(of:))
                usesDefaults = true
            } else {
                numbers = connector.actions.flatMap(\.requirement.mentionedScopes).compactMap(definedScope(for:))
            }
        } else {
            var search = MinimalScopeSearch(graph: graph, nodeBudget: nodeBudget, workBudget: workBudget)
            search.weights = weights
            let outcome = search.solve(selected.map { requirements[$0] })
            numbers = outcome.chosen
            isOptimal = outcome.isOptimal
            if alternativeLimit > 0, isOptimal {
                others = search.alternatives(selected.map { requirements[$0] }, to: outcome.chosen, limit: alternativeLimit)
            }
        }
        let chosen = Array(Set(numbers)).sorted()
        let grantedBits = graph.closure(of: chosen)

        // Each action's chosen alternative is its first granted one. With nothing selected every
        // action is listed, by its first alternative if the defaults grant none.
        var alternatives: [ActionID: [Scope]] = [:]
        var chosenTargets: [(id: ActionID, targets: [Int])] = []
        for position in selected {
            let action = connector.actions[position]
            let granted = requirements[position].firstIndex { $0.allSatisfy(grantedBits.contains) }
            guard let index = granted ?? (selection.isEmpty && !action.requirement.alternatives.isEmpty ? 0 : nil) else { continue }
            alternatives[action.id] = action.requirement.alternatives[index]
            chosenTargets.append((action.id, requirements[position][index]))
        }
        // Each chosen scope's actions: those whose chosen alternative needs a scope it grants.
        var granting: [Int: [Int]] = [:]  // scope -> positions in `chosen` of the scopes granting it
        for (position, number) in chosen.enumerated() {
            for target in graph.closure(of: [number]).members { granting[target, default: []].append(position) }
        }
        var reasons = chosen.map { Resolution.Reason(scope: graph.scopes[$0], actions: []) }
        for action in chosenTargets {
            for position in Set(action.targets.flatMap { granting[$0] ?? [] }).sorted() { reasons[position].actions.append(action.id) }
        }
        var resolution = Resolution(
            selection: selection, scopes: chosen.map { graph.scopes[$0] }, usesDefaultScopes: usesDefaults, isOptimal: isOptimal,
            explanation: reasons, chosenAlternatives: alternatives, granted: Set(grantedBits.members.map { graph.scopes[$0] }))
        measureAuthority(of: &resolution, granted: grantedBits, chosen: chosen)
        record(others, in: &resolution)
        return resolution
    }

    private func record(_ others: (answers: [(scopes: [Int], authority: Int)], isComplete: Bool)?, in resolution: inout Resolution) {
        guard let others else { return }
        resolution.alternatives = others.answers.map { Resolution.Alternative(scopes: $0.scopes.map { graph.scopes[$0] }, authority: $0.authority) }
        resolution.alternativesAreComplete = others.isComplete
    }

    /// Fills in what the answer and each of its scopes enable across the catalogue.
    private func measureAuthority(of resolution: inout Resolution, granted: Bitset, chosen: [Int]) {
        resolution.scopedActionCount = graph.actions.count
        resolution.authority = graph.actions.authority(of: granted)
        for (offset, number) in chosen.enumerated() {
            resolution.explanation[offset].authority = graph.actions.authority(of: graph.closure(of: [number]))
        }
    }

    /// `scope` itself when defined, else the first defined wildcard that matches it (not a broader
    /// scope that merely includes that wildcard), else the first defined scope that grants it.
    private func definedScope(for scope: Scope) -> Int? {
        guard let number = graph.number(of: scope) else { return nil }
        if number < graph.definedCount { return number }
        let wildcard = (0..<graph.definedCount).first { graph.scopes[$0].isWildcard && graph.scopes[$0].matches(scope) }
        return wildcard ?? (0..<graph.definedCount).first { graph.closures[$0].contains(number) }
    }
}

extension Resolver {
    /// The catalogue positions of `selection`'s actions (by the connector's index); every action
    /// for the empty selection.
    fileprivate func actionPositions(of selection: Selection) -> [Int] {
        selection.isEmpty ? Array(connector.actions.indices) : selection.actions.compactMap(connector.position(of:))
    }

    /// The alternatives of the actions at `positions` as scope numbers, by position.
    ///
    /// Numbered per request, for the selected actions only: numbering all 11,000 actions of a
    /// large catalogue when the resolver was made was a tenth of a one-connector command's run,
    /// for the two actions it asked about.
    fileprivate func numberedRequirements(of positions: [Int]) -> NumberedRequirements {
        var numbered = NumberedRequirements(count: connector.actions.count)
        for position in positions where numbered.alternatives[position] == nil {
            // The graph numbers every scope an action names, so nothing is dropped here.
            numbered.alternatives[position] = connector.actions[position].requirement.alternatives.map { $0.compactMap(graph.number(of:)) }
        }
        return numbered
    }
}

/// A selection's actions' alternatives as scope numbers, by catalogue position (a slot per
/// action, empty for those not selected: clearing the slots costs less than hashing positions).
private struct NumberedRequirements {
    var alternatives: [[[Int]]?]

    init(count: Int) { alternatives = Array(repeating: nil, count: count) }

    /// The alternatives of the action at `position`, which must be one the selection holds.
    subscript(position: Int) -> [[Int]] {
        guard let numbered = alternatives[position] else { preconditionFailure("action \(position) was not numbered for this request") }
        return numbered
    }
}
