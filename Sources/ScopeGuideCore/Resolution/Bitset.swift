/// A fixed-universe set of small integers, for the resolver's closure arithmetic.
package struct Bitset: Hashable, Sendable {
    private(set) var words: [UInt64]

    init(capacity: Int) { words = Array(repeating: 0, count: (capacity + 63) / 64) }

    package init<S: Sequence<Int>>(capacity: Int, _ members: S) {
        self.init(capacity: capacity)
        for member in members { insert(member) }
    }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    package func contains(_ member: Int) -> Bool { words[member >> 6] & (1 << UInt64(member & 63)) != 0 }

    mutating func insert(_ member: Int) { words[member >> 6] |= 1 << UInt64(member & 63) }

    mutating func remove(_ member: Int) { words[member >> 6] &= ~(1 << UInt64(member & 63)) }

    mutating func formUnion(_ other: Bitset) {
        for i in words.indices { words[i] |= other.words[i] }
    }

    mutating func formIntersection(_ other: Bitset) {
        for i in words.indices { words[i] &= other.words[i] }
    }

    mutating func subtract(_ other: Bitset) {
        for i in words.indices { words[i] &= ~other.words[i] }
    }

    func union(_ other: Bitset) -> Bitset {
        var result = self
        result.formUnion(other)
        return result
    }

    package func intersects(_ other: Bitset) -> Bool {
        zip(words, other.words).contains { $0 & $1 != 0 }
    }

    func isSubset(of other: Bitset) -> Bool {
        zip(words, other.words).allSatisfy { $0 & ~$1 == 0 }
    }

    /// How many members of `self` are not in `other`.
    func countSubtracting(_ other: Bitset) -> Int {
        zip(words, other.words).reduce(0) { $0 + ($1.0 & ~$1.1).nonzeroBitCount }
    }

    /// Calls `body` with each member in ascending order, without building an array.
    func forEachMember(_ body: (Int) -> Void) {
        for (index, word) in words.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                body(index * 64 + rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
    }

    /// Members in ascending order.
    package var members: [Int] {
        var result: [Int] = []
        for (index, word) in words.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                result.append(index * 64 + rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
        return result
    }

    mutating func formUnion(_ other: SparseBitset) {
        for (index, word) in zip(other.indices, other.words) { words[index] |= word }
    }

    /// Adds the members of `other` that are not in `excluded`.
    mutating func formUnion(_ other: SparseBitset, excluding excluded: Bitset) {
        for (index, word) in zip(other.indices, other.words) { words[index] |= word & ~excluded.words[index] }
    }
}
