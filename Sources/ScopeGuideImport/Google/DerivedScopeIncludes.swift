import ScopeGuideCore

/// `includes` derived from an action catalogue whose requirements are any-of lists, for a
/// provider that publishes which scopes authorize each method but no hierarchy of scopes (Google's
/// discovery documents): scope A includes scope B when every action B authorizes, A authorizes too,
/// and A authorizes more.
///
/// Within the catalogue this changes no answer about what a grant allows (an action any-of B
/// accepts, it accepts A too), but it gives the minimal-scope search what it needs to prefer the
/// narrow scope: without it, `https://mail.google.com/` (which authorizes every Gmail method) and
/// `gmail.readonly` each count as one scope granted, and the broad one is as good an answer.
enum DerivedScopeIncludes {
    /// For each scope of `scopes`, the scopes of `scopes` it includes directly, in `scopes` order:
    /// the transitive reduction, so the file lists `gmail.modify` under `https://mail.google.com/`
    /// and `gmail.readonly` under `gmail.modify`, not every pair. Scopes that authorize exactly
    /// the same actions include neither each other (that would be a cycle) nor anything the other
    /// does not. Only alternatives of one scope count: an alternative of several scopes authorizes
    /// an action only together.
    static func includes(scopes: [Scope], actions: [Action]) -> [Scope: [Scope]] {
        let index = Dictionary(scopes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let words = (actions.count + 63) / 64
        // What each scope authorizes, as a bitset over the actions.
        var sets = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: scopes.count)
        for (position, action) in actions.enumerated() {
            for alternative in action.requirement.alternatives where alternative.count == 1 {
                guard let scope = index[alternative[0]] else { continue }
                sets[scope][position / 64] |= 1 << UInt64(position % 64)
            }
        }
        func isStrictSubset(_ a: Int, _ b: Int) -> Bool {
            var smaller = false
            for word in 0..<words {
                let x = sets[a][word], y = sets[b][word]
                if x & ~y != 0 { return false }
                if x != y { smaller = true }
            }
            return smaller
        }
        let isEmpty = sets.map { $0.allSatisfy { $0 == 0 } }
        var below = [[Int]](repeating: [], count: scopes.count)  // strict subsets of each scope
        for a in scopes.indices where !isEmpty[a] {
            for b in scopes.indices where b != a && !isEmpty[b] && isStrictSubset(b, a) { below[a].append(b) }
        }
        let belowSets = below.map(Set.init)
        var result: [Scope: [Scope]] = [:]
        for a in scopes.indices where !below[a].isEmpty {
            // Direct: no other strict subset of `a` lies strictly between.
            let direct = below[a].filter { b in !below[a].contains { c in belowSets[c].contains(b) } }
            result[scopes[a]] = direct.map { scopes[$0] }
        }
        return result
    }
}
