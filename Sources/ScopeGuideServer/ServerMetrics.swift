import NIOConcurrencyHelpers

/// Counters of how guide requests were answered, served at `/metrics` (Prometheus' text format),
/// so tests and operators can see the cache work without timing anything.
final class ServerMetrics: Sendable {
    struct Counters: Sendable, Equatable {
        /// Answered from the ``ResponseCache`` (`200` or `304`), by the request's own key or,
        /// after reading its query, by its canonical one.
        var cacheHits = 0
        /// Not found in the cache: validated, then rendered, answered `304`, or refused.
        var cacheMisses = 0
        /// Guides rendered.
        var renders = 0
        /// `304 Not Modified` answered from the `ETag` alone: neither cached nor rendered.
        var notModifiedWithoutRender = 0
        /// Misses validated and rendered on the request's own task (small estimated work).
        var inline = 0
        /// Misses validated and rendered on the ``RenderPool``.
        var pooled = 0
    }

    private let box = NIOLockedValueBox(Counters())

    var counters: Counters { box.withLockedValue { $0 } }

    func count(_ counter: WritableKeyPath<Counters, Int>) {
        box.withLockedValue { $0[keyPath: counter] += 1 }
    }

    /// The `/metrics` body.
    /// - Parameter generation: the guides' generation now (the cache moves to it at its next use).
    func text(cache: ResponseCache, generation: Int) -> String {
        let counters = counters, statistics = cache.statistics
        return [
            ("scopeguide_guides_generation", generation),
            ("scopeguide_cache_generation", statistics.generation),
            ("scopeguide_cache_limit_bytes", cache.limit),
            ("scopeguide_cache_bytes", statistics.bytes),
            ("scopeguide_cache_entries", statistics.entries),
            ("scopeguide_cache_evictions_total", statistics.evictions),
            ("scopeguide_cache_hits_total", counters.cacheHits),
            ("scopeguide_cache_misses_total", counters.cacheMisses),
            ("scopeguide_guide_renders_total", counters.renders),
            ("scopeguide_not_modified_without_render_total", counters.notModifiedWithoutRender),
            ("scopeguide_work_inline_total", counters.inline),
            ("scopeguide_work_pooled_total", counters.pooled),
        ].map { "\($0.0) \($0.1)\n" }.joined()
    }
}
