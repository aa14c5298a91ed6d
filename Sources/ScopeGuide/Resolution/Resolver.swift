/// Computes a ``Resolution``: the minimal scopes for a selection, following SPEC §2.
///
/// A resolver is built once per connector (it precomputes the ``ScopeGraph``) and is cheap to
/// call for each selection.
public struct Resolver: Sendable {
    public let connector: Connector
    public let graph: ScopeGraph
    /// Search nodes allowed per resolution before the answer is reported as not proven optimal.
    public var nodeBudget: Int

    public init(connector: Connector, nodeBudget: Int = 200_000) {
        self.connector = connector
        self.graph = ScopeGraph(connector)
        self.nodeBudget = nodeBudget
    }

    /// Resolves `selection` for `method`.
    ///
    /// An empty selection resolves to the method's `defaultScopes` when it declares them, and
    /// otherwise to every scope some action requires.
    public func resolve(_ selection: Selection, for method: AuthMethod) -> Resolution {
        let actions = selection.isEmpty ? connector.actions : selection.actions.compactMap(connector.action)
        let numbers: [Int]
        var isOptimal = true
        var usesDefaults = false
        if selection.isEmpty {
            if let defaults = method.defaultScopes {
                numbers = defaults.compactMap(graph.number(of:))
                usesDefaults = true
            } else {
                numbers = connector.actions.flatMap(\.requirement.mentionedScopes).compactMap(definedScope(for:))
            }
        } else {
            let search = MinimalScopeSearch(graph: graph, nodeBudget: nodeBudget)
            let outcome = search.solve(actions.map { action in
                action.requirement.alternatives.map { $0.compactMap(graph.number(of:)) }
            })
            numbers = outcome.chosen
            isOptimal = outcome.isOptimal
        }
        let chosen = Array(Set(numbers)).sorted()
        let grantedBits = graph.closure(of: chosen)
        let granted = Set(grantedBits.members.map { graph.scopes[$0] })

        var alternatives: [ActionID: [Scope]] = [:]
        for action in actions {
            let enabled = action.requirement.alternatives.first { $0.allSatisfy(granted.contains) }
            // With nothing selected every action is listed, by its first alternative if the
            // defaults do not grant any.
            if let alternative = enabled ?? (selection.isEmpty ? action.requirement.alternatives.first : nil) {
                alternatives[action.id] = alternative
            }
        }
        let scopes = chosen.map { graph.scopes[$0] }
        let explanation = chosen.map { number in
            Resolution.Reason(scope: graph.scopes[number], actions: actions.compactMap { action in
                let needs = alternatives[action.id]?.contains { target in
                    graph.number(of: target).map(graph.closures[number].contains) ?? false
                } ?? false
                return needs ? action.id : nil
            })
        }
        return Resolution(
            selection: selection, scopes: scopes, usesDefaultScopes: usesDefaults, isOptimal: isOptimal,
            explanation: explanation, chosenAlternatives: alternatives, granted: granted)
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
