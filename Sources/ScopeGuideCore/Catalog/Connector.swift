/// A connector: its scopes, its action catalogue and its authentication methods with their guides.
public struct Connector: Hashable, Sendable {
    /// The connector key, `[a-z0-9_-]+`, such as `front`.
    public var key: String
    public var name: String
    /// In display order: scopes are always listed in this order.
    package var scopeDefinitions: [ScopeDefinition]
    /// In catalogue order: selections are always listed in this order.
    public var actions: [Action] { didSet { positions = Self.positions(of: actions) } }
    package var methods: [AuthMethod]
    package var variables: [Variable]
    /// Each action's index in ``actions``, by id: a request names a few actions of catalogues
    /// with tens of thousands, and must not scan them all. (A duplicate id keeps its first index;
    /// the loader refuses duplicates anyway.)
    private var positions: [ActionID: Int]

    package init(
        key: String, name: String, scopeDefinitions: [ScopeDefinition], actions: [Action],
        methods: [AuthMethod], variables: [Variable] = []
    ) {
        self.key = key
        self.name = name
        self.scopeDefinitions = scopeDefinitions
        self.actions = actions
        self.methods = methods
        self.variables = variables
        positions = Self.positions(of: actions)
    }

    /// The variables a request may give: those the connector declares, and, when a method has an
    /// OAuth authorize URL, ``AuthorizeURL/variables`` (`client_id`, `redirect_uri`, `state`)
    /// unless it declares them itself.
    package var acceptedVariables: [Variable] {
        guard methods.contains(where: { $0.kind == .oauth2 && $0.grantType == .authorizationCode && $0.authorizationURL != nil }) else { return variables }
        let declared = Set(variables.map(\.name))
        return variables + AuthorizeURL.variables.filter { !declared.contains($0.name) }
    }

    /// The action with `id`, if the catalogue has one.
    public func action(_ id: ActionID) -> Action? { position(of: id).map { actions[$0] } }

    /// The index of the action with `id` in ``actions``, if the catalogue has one.
    package func position(of id: ActionID) -> Int? { positions[id] }

    /// The actions of `selection`, in catalogue order (a selection of this connector follows it).
    package func actions(in selection: Selection) -> [Action] { selection.actions.compactMap(action) }

    private static func positions(of actions: [Action]) -> [ActionID: Int] {
        Dictionary(actions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
