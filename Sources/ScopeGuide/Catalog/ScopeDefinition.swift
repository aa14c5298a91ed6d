/// One entry of a connector's `scopeDefinitions`: a scope, what it means and what it implies.
public struct ScopeDefinition: Hashable, Sendable {
    public var scope: Scope
    public var description: String?
    /// Scopes this one grants directly; the loader has checked they are defined and acyclic.
    public var includes: [Scope]

    public init(scope: Scope, description: String? = nil, includes: [Scope] = []) {
        self.scope = scope
        self.description = description
        self.includes = includes
    }
}
