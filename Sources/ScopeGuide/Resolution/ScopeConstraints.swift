/// What a customer's situation adds to a selection: the scopes their credential already has
/// (`granted`) and the scopes their admin will not grant (`refused`).
///
/// With a grant, the answer is what to *add*: the selected actions the grant already enables
/// are reported, the objective counts only what is newly granted, and granted scopes no selected
/// action needs are reported as candidates to revoke. With refusals, a scope whose grant closure
/// holds a refused scope is refused too; the answer is the minimum over what remains, and the
/// selected actions nothing remaining can enable are reported as unavailable. Refusal wins: a
/// granted scope that is refused (or whose closure holds a refused scope) is not counted as
/// granted, and is not reported as unneeded either; dynamic guide URLs refuse such a request.
public struct ScopeConstraints: Hashable, Sendable {
    public internal(set) var granted: [Scope]
    public internal(set) var refused: [Scope]

    public init(granted: [Scope] = [], refused: [Scope] = []) {
        self.granted = granted
        self.refused = refused
    }

    public static let none = ScopeConstraints()

    public var isEmpty: Bool { granted.isEmpty && refused.isEmpty }
}

/// What a resolution under ``ScopeConstraints`` found about the existing grant.
public struct GrantReport: Hashable, Sendable {
    /// Selected actions the existing grant already enables, in catalogue order.
    public internal(set) var enabled: [ActionID]
    /// The minimal scopes to add, in `scopeDefinitions` order (``Resolution/scopes``).
    public internal(set) var add: [Scope]
    /// Granted scopes that no selected action needs once ``add`` is granted: candidates to
    /// revoke, removable together, in `scopeDefinitions` order.
    public internal(set) var unneeded: [Scope]
    /// Whether the customer must consent again: there is something to add.
    public var reconsent: Bool { !add.isEmpty }
}
