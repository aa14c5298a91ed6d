import Foundation
import Hummingbird
import ScopeGuide

/// The guide routes: the connector index and each guide, as the interactive page, Markdown or
/// resolution JSON, tailored by the dynamic guide URL's query.
///
/// `GET /connectors/<key>/guides/<link-account|connector-profile>/<slug>[.md|.json]?actions=…`
/// is the dynamic guide URL itself (DocC: "The dynamic guide URL"), so a link copied from a page
/// opens the same page.
///
/// A guide request is first looked up in the ``ResponseCache`` by its key as it arrived
/// (``GuideRequestKey``); a hit is answered from memory, and `If-None-Match` with the `ETag` of a
/// request in canonical form gets `304` before anything else is read. Otherwise reading the URL
/// into a ``GuideRequest`` (lookups, selection, scopes, variables), resolution and rendering run
/// on the request's task when their ``WorkEstimate`` is small (``ServerLimits/inlineWork``), and
/// on the ``RenderPool``, under its deadline and concurrency limit, when it is not. Index searches
/// are capped by ``ServerLimits``, so no request can hold the server for long.
struct GuideController<Context: RequestContext>: Sendable {
    let library: GuideLibrary
    let base: GuideURLBase
    let pool: RenderPool
    let limits: ServerLimits
    let cache: ResponseCache
    let caching: CachePolicy
    let metrics: ServerMetrics

