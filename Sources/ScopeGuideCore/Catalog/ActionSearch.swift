/// Finds a connector's actions by what a reader knows: words of a label, an id or a scope, or
/// the scopes they hold ("what does `contacts:write` enable?").
package struct ActionSearch: Sendable {
    package let connector: Connector
    private let graph: ScopeGraph

    package init(connector: Connector) {
        self.connector = connector
        graph = ScopeGraph(connector)
    }

    /// The actions whose id, label or required scopes contain every word of `text`, ignoring
    /// case, in catalogue order; every action for blank text.
    package func matching(_ text: String) -> [Action] {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return connector.actions }
        return connector.actions.filter { action in
            let haystack = ([action.id.rawValue, action.label] + action.requirement.mentionedScopes.map(\.rawValue))
                .joined(separator: "\n").lowercased()
            return words.allSatisfy(haystack.contains)
        }
    }

    /// The actions that `scopes` enable together, through `includes` and wildcards, in catalogue
    /// order (actions that need no scope are left out: anything enables them), and the scopes
    /// the connector does not know.
    package func enabled(by scopes: [Scope]) -> (actions: [Action], unknown: [Scope]) {
        let unknown = scopes.filter { graph.number(of: $0) == nil }
        let granted = graph.closure(of: scopes.compactMap(graph.number(of:)))
        let actions = connector.actions.filter { action in
            !action.requirement.isEmpty && action.requirement.alternatives.contains { alternative in
                alternative.allSatisfy { graph.number(of: $0).map(granted.contains) ?? false }
            }
        }
        return (actions, unknown)
    }

    /// The connector's scope names closest to `scope`, for "did you mean" messages.
    package func suggestions(for scope: Scope) -> [String] {
        NameSuggestions.closest(to: scope.rawValue, in: graph.scopes.map(\.rawValue))
    }
}
