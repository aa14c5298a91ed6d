/// Finds the valid names closest to a mistyped one, for "did you mean" messages.
enum NameSuggestions {
    /// Up to `limit` of `candidates` nearest to `name` by edit distance, nearest first, ties in
    /// candidate order. Candidates further than a quarter of `name`'s length (at least 2) are left out
    /// unless they contain `name` or `name` contains them.
    public static func closest(to name: String, in candidates: [String], limit: Int = 3) -> [String] {
        let loweredName = name.lowercased()
        let target = Array(loweredName.unicodeScalars)
        let threshold = max(2, target.count / 4)
        let ranked = candidates.enumerated().compactMap { index, candidate -> (Int, Int, String)? in
            let lowered = candidate.lowercased()
            let scalars = Array(lowered.unicodeScalars)
            let related = !name.isEmpty && (lowered.contains(loweredName) || loweredName.contains(lowered))
            // The distance is at least the difference in length, which rules most candidates out
            // without the O(n·m) computation (a 10 MB name against short ones, say).
            guard related || abs(target.count - scalars.count) <= threshold else { return nil }
            let distance = editDistance(target, scalars)
            guard distance <= threshold || related else { return nil }
            return (related ? min(distance, threshold) : distance, index, candidate)
        }
        return ranked.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(limit).map(\.2)
    }

    /// Levenshtein distance over Unicode scalars, in O(n·m) time and O(m) space.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
