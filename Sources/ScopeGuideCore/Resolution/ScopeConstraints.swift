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

    package init(granted: [Scope] = [], refused: [Scope] = []) {
        self.granted = granted
        self.refused = refused
    }

    package static let none = ScopeConstraints()

    package var isEmpty: Bool { granted.isEmpty && refused.isEmpty }
}

/// What a resolution under ``ScopeConstraints`` found about the existing grant.
package struct GrantReport: Hashable, Sendable {
    /// How the method's provider changes a grant, which decides ``request``.
    package internal(set) var change: GrantChange
    /// Selected actions the existing grant already enables, in catalogue order.
    package internal(set) var enabled: [ActionID]
    /// What the customer asks the provider for, in `scopeDefinitions` order
    /// (``Resolution/scopes``): the minimal addition where the grant is kept (`edit`,
    /// `incremental`); the minimum for every selected action where it is replaced
    /// (`new-credential`, `reauthorize`).
    package internal(set) var request: [Scope]
    /// Requested scopes the grant does not hold yet.
    package internal(set) var add: [Scope]
    /// Granted scopes the customer ends up without: where the grant is replaced, those the
    /// request does not grant; where it is kept, those no selected action needs (``unneeded``),
    /// which the customer may remove.
    package internal(set) var drop: [Scope]
    /// Granted scopes that no selected action needs once ``request`` is granted: candidates to
    /// revoke, removable together, in `scopeDefinitions` order (where the grant is kept).
    package internal(set) var unneeded: [Scope]
    /// Whether the customer must act at the provider: there is something to add.
    package var reconsent: Bool { !add.isEmpty }
}
