import Foundation
import Hummingbird
import Logging
import ScopeGuide

/// How `scopeguide serve` runs: where the guides are, where to listen, what URLs to print.
package struct ServerOptions: Sendable {
    package var guides: URL
    package var host: String
    package var port: Int
    /// The base of dynamic guide URLs, such as `https://guides.example.com`; `nil` uses the
    /// catalogue's `docsBaseURL` (from `Guides/site.yaml`), as `scopeguide render` does.
    package var baseURL: String?
    /// Point dynamic guide URLs at the host each request named instead (see ``GuideURLBase``):
    /// for a server that is itself the public home of the guides.
    package var linksToRequestHost: Bool
    package var logLevel: Logger.Level
    /// Timeouts, the connection cap, the render threads and the search caps.
    package var limits: ServerLimits
    /// Refuse to start when a connector's guide source has errors (for deploy checks), instead
    /// of serving the others.
    package var strict: Bool = false
    /// The in-memory answer cache's size and what shared caches may keep (``CachePolicy``).
    package var caching = CachePolicy()

    package init(
        guides: URL, host: String = "127.0.0.1", port: Int = 8080, baseURL: String? = nil,
        linksToRequestHost: Bool = false, logLevel: Logger.Level = .info, limits: ServerLimits = ServerLimits()
    ) {
        self.guides = guides
        self.host = host
        self.port = port
        self.baseURL = baseURL
        self.linksToRequestHost = linksToRequestHost
        self.logLevel = logLevel
        self.limits = limits
    }

    /// Where dynamic guide URLs point: the request's host when ``linksToRequestHost`` (else the
    /// listening address), otherwise ``baseURL``, else the site's docs URL. Links that support
    /// staff copy for a customer must work outside this machine, hence the site's URL by default.
    package func guideURLBase(for site: Site) -> GuideURLBase {
        if linksToRequestHost {
            let host = self.host.contains(":") ? "[\(self.host)]" : self.host
            return .requestHost(fallback: "http://\(host):\(port)")
        }
        return .fixed(baseURL ?? site.docsBaseURL)
    }
}

/// Loads the guides under `options.guides`, then builds the server.
///
/// A connector whose guide source has errors is left out and logged with them: the server starts
/// with the others and answers its routes `503` (with `options.strict`, it does not start). On
/// `SIGHUP` the guides are loaded again; a reload that fails keeps the catalogue in use.
/// - Throws: the loader's ``DiagnosticsError`` before anything listens: an unreadable folder, a broken
///   `site.yaml`, or with `options.strict` any broken connector.
package func buildApplication(_ options: ServerOptions) throws -> some ApplicationProtocol {
    let logger = makeLogger(options)
    let library = GuideLibrary(try loadLibrary(options, logger: logger))
    reloadOnHangup(library, options: options, logger: logger)
    return buildApplication(library: library, options: options, logger: logger)
}

/// The guides as ``buildApplication(_:)`` loads them, logged.
private func loadLibrary(_ options: ServerOptions, logger: Logger) throws(DiagnosticsError) -> GuideLibrary.Contents {
    // The folder's digest before and after loading: equal, it names exactly the guides loaded.
    let before = ContentHash.folder(options.guides)
    let result = try CatalogLoader().loadAvailable(directory: options.guides)
    var fingerprint = GuidesFingerprint.unique()
    if let program = GuidesFingerprint.program, let before, before == ContentHash.folder(options.guides) {
        fingerprint = GuidesFingerprint.combined(program: program, folder: before)
    } else {
        logger.warning("the guides changed while they were loaded (or could not be read twice); ETags of this load are its own")
    }
    if options.strict, !result.broken.isEmpty { throw DiagnosticsError(loading: result.broken.flatMap(\.errors)) }
    for warning in result.warnings { logger.warning("\(warning)") }
    for broken in result.broken {
        logger.error("connector unavailable: its guide source has errors", metadata: [
            "connector": "\(broken.key)", "errors": "\(broken.errors.map { Diagnostic($0).description }.joined(separator: " | "))",
        ])
    }
    logger.info("loaded guides", metadata: [
        "connectors": "\(result.catalog.connectors.count)", "unavailable": "\(result.broken.count)", "directory": "\(options.guides.path)",
    ])
    return GuideLibrary.Contents(catalog: result.catalog, broken: result.broken, fingerprint: fingerprint)
}

