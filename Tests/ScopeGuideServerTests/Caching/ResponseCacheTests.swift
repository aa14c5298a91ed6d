import Hummingbird
import Testing
@testable import ScopeGuideServer

/// The in-memory cache alone: keys, aliases, least-recently-used eviction, the byte bound and
/// generations.
@Suite struct ResponseCacheTests {
    static func answer(_ key: String, bytes: Int = 1000) -> CachedAnswer {
        CachedAnswer(key: key, text: String(repeating: "x", count: bytes), tag: EntityTag(fingerprint: "f", key: key),
                     contentType: "text/markdown; charset=utf-8", cacheControl: "public, max-age=0, s-maxage=60", vary: nil)
    }

    @Test("an answer is found under its key; a request key stored with it is an alias to the same answer")
    func storeAndAlias() throws {
        let cache = ResponseCache(limit: 1 << 20)
        cache.store(Self.answer("m /a?actions=x,y"), requestKey: "m /a?actions=y,x", generation: 1)
        let direct = try #require(cache.answer(for: "m /a?actions=x,y", generation: 1))
        let aliased = try #require(cache.answer(for: "m /a?actions=y,x", generation: 1))
        #expect(direct.key == aliased.key)
        #expect(aliased.body == direct.body)
        #expect(cache.answer(for: "m /a?actions=x", generation: 1) == nil)
        #expect(cache.statistics.entries == 2)
        // The alias costs its keys, not a second body.
        #expect(cache.statistics.bytes == ResponseCache.cost(of: direct) + ResponseCache.aliasCost("m /a?actions=y,x", "m /a?actions=x,y"))
    }

    @Test("past the bound the least recently used answers are evicted first")
    func leastRecentlyUsed() throws {
        let one = ResponseCache.cost(of: Self.answer("k0"))
        let cache = ResponseCache(limit: one * 8 + one / 2)
        for index in 0..<8 { cache.store(Self.answer("k\(index)"), requestKey: "k\(index)", generation: 1) }
        #expect(cache.statistics.entries == 8 && cache.statistics.evictions == 0)
        _ = cache.answer(for: "k0", generation: 1)  // k1 is now the least recently used
        cache.store(Self.answer("k8"), requestKey: "k8", generation: 1)
        #expect(cache.answer(for: "k1", generation: 1) == nil)
        for index in [0] + Array(2...8) { #expect(cache.answer(for: "k\(index)", generation: 1) != nil, "k\(index)") }
        #expect(cache.statistics.evictions == 1)
        #expect(cache.statistics.bytes <= cache.limit)
    }

    @Test("the byte bound holds under a stream of distinct keys, aliases included, and the table stays small")
    func byteBound() {
        let limit = 200_000
        let cache = ResponseCache(limit: limit)
        var seenFull = false
        for index in 0..<20_000 {
            let key = "h http://x/connectors/demo/guides/link-account/key?var.subdomain=s\(index)"
            cache.store(Self.answer(key, bytes: 100 + index % 3000), requestKey: index % 2 == 0 ? key : key + "&", generation: 1)
            let statistics = cache.statistics
            #expect(statistics.bytes <= limit)
            seenFull = seenFull || statistics.bytes > limit * 3 / 4
        }
        #expect(seenFull, "the stream filled the cache")
        #expect(cache.statistics.evictions > 19_000)
        #expect(cache.statistics.entries < 400)
    }

    @Test("an alias whose answer was evicted finds nothing and is removed")
    func staleAlias() {
        let one = ResponseCache.cost(of: Self.answer("a"))
        let cache = ResponseCache(limit: one * 2)
        cache.store(Self.answer("a"), requestKey: "a2", generation: 1)
        cache.store(Self.answer("b"), requestKey: "b", generation: 1)  // evicts the alias's answer, "a"
        cache.store(Self.answer("c"), requestKey: "c", generation: 1)
        #expect(cache.answer(for: "a", generation: 1) == nil)
        #expect(cache.answer(for: "a2", generation: 1) == nil)
        #expect(cache.statistics.bytes <= cache.limit)
    }

    @Test("a newer generation empties the cache; an answer made for an older one is not stored")
    func generations() {
        let cache = ResponseCache(limit: 1 << 20)
        cache.store(Self.answer("k"), requestKey: "k", generation: 1)
        #expect(cache.answer(for: "k", generation: 1) != nil)
        #expect(cache.answer(for: "k", generation: 2) == nil)
        #expect(cache.statistics.entries == 0)
        #expect(cache.statistics.generation == 2)
        // A render that began before the reload and ended after it.
        cache.store(Self.answer("old"), requestKey: "old", generation: 1)
        #expect(cache.answer(for: "old", generation: 2) == nil)
        #expect(cache.statistics.bytes == 0)
    }

    @Test("a limit of 0 turns the cache off; an answer over a quarter of the limit is not kept")
    func offAndLargest() {
        let off = ResponseCache(limit: 0)
        off.store(Self.answer("k"), requestKey: "k", generation: 1)
        #expect(off.answer(for: "k", generation: 1) == nil)
        let small = ResponseCache(limit: 8000)
        small.store(Self.answer("big", bytes: 2500), requestKey: "big", generation: 1)
        #expect(small.answer(for: "big", generation: 1) == nil)
        small.store(Self.answer("fits", bytes: 1000), requestKey: "fits", generation: 1)
        #expect(small.answer(for: "fits", generation: 1) != nil)
    }
}