    var endpoints: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("/", use: index)
        routes.get("/connectors/:connector/guides/:kind/:slug", use: guide)
        return routes
    }

    /// The connector index; `?q=` filters it.
    /// - Throws: ``RequestRefusal`` for a search over ``ServerLimits/maxSearchBytes`` or
    ///   ``ServerLimits/maxSearchTerms``: each word is matched against every connector's names
    ///   and actions, so 2,000 words over 3,000 connectors took minutes.
    @Sendable func index(_ request: Request, context: Context) async throws -> Response {
        var search = ""
        // The name as written: only `q` itself is the search (the last one wins); others are ignored.
        for parameter in FormEncoding.parameters(in: Substring(request.uri.query ?? "")) where parameter.name == "q" {
            guard let decoded = FormEncoding.decode(parameter.value) else { throw GuideURLError.malformedEncoding(String(parameter.text)) }
            search = decoded
        }
        guard search.utf8.count <= limits.maxSearchBytes else { throw RequestRefusal.searchTooLong(search.utf8.count, limit: limits.maxSearchBytes) }
        let terms = search.split(whereSeparator: \.isWhitespace).count
        guard terms <= limits.maxSearchTerms else { throw RequestRefusal.tooManySearchTerms(terms, limit: limits.maxSearchTerms) }
        let contents = library.current, text = search
        // The body's ETag (SHA-256 of the whole page) and its copy into a buffer are made on the
        // render thread too, so none of a page's CPU work runs on the cooperative pool.
        return try await pool.run {
            .rendered(ConnectorIndexPage(catalog: contents.catalog, search: text, unavailable: contents.broken.keys.sorted()).html(),
                      contentType: RequestedFormat.html.contentType, cacheControl: "no-cache", for: request)
        }
    }

    /// How a guide request that was not found in the cache ended.
    private enum Outcome: Sendable {
        /// Found under its canonical key once the query was read.
        case cached(CachedAnswer)
        case rendered(CachedAnswer)
        /// The request's `If-None-Match` names the canonical request's `ETag`: these headers, no body.
        case notModified(HTTPFields)
    }

    /// The cached answer to a guide request, found by the request's own key, or `nil`.
    ///
    /// ``CachedAnswerMiddleware`` asks this before the other middleware and the router: only
    /// requests that reached ``guide(_:context:)`` (a GET or HEAD of a guide path in canonical
    /// form, a query within its limit, a connector that loaded) ever stored an answer, so a hit
    /// needs none of their checks.
    func cachedAnswer(for request: Request) -> Response? {
        let contents = library.current
        guard let answer = cache.answer(for: requestKey(request, path: RequestPath(request)), generation: contents.generation) else { return nil }
        metrics.count(\.cacheHits)
        return answer.response(for: request)
    }

    private func requestKey(_ request: Request, path: RequestPath) -> String {
        GuideRequestKey.request(format: path.format, base: base.base(for: request), path: path.stem, query: request.uri.query ?? "")
    }

    /// One guide, tailored by the query, in the format the suffix or `Accept` asks for.
    /// - Throws: ``RequestPath/Failure``, carrying the path read here to the error page.
    @Sendable func guide(_ request: Request, context: Context) async throws -> Response {
        let path = RequestPath(request)
        do {
            return try await answer(request, path: path)
        } catch {
            throw RequestPath.Failure(path: path, error: error)
        }
    }

    private func answer(_ request: Request, path: RequestPath) async throws -> Response {
        // The router matched `/connectors/:connector/guides/:kind/:slug`, which is what `guide` reads.
        guard let names = path.guide else { throw GuideURLError.notAGuideURL(request.uri.path) }
        let format = path.format
        // One catalogue for the whole request, even if a reload swaps it meanwhile.
        let contents = library.current
        // Decoded once: the key names the connector that did not load, and the one looked up.
        let key = RequestPath.decoded(names.connector)
        if !contents.broken.isEmpty, let broken = contents.broken[key ?? String(names.connector)] {
            throw RequestRefusal.connectorUnavailable(broken.key, errors: broken.errors.map { "\($0.location)" + ($0.keyPath.isEmpty ? "" : ": \($0.keyPath)") })
        }
        let query = request.uri.query ?? "", base = base.base(for: request)
        let requestKey = requestKey(request, path: path)
        let generation = contents.generation, cache = cache, metrics = metrics
        if let answer = cache.answer(for: requestKey, generation: generation) {
            metrics.count(\.cacheHits)
            return answer.response(for: request)
        }
        let contentType = format.contentType, vary = format == .markdown ? nil : "Accept", cacheControl = caching.guideCacheControl
        let condition = request.headers[.ifNoneMatch]
        // A request in canonical form has its canonical key already: its ETag is known unread.
        // (`*` is left to the check after validation: it matches only a request that has an answer.)
        if let condition {
            let tag = EntityTag(fingerprint: contents.fingerprint, key: requestKey)
            if tag.matches(ifNoneMatch: condition, wildcard: false) {
                metrics.count(\.cacheMisses)
                metrics.count(\.notModifiedWithoutRender)
                return CachedAnswer.notModified(CachedAnswer.headers(tag: tag, contentType: contentType, cacheControl: cacheControl, vary: vary))
            }
        }
        // The one lookup: it sizes the work, then names the guide (or the unknown connector's error).
        let connector = key.flatMap(contents.catalog.connector)
        let renderer = contents.renderer, renderFormat = format.renderFormat
        let work: @Sendable () throws -> Outcome = {
            let guide = try Self.guideRequest(in: contents.catalog, names: names, key: key, connector: connector, query: query, base: base)
            let key = GuideRequestKey.canonical(format: format, url: guide.url)
            if key != requestKey, let answer = cache.answer(for: key, generation: generation) {
                cache.alias(requestKey, to: key, generation: generation)
                return .cached(answer)
            }
            let tag = EntityTag(fingerprint: contents.fingerprint, key: key)
            if let condition, tag.matches(ifNoneMatch: condition) {
                return .notModified(CachedAnswer.headers(tag: tag, contentType: contentType, cacheControl: cacheControl, vary: vary))
            }
            let answer = CachedAnswer(key: key, text: renderer.render(guide, as: renderFormat, assets: Self.assets), tag: tag,
                                      contentType: contentType, cacheControl: cacheControl, vary: vary)
            cache.store(answer, requestKey: requestKey, generation: generation)
            return .rendered(answer)
        }
        let outcome: Outcome
        do {
            // Small work runs here, saving the hop to a render thread and back. Larger work
            // (validation grows with the catalogue: each unknown name is compared with every
            // defined one for suggestions) waits its turn on the pool and counts against its
            // deadline. Its GuideURLError passes through.
            if WorkEstimate.of(query: query, connector: connector) <= limits.inlineWork {
                metrics.count(\.inline)
                outcome = try work()
            } else {
                metrics.count(\.pooled)
                outcome = try await pool.run(work)
            }
        } catch {
            metrics.count(\.cacheMisses)
            throw error
        }
        switch outcome {
        case .cached(let answer):
            metrics.count(\.cacheHits)
            return answer.response(for: request)
        case .rendered(let answer):
            metrics.count(\.cacheMisses)
            metrics.count(\.renders)
            return answer.response(for: request)
        case .notModified(let headers):
            metrics.count(\.cacheMisses)
            metrics.count(\.notModifiedWithoutRender)
            return CachedAnswer.notModified(headers)
        }
    }

    /// Guide pages link the stylesheet and script the ``AssetController`` serves under their
    /// content-hashed names, cached for a year: a Front page is then 33 KB instead of 85 KB, and
    /// a reader's browser fetches the assets once, not with every selection.
    static var assets: PageAssets.Placement { .linked(prefix: "/assets/") }

    /// The request for the guide route's `names` and the query, validated by the engine.
    /// - Parameters:
    ///   - key: `names.connector` decoded, or `nil` when its encoding is malformed.
    ///   - connector: the catalogue's connector for `key`, looked up by the caller, or `nil`.
    /// - Throws: ``GuideURLError`` for malformed encoding in a segment (key, kind, slug in that
    ///   order, before any lookup), an unknown connector, guide, action, parameter or value.
    static func guideRequest(
        in catalog: Catalog, names: RequestPath.GuideNames, key: String?, connector: Connector?, query: String, base: String
    ) throws(GuideURLError) -> GuideRequest {
        guard let key else { throw .malformedEncoding(String(names.connector)) }
        guard let kind = RequestPath.decoded(names.kind) else { throw .malformedEncoding(String(names.kind)) }
        guard let slug = RequestPath.decoded(names.slug) else { throw .malformedEncoding(String(names.slug)) }
        guard let connector else { throw catalog.unknownConnector(key) }
        var request = try catalog.guide(of: connector, pathSegment: kind, slug: slug)
        request.base = base
        try request.applyQuery(Substring(query))
        return request
    }
}

extension RequestedFormat {
    var renderFormat: RenderFormat {
        switch self {
        case .html: .html
        case .markdown: .markdown
        case .json: .json
        }
    }
}
