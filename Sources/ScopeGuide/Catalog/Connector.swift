/// A connector: its scopes, its action catalogue and its authentication methods with their guides.
public struct Connector: Hashable, Sendable {
    /// The connector key, `[a-z0-9_-]+`, such as `front`.
    public var key: String
    public var name: String
    /// In display order: scopes are always listed in this order.
    public var scopeDefinitions: [ScopeDefinition]
    /// In catalogue order: selections are always listed in this order.
    public var actions: [Action]
    public var methods: [AuthMethod]
    public var variables: [Variable]

    public init(
        key: String, name: String, scopeDefinitions: [ScopeDefinition], actions: [Action],
        methods: [AuthMethod], variables: [Variable] = []
    ) {
        self.key = key
        self.name = name
        self.scopeDefinitions = scopeDefinitions
        self.actions = actions
        self.methods = methods
        self.variables = variables
    }

    /// The action with `id`, if the catalogue has one.
    public func action(_ id: ActionID) -> Action? { actions.first { $0.id == id } }

    /// The actions of `selection`, in catalogue order: one pass over the catalogue, which a
    /// selection of this connector follows, where looking each id up with ``action(_:)`` would
    /// take time proportional to both sizes.
    public func actions(in selection: Selection) -> [Action] {
        var selected: [Action] = []
        var next = selection.actions.startIndex
        for action in actions where next < selection.actions.endIndex && action.id == selection.actions[next] {
            selected.append(action)
            next += 1
        }
        return selected
    }
}
