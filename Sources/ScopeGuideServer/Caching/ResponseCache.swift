import NIOConcurrencyHelpers

/// Tailored answers kept in memory, keyed by ``GuideRequestKey`` and bounded by bytes, the least
/// recently used evicted first.
///
/// Every entry belongs to one generation of the guides (``GuideLibrary/Contents/generation``): a
/// lookup or insert from a newer one empties the cache first, and an insert from an older one (a
/// render that started before a `SIGHUP` reload and finished after it) is dropped, so no answer
/// made from replaced guides is served again.
///
/// A request that is not in canonical form (actions out of catalogue order, needless
/// percent-encoding…) gets an alias to its canonical key: the answer is stored once, and an alias
/// costs only its two keys. An alias whose answer was evicted is removed when next met.
///
/// ``cost`` counts what an entry keeps alive: its key, its body's allocated capacity, its header
/// values and ``entryOverhead`` for the table slot, the dictionary bucket and the strings'
/// headers, so ``bytes`` stays at or under ``limit`` as the process's memory does.
final class ResponseCache: Sendable {
    /// A stored answer, or the canonical key of one.
    enum Entry: Sendable {
        case answer(CachedAnswer)
        case alias(String)
    }

    /// What the cache holds now, for `/metrics`.
    struct Statistics: Sendable, Equatable {
        var entries = 0
        var bytes = 0
        var evictions = 0
        var generation = 0
    }

    /// The bound on ``bytes``; 0 turns the cache off.
    let limit: Int

    /// The most one answer may cost: a quarter of the limit, so one huge page cannot empty the cache.
    var largestEntry: Int { limit / 4 }

    /// Bytes counted per entry beyond its keys and body (measured: see `ResponseCacheTests`).
    static let entryOverhead = 256

    private let state: NIOLockedValueBox<LRUTable>

    init(limit: Int) {
        self.limit = max(0, limit)
        state = NIOLockedValueBox(LRUTable())
    }

    var isEnabled: Bool { limit > 0 }

    var statistics: Statistics {
        state.withLockedValue { Statistics(entries: $0.count, bytes: $0.bytes, evictions: $0.evictions, generation: $0.generation) }
    }

    /// The answer stored under `key` (following an alias), marked as most recently used.
    func answer(for key: String, generation: Int) -> CachedAnswer? {
        guard isEnabled else { return nil }
        return state.withLockedValue { table in
            table.enter(generation)
            guard generation == table.generation, let entry = table.touch(key) else { return nil }
            switch entry {
            case .answer(let answer):
                return answer
            case .alias(let canonical):
                guard case .answer(let answer) = table.touch(canonical) else {
                    table.remove(key)
                    return nil
                }
                return answer
            }
        }
    }

    /// Stores `answer` under its canonical key and, when the request was not in canonical form,
    /// an alias from `requestKey`; evicts the least recently used entries until it fits.
    func store(_ answer: CachedAnswer, requestKey: String, generation: Int) {
        let cost = Self.cost(of: answer)
        guard isEnabled, cost <= largestEntry else { return }
        let canonical = answer.key
        state.withLockedValue { table in
            table.enter(generation)
            guard generation == table.generation else { return }
            table.insert(canonical, .answer(answer), cost: cost)
            if requestKey != canonical {
                table.insert(requestKey, .alias(canonical), cost: Self.aliasCost(requestKey, canonical))
            }
            table.evict(toFit: limit)
        }
    }

    /// Records that `requestKey` names the answer stored under `canonical`, when that is still held.
    func alias(_ requestKey: String, to canonical: String, generation: Int) {
        guard isEnabled, requestKey != canonical else { return }
        state.withLockedValue { table in
            guard generation == table.generation, table.contains(canonical) else { return }
            table.insert(requestKey, .alias(canonical), cost: Self.aliasCost(requestKey, canonical))
            table.evict(toFit: limit)
        }
    }

    static func cost(of answer: CachedAnswer) -> Int {
        answer.key.utf8.count + answer.body.capacity + answer.headerBytes + entryOverhead
    }

    static func aliasCost(_ key: String, _ canonical: String) -> Int {
        key.utf8.count + canonical.utf8.count + entryOverhead
    }
}

/// The cache's table: entries in a doubly linked list threaded through an array (most recently
/// used at the head), found through a dictionary of slot numbers. Freed slots are reused.
private struct LRUTable {
    struct Slot {
        var key: String
        var entry: ResponseCache.Entry?
        var cost: Int
        var newer: Int
        var older: Int
    }

    private var slots: [Slot] = []
    private var positions: [String: Int] = [:]
    private var freeSlots: [Int] = []
    private var newest = -1
    private var oldest = -1
    private(set) var bytes = 0
    private(set) var evictions = 0
    private(set) var generation = 0

    var count: Int { positions.count }

    /// Moves to `generation` when it is newer, dropping every entry of the one before.
    mutating func enter(_ generation: Int) {
        guard generation > self.generation else { return }
        let evictions = self.evictions
        self = LRUTable()
        self.generation = generation
        self.evictions = evictions
    }

    func contains(_ key: String) -> Bool { positions[key] != nil }

    /// The entry under `key`, moved to the head.
    mutating func touch(_ key: String) -> ResponseCache.Entry? {
        guard let slot = positions[key] else { return nil }
        unlink(slot)
        pushFront(slot)
        return slots[slot].entry
    }

    mutating func insert(_ key: String, _ entry: ResponseCache.Entry, cost: Int) {
        remove(key)
        let slot: Int
        if let reused = freeSlots.popLast() {
            slot = reused
            slots[slot] = Slot(key: key, entry: entry, cost: cost, newer: -1, older: -1)
        } else {
            slot = slots.count
            slots.append(Slot(key: key, entry: entry, cost: cost, newer: -1, older: -1))
        }
        positions[key] = slot
        pushFront(slot)
        bytes += cost
    }

    mutating func remove(_ key: String) {
        guard let slot = positions.removeValue(forKey: key) else { return }
        unlink(slot)
        bytes -= slots[slot].cost
        // Release the key and the body now, not when the slot is reused.
        slots[slot] = Slot(key: "", entry: nil, cost: 0, newer: -1, older: -1)
        freeSlots.append(slot)
    }

    mutating func evict(toFit limit: Int) {
        while bytes > limit, oldest >= 0 {
            remove(slots[oldest].key)
            evictions += 1
        }
    }

    private mutating func unlink(_ slot: Int) {
        let (newer, older) = (slots[slot].newer, slots[slot].older)
        if newer >= 0 { slots[newer].older = older } else { newest = older }
        if older >= 0 { slots[older].newer = newer } else { oldest = newer }
        slots[slot].newer = -1
        slots[slot].older = -1
    }

    private mutating func pushFront(_ slot: Int) {
        slots[slot].older = newest
        slots[slot].newer = -1
        if newest >= 0 { slots[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }
}
