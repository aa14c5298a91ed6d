/// Finds the valid names closest to a mistyped one, for "did you mean" messages.
///
/// Suggestions are a courtesy, so their cost is bounded wherever a request can ask for many:
/// names longer than ``maximumNameLength`` get none, callers ask for the first
/// ``maximumNamesSuggestedFor`` unknown names only, and the candidates are prepared once
/// (``Candidates``) for all of them.
enum NameSuggestions {
    /// Names of more Unicode scalars get no suggestions: no id or scope is mistyped into one
    /// that long, and the edit distance costs its length times each candidate's.
    static let maximumNameLength = 256

    /// How many unknown names of one request get suggestions; the rest are listed without.
    static let maximumNamesSuggestedFor = 5

    /// Up to `limit` of `candidates` nearest to `name` by edit distance, nearest first, ties in
    /// candidate order. Candidates further than a quarter of `name`'s length (at least 2) are left out
    /// unless they contain `name` or `name` contains them.
    static func closest(to name: String, in candidates: [String], limit: Int = 3) -> [String] {
        Candidates(candidates).closest(to: name, limit: limit)
    }

    /// Candidate names lowered once, for several look-ups against the same list.
    struct Candidates {
        private let names: [String]
        private let lowered: [[Unicode.Scalar]]

        init(_ names: [String]) {
            self.names = names
            lowered = names.map { Array($0.lowercased().unicodeScalars) }
        }

        /// ``NameSuggestions/closest(to:in:limit:)`` against these candidates.
        func closest(to name: String, limit: Int = 3) -> [String] {
            let target = Array(name.lowercased().unicodeScalars)
            guard !target.isEmpty, target.count <= NameSuggestions.maximumNameLength else { return [] }
            let threshold = max(2, target.count / 4)
            var ranked: [(distance: Int, index: Int)] = []
            for (index, scalars) in lowered.enumerated() {
                let related = !scalars.isEmpty && (Self.contains(scalars, target) || Self.contains(target, scalars))
                // The distance is at least the difference in length, which rules most candidates out
                // without the O(n·m) computation.
                guard related || abs(target.count - scalars.count) <= threshold else { continue }
                let distance = NameSuggestions.editDistance(target, scalars, cutoff: threshold)
                guard distance <= threshold || related else { continue }
                ranked.append((min(distance, threshold), index))
            }
            return ranked.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(limit).map { names[$0.index] }
        }

        /// Whether `needle` occurs in `haystack` as a contiguous run.
        private static func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
            guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
            for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
                if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
            }
            return false
        }
    }

    /// Levenshtein distance over Unicode scalars, in O(n·m) time and O(m) space; once every
    /// entry of a row exceeds `cutoff` the answer is `cutoff + 1` (a row's minimum never falls).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], cutoff: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > cutoff { return cutoff + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
