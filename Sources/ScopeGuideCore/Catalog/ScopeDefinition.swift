/// One entry of a connector's `scopeDefinitions`: a scope, what it means, what it implies and
/// how much power it gives.
package struct ScopeDefinition: Hashable, Sendable {
    package var scope: Scope
    package var description: String?
    /// Scopes this one grants directly; the loader has checked they are defined and acyclic.
    package var includes: [Scope]
    /// How much a grant of this scope exposes, from 1 (the least, the default) to 9, as providers
    /// publish it (Microsoft Graph's privilege levels 1–4; Google's non-sensitive, sensitive and
    /// restricted; GitHub's read, write and admin). Least privilege grants as few scopes of the
    /// highest level as it can before counting lower ones (see HowResolutionWorks in the docs).
    package var privilege: Int

    /// The levels ``privilege`` may take.
    static let privilegeLevels = 1...9

    package init(scope: Scope, description: String? = nil, includes: [Scope] = [], privilege: Int = 1) {
        self.scope = scope
        self.description = description
        self.includes = includes
        self.privilege = privilege
    }
}
