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
        for parameter in (request.uri.query ?? "").split(separator: "&") {
            let pieces = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces[0] == "q" else { continue }
            let value = pieces.count > 1 ? pieces[1].replacingOccurrences(of: "+", with: " ") : ""
            guard let decoded = value.removingPercentEncoding else { throw GuideURLError.malformedEncoding(String(parameter)) }
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
        let contents = library.current, format = RequestedFormat(request)
        guard let answer = cache.answer(for: requestKey(request, format: format), generation: contents.generation) else { return nil }
        metrics.count(\.cacheHits)
        return answer.response(for: request)
    }

    private func requestKey(_ request: Request, format: RequestedFormat) -> String {
        let path = request.uri.path
        return GuideRequestKey.request(format: format, base: base.base(for: request),
                                       path: path.hasSuffix(format.suffix) ? path.dropLast(format.suffix.count) : path[...], query: request.uri.query ?? "")
    }

    /// One guide, tailored by the query, in the format the suffix or `Accept` asks for.
    @Sendable func guide(_ request: Request, context: Context) async throws -> Response {
        let format = RequestedFormat(request)
        // One catalogue for the whole request, even if a reload swaps it meanwhile.
        let contents = library.current
        let rawKey = context.parameters.get("connector") ?? ""
        if !contents.broken.isEmpty, let broken = contents.broken[rawKey.removingPercentEncoding ?? rawKey] {
            throw RequestRefusal.connectorUnavailable(broken.key, errors: broken.errors.map { "\($0.location)" + ($0.keyPath.isEmpty ? "" : ": \($0.keyPath)") })
        }
        let query = request.uri.query ?? "", base = base.base(for: request)
        let requestKey = requestKey(request, format: format)
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
        let slug = context.parameters.get("slug") ?? "", kind = context.parameters.get("kind") ?? ""
        let stem = RequestedFormat.suffixed(slug)?.stem ?? slug
        let renderer = contents.renderer, renderFormat = format.renderFormat
        let work: @Sendable () throws -> Outcome = {
            let guide = try Self.guideRequest(in: contents.catalog, connector: rawKey, kind: kind, slug: stem, query: query, base: base)
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
            let connector = contents.catalog.connector(rawKey.contains("%") ? rawKey.removingPercentEncoding ?? rawKey : rawKey)
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

    /// The request for the path segments the router matched (still percent-encoded) and the
    /// query, validated by the engine: one lookup in the catalogue.
    /// - Throws: ``GuideURLError`` for an unknown connector, guide, action, parameter or value.
    static func guideRequest(in catalog: Catalog, connector rawKey: String, kind rawKind: String, slug rawSlug: String, query: String, base: String) throws(GuideURLError) -> GuideRequest {
        func decoded(_ raw: String) throws(GuideURLError) -> String {
            guard raw.utf8.contains(UInt8(ascii: "%")) else { return raw }
            guard let text = raw.removingPercentEncoding else { throw .malformedEncoding(raw) }
            return text
        }
        var request = try catalog.guide(connector: try decoded(rawKey), pathSegment: try decoded(rawKind), slug: try decoded(rawSlug))
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
