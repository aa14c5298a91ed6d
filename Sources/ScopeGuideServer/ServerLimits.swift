import Foundation

/// Every bound `scopeguide serve` puts on a client, in one place (DocC article "Serving", Limits).
///
/// Each limit answers one way a slow or greedy client could exhaust the server: descriptors and
/// memory (connections, timeouts), the event loops and Swift's cooperative pool (resolution and
/// rendering run on ``renderThreads`` dedicated threads instead), or CPU time (the deadline, the
/// queue, the search caps).
package struct ServerLimits: Sendable, Hashable {
    /// How long a client has to send a whole request (headers and any body), counted from the
    /// connection opening or, on a kept-alive connection, from the request's first byte. A
    /// half-sent request is closed after this.
    package var headerTimeout: Duration
    /// How long a kept-alive connection may sit with no request before it is closed (Hummingbird's
    /// `idleTimeout`). It also bounds a connection that never sends its first byte.
    package var idleTimeout: Duration
    /// How long a request may wait for validation, resolution and rendering (queued and running)
    /// before it is answered `503 Service Unavailable` with `Retry-After`.
    package var requestTimeout: Duration
    /// Open connections at most; at the limit the connection that has waited longest for a
    /// request is closed to make room (``ConnectionLimit``), or, when all are being answered,
    /// newcomers wait in the kernel's listen backlog until one closes.
    package var maxConnections: Int
    /// Threads that resolve and render; never the event loops, never Swift's cooperative pool.
    package var renderThreads: Int
    /// Requests that may wait for a render thread; more are answered `503` at once.
    ///
    /// By default as many as there may be connections: Hummingbird answers one request per
    /// connection at a time, so then every client waits its turn (at most ``requestTimeout``)
    /// and a flood runs at the speed of rendering. A smaller queue answers the rest `503` at
    /// once, and a client that asks again straight away then runs at the speed of those `503`s,
    /// which on a small machine costs `/healthz` more than waiting does (DocC article "Serving", the load check).
    package var renderQueue: Int
    /// Words in an index search (`/?q=`) at most; each one is matched against every connector.
    package var maxSearchTerms: Int
    /// Bytes in an index search at most.
    package var maxSearchBytes: Int
    /// The ``WorkEstimate`` up to which a guide request that is not cached is validated and
    /// rendered on its own task instead of the render threads (0: always the render threads).
    /// The default takes a connector of 400 actions and scopes with up to ten names in its query
    /// (Front's 52 actions with up to fifty); each such request costs well under a millisecond.
    package var inlineWork: Int
    /// The `Retry-After` of a `503`, in seconds.
    package var retryAfterSeconds: Int

    package init(
        headerTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(30), requestTimeout: Duration = .seconds(10),
        maxConnections: Int = ServerLimits.defaultMaxConnections, renderThreads: Int = ServerLimits.defaultRenderThreads,
        renderQueue: Int = ServerLimits.defaultMaxConnections, maxSearchTerms: Int = 10, maxSearchBytes: Int = 256, inlineWork: Int = ServerLimits.defaultInlineWork,
        retryAfterSeconds: Int = 5
    ) {
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.maxConnections = maxConnections
        self.renderThreads = renderThreads
        self.renderQueue = renderQueue
        self.maxSearchTerms = maxSearchTerms
        self.maxSearchBytes = maxSearchBytes
        self.inlineWork = inlineWork
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// 4,096 (see ``inlineWork``).
    package static let defaultInlineWork = 4096

    /// One thread per core: rendering is CPU work, and the threads run at a lower priority than
    /// the event loops, so `/healthz` and I/O still get their turn when all of them are busy.
    package static var defaultRenderThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// 4,096, or fewer when the process may not open that many descriptors: 64 are kept back for
    /// the listening socket, the log and the guides, so the limit is reached before `accept`
    /// starts failing with `EMFILE`.
    package static var defaultMaxConnections: Int {
        var limit = rlimit()
        guard getrlimit(RLIMIT_NOFILE_RESOURCE, &limit) == 0, limit.rlim_cur < rlim_t(Int.max) else { return 4096 }
        return max(1, min(4096, Int(clamping: limit.rlim_cur) - 64))
    }
}

#if os(Linux)
private let RLIMIT_NOFILE_RESOURCE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
#else
private let RLIMIT_NOFILE_RESOURCE = RLIMIT_NOFILE
#endif
