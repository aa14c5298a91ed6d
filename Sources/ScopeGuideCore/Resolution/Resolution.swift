/// The scopes one selection needs, and why: the engine's answer for a connector's guide.
public struct Resolution: Hashable, Sendable {
    /// Why one scope is in ``scopes``.
    package struct Reason: Hashable, Sendable {
        package internal(set) var scope: Scope
        /// Selected actions (all actions when nothing is selected) whose chosen alternative this
        /// scope grants, in catalogue order.
        package internal(set) var actions: [ActionID]
        /// How many of the catalogue's actions this scope enables on its own (of
        /// ``Resolution/scopedActionCount``): what granting it hands out.
        package internal(set) var authority: Int = 0
    }

    public internal(set) var selection: Selection
    /// The minimal scopes, in `scopeDefinitions` order.
    public internal(set) var scopes: [Scope]
    /// Whether ``scopes`` came from the method's `defaultScopes` because nothing is selected.
    public internal(set) var usesDefaultScopes: Bool
    /// `false` only when the search ran out of its node or work budget before proving the minimum.
    public internal(set) var isOptimal: Bool
    /// One reason per scope, in ``scopes`` order.
    package internal(set) var explanation: [Reason]
    /// For each action that ``scopes`` enables, the alternative it uses: the first one granted.
    var chosenAlternatives: [ActionID: [Scope]]
    /// Everything ``scopes`` grants, through `includes` and wildcards.
    package internal(set) var granted: Set<Scope>
    /// How many of the catalogue's actions the answer enables, with the existing grant if any:
    /// the tie-break after privilege levels and scope count (least authority).
    package internal(set) var authority: Int = 0
    /// How many of the catalogue's actions need a scope: the "of N" of ``authority``.
    package internal(set) var scopedActionCount: Int = 0
    /// Other answers as good on privilege levels and scope count, least authority first, when
    /// `Resolver/alternativeLimit` asks for them (`nil` when it does not, or when the answer
    /// itself is not proven optimal): the trade-off behind the one picked.
    package internal(set) var alternatives: [Alternative]?
    /// `false` when the search for `alternatives` ran out of budget before seeing them all.
    package internal(set) var alternativesAreComplete = true

    /// An answer as good as ``Resolution/scopes`` on privilege levels and scope count.
    package struct Alternative: Hashable, Sendable {
        /// The scopes to grant (to add, under an existing grant), in `scopeDefinitions` order.
        public internal(set) var scopes: [Scope]
        /// How many of the catalogue's actions it enables (with the existing grant, if any).
        package internal(set) var authority: Int
    }
    /// The customer's existing grant and refused scopes the answer honours.
    package internal(set) var constraints: ScopeConstraints = .none
    /// With an existing grant: what it enables, what to add, what could be revoked.
    package internal(set) var grant: GrantReport?
    /// Selected actions (every action, when nothing is selected under constraints) that no scope
    /// left after the refusals can enable, in catalogue order; the guide is tailored to the rest.
    public internal(set) var unavailable: [ActionID] = []
    /// Under constraints, the actions the guide is still tailored for: selected, not enabled by
    /// the grant and not unavailable, in catalogue order. Without constraints, `nil`.
    var pending: [ActionID]?
}