/// Reloads the guides on `SIGHUP`, as daemons reload their configuration: a reload that fails
/// (an unreadable folder, a broken `site.yaml`) logs why and keeps the catalogue in use.
private func reloadOnHangup(_ library: GuideLibrary, options: ServerOptions, logger: Logger) {
    signal(SIGHUP, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
    source.setEventHandler {
        do {
            library.replace(with: try loadLibrary(options, logger: logger))
            logger.notice("reloaded guides on SIGHUP")
        } catch {
            logger.error("reload on SIGHUP failed; still serving the guides loaded before", metadata: ["errors": "\(error)"])
        }
    }
    source.resume()
    hangupSources.append(source)
}

/// Signal sources live as long as the process.
nonisolated(unsafe) private var hangupSources: [any DispatchSourceSignal] = []

/// The server for an already loaded catalogue, with `options.limits` (see ``ServerLimits``) on
/// its connections (``LimitedHTTP1Channel``, ``ConnectionLimit``) and its work (``RenderPool``).
package func buildApplication(catalog: Catalog, options: ServerOptions, logger: Logger? = nil) -> some ApplicationProtocol {
    buildApplication(library: GuideLibrary(.init(catalog: catalog)), options: options, logger: logger)
}

func buildApplication(library: GuideLibrary, options: ServerOptions, logger: Logger? = nil) -> some ApplicationProtocol {
    let logger = logger ?? makeLogger(options)
    let catalog = library.current.catalog
    let limits = options.limits
    let router = buildRouter(library: library, base: options.guideURLBase(for: catalog.site), logger: logger, limits: limits, caching: options.caching)
    logger.info("limits", metadata: [
        "header_timeout_ms": "\(limits.headerTimeout.wholeMilliseconds)",
        "idle_timeout_ms": "\(limits.idleTimeout.wholeMilliseconds)",
        "request_timeout_ms": "\(limits.requestTimeout.wholeMilliseconds)",
        "max_connections": "\(limits.maxConnections)", "render_threads": "\(limits.renderThreads)",
        "render_queue": "\(limits.renderQueue)", "inline_work": "\(limits.inlineWork)",
        "cache_bytes": "\(options.caching.bytes)", "shared_max_age": "\(options.caching.sharedMaxAge)",
    ])
    // Shared by every connection's header timeout handler and the connection cap.
    let waiting = WaitingConnections()
    return Application(
        router: router,
        server: .limitedHTTP1(limits: limits, securityHeaders: SecurityHeadersMiddleware<BasicRequestContext>().headers, waitingConnections: waiting),
        configuration: .init(
            // Room in the kernel's accept queue for a burst of reconnecting clients, so a
            // probe's SYN is not dropped (and retried a second later) behind them.
            address: .hostname(options.host, port: options.port), serverName: "scopeguide", backlog: 1024,
            availableConnectionsDelegate: ConnectionLimit(maximum: limits.maxConnections, logger: logger, waitingConnections: waiting)),
        logger: logger)
}

/// The routes and middleware, outermost first: request log, security headers, cached guide
/// answers (``CachedAnswerMiddleware``), error pages, GET/HEAD only, query length limit,
/// canonical paths; then `/healthz`, `/metrics`, the assets
/// and the guides. HEAD is answered by each GET route without its body. Guides are answered from
/// a ``ResponseCache`` of `caching.bytes` when they can be; the index, and guides whose work is
/// large, render on a ``RenderPool`` sized by `limits`; `/healthz`, `/metrics` and the assets
/// never wait for it.
package func buildRouter(
    catalog: Catalog, base: GuideURLBase, logger: Logger, limits: ServerLimits = ServerLimits(), caching: CachePolicy = CachePolicy()
) -> Router<BasicRequestContext> {
    buildRouter(library: GuideLibrary(.init(catalog: catalog)), base: base, logger: logger, limits: limits, caching: caching)
}

/// `pool`: where guides and the index are validated and rendered; by default one sized by
/// `limits` (tests pass one they can fill).
func buildRouter(
    library: GuideLibrary, base: GuideURLBase, logger: Logger, limits: ServerLimits = ServerLimits(), caching: CachePolicy = CachePolicy(),
    pool: RenderPool? = nil
) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    let cache = ResponseCache(limit: caching.bytes), metrics = ServerMetrics()
    let controller = GuideController<BasicRequestContext>(
        library: library, base: base, pool: pool ?? RenderPool(limits: limits), limits: limits, cache: cache, caching: caching, metrics: metrics)
    router.add(middleware: RequestLogMiddleware(logger: logger))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: CachedAnswerMiddleware(controller: controller))
    router.add(middleware: ErrorPageMiddleware(logger: logger))
    router.add(middleware: AllowedMethodsMiddleware())
    router.add(middleware: QueryLengthMiddleware())
    router.add(middleware: CanonicalPathMiddleware())
    router.get("/healthz") { _, _ in
        // Up while any guide is served; the body names the connectors that are not (one per line).
        let broken = library.current.broken.keys.sorted()
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: "ok\n" + broken.map { "unavailable \($0)\n" }.joined())))
    }
    router.get("/metrics") { _, _ in
        // How guides were answered (cache hits, renders, 304s) and what the cache holds.
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.text(cache: cache, generation: library.current.generation))))
    }
    router.addRoutes(AssetController<BasicRequestContext>().endpoints)
    router.addRoutes(controller.endpoints)
    return router
}

private func makeLogger(_ options: ServerOptions) -> Logger {
    var logger = Logger(label: "scopeguide")
    logger.logLevel = options.logLevel
    return logger
}
