/// How `serve` keeps tailored answers: in its own memory, and in shared caches in front of it.
package struct CachePolicy: Sendable, Hashable {
    /// The in-memory ``ResponseCache``'s bound in bytes (keys, bodies, headers and bookkeeping);
    /// 0 turns it off.
    package var bytes: Int
    /// How long a shared cache (a reverse proxy, a CDN) may keep a tailored answer before it
    /// revalidates, as `s-maxage`; 0 keeps tailored answers out of shared caches
    /// (`private, no-cache`). Browsers always revalidate (`max-age=0`), which costs a `304`.
    package var sharedMaxAge: Int

    package init(bytes: Int = CachePolicy.defaultBytes, sharedMaxAge: Int = 60) {
        self.bytes = bytes
        self.sharedMaxAge = sharedMaxAge
    }

    /// 64 MiB.
    package static let defaultBytes = 64 << 20

    /// The `Cache-Control` of a tailored guide.
    ///
    /// Shared caches may keep it: an answer depends only on its URL (the `Vary`ing `Accept`
    /// aside), which holds every customer value it shows, so a cache serves it only to requests
    /// that already carry those values. After a `SIGHUP` reload a shared cache may serve the
    /// previous answer for at most ``sharedMaxAge`` seconds; its revalidation then meets the new
    /// guides' `ETag` and gets the new answer.
    var guideCacheControl: String {
        sharedMaxAge > 0 ? "public, max-age=0, s-maxage=\(sharedMaxAge)" : "private, no-cache"
    }
}
