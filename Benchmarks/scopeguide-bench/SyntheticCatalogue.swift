import ScopeGuide

/// The resolver benchmark's connector: 1,000 scopes and 5,000 actions, generated from a fixed seed.
///
/// Scopes come in 250 families of four, with three-level `includes` hierarchies that also link
/// neighbouring families (so the problem does not split into trivial pieces):
/// `fK:manage` ⊃ `fK:write` ⊃ `fK:read`, `fK:manage` ⊃ `f(K+1):read`, and a leaf `fK:audit`.
/// 30% of actions have an any-of requirement of two or three alternatives, each of one or two
/// scopes from different families; the others need one or two scopes (all of them).
enum SyntheticCatalogue {
    static let families = 250
    static let actionCount = 5_000

    static func connector(seed: UInt64 = 0x5C0_9E_BE_4C) -> Connector {
        var random = SplitMix64(seed: seed)
        var definitions: [ScopeDefinition] = []
        for family in 0..<families {
            let next = (family + 1) % families
            definitions += [
                ScopeDefinition(scope: Scope("f\(family):read")),
                ScopeDefinition(scope: Scope("f\(family):write"), includes: [Scope("f\(family):read")]),
                ScopeDefinition(scope: Scope("f\(family):manage"), includes: [Scope("f\(family):write"), Scope("f\(next):read")]),
                ScopeDefinition(scope: Scope("f\(family):audit")),
            ]
        }
        func anyScope() -> Scope { definitions[Int(random.next() % UInt64(definitions.count))].scope }
        func group() -> [Scope] {
            let first = anyScope()
            return random.next() % 3 == 0 ? [first, anyScope()] : [first]
        }
        let actions = (0..<actionCount).map { number in
            let alternatives: [[Scope]]
            if random.next() % 10 < 3 {
                alternatives = (0..<(2 + Int(random.next() % 2))).map { _ in group() }
            } else {
                alternatives = [group()]
            }
            return Action(id: ActionID("action_\(number)"), label: "Action \(number)", requirement: Requirement(alternatives: alternatives))
        }
        return Connector(
            key: "synthetic", name: "Synthetic", scopeDefinitions: definitions, actions: actions,
            methods: [AuthMethod(key: "oauth", kind: .oauth2, label: "OAuth 2.0")])
    }
}

/// A small deterministic generator, so every run measures the same catalogue and selections.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
