/// What an action needs: any one of its alternatives, each a set of scopes needed together.
///
/// `requiredScopes: a b` is one alternative `[a, b]`; `requiredScopes: {anyOf: [a, "b c"]}` is two
/// alternatives `[a]` and `[b, c]`.
package struct Requirement: Hashable, Sendable {
    package var alternatives: [[Scope]]

    package init(alternatives: [[Scope]]) { self.alternatives = alternatives }

    /// A requirement with a single all-of alternative.
    package init(allOf scopes: [Scope]) { self.alternatives = scopes.isEmpty ? [] : [scopes] }

    /// Whether the action needs no scope at all.
    package var isEmpty: Bool { alternatives.isEmpty || alternatives.contains { $0.isEmpty } }

    /// Every scope named anywhere in the requirement, in first-seen order.
    package var mentionedScopes: [Scope] {
        var seen = Set<Scope>()
        return alternatives.joined().filter { seen.insert($0).inserted }
    }
}
