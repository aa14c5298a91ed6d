/// A ``Bitset`` that keeps only its non-zero words: the resolver's grant closures are a handful
/// of scopes among hundreds, so subset and count checks against a dense set touch one or two words.
struct SparseBitset: Hashable, Sendable {
    private(set) var indices: [Int] = []
    private(set) var words: [UInt64] = []

    init(_ dense: Bitset) {
        for (index, word) in dense.words.enumerated() where word != 0 {
            indices.append(index)
            words.append(word)
        }
    }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    func isSubset(of other: Bitset) -> Bool {
        for i in indices.indices where words[i] & ~other.words[indices[i]] != 0 { return false }
        return true
    }

    func isSubset(of other: SparseBitset) -> Bool {
        var j = 0
        for i in indices.indices {
            while j < other.indices.count, other.indices[j] < indices[i] { j += 1 }
            guard j < other.indices.count, other.indices[j] == indices[i], words[i] & ~other.words[j] == 0 else { return false }
        }
        return true
    }

    /// How many members are not in `other`.
    func countSubtracting(_ other: Bitset) -> Int {
        var count = 0
        for i in indices.indices { count += (words[i] & ~other.words[indices[i]]).nonzeroBitCount }
        return count
    }

    /// Whether some member outside `excluded` is in `other`.
    func intersects(_ other: Bitset, excluding excluded: Bitset) -> Bool {
        for i in indices.indices where words[i] & ~excluded.words[indices[i]] & other.words[indices[i]] != 0 { return true }
        return false
    }

    /// Members in ascending order.
    var members: [Int] {
        var result: [Int] = []
        for (index, word) in zip(indices, words) {
            var rest = word
            while rest != 0 {
                result.append(index * 64 + rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
        return result
    }
}
