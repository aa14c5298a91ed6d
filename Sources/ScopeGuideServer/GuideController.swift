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
/// Reading the URL into a ``GuideRequest`` (lookups, selection, scopes, variables), resolution and
/// rendering run on the ``RenderPool`` (never in the request's task), under its deadline and
/// concurrency limit, and index searches are capped by ``ServerLimits``, so no request can hold
/// the server for long.
struct GuideController<Context: RequestContext>: Sendable {
    let library: GuideLibrary
    let base: GuideURLBase
    let pool: RenderPool
    let limits: ServerLimits

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

    /// One guide, tailored by the query, in the format the suffix or `Accept` asks for.
    @Sendable func guide(_ request: Request, context: Context) async throws -> Response {
        let format = RequestedFormat(request)
        let slug = context.parameters.get("slug") ?? ""
        // One catalogue for the whole request, even if a reload swaps it meanwhile.
        let contents = library.current
        let rawKey = context.parameters.get("connector") ?? ""
        if let broken = contents.broken[rawKey.removingPercentEncoding ?? rawKey] {
            throw RequestRefusal.connectorUnavailable(broken.key, errors: broken.errors.map { "\($0.location)" + ($0.keyPath.isEmpty ? "" : ": \($0.keyPath)") })
        }
        let kind = context.parameters.get("kind") ?? "", stem = RequestedFormat.suffixed(slug)?.stem ?? slug
        let query = request.uri.query ?? "", base = base.base(for: request)
        let renderer = contents.renderer, renderFormat = format.renderFormat
        let contentType = format.contentType, vary = format == .markdown ? nil : "Accept"
        return try await pool.run {
            // Validation too, not only rendering: its cost grows with the catalogue (each unknown
            // name is compared with every defined one for suggestions), so it must wait its turn
            // and count against the deadline like the rest. Its GuideURLError passes through.
            let guide = try Self.guideRequest(in: contents.catalog, connector: rawKey, kind: kind, slug: stem, query: query, base: base)
            // Customer values live in the URL: keep rendered guides out of shared caches.
            return .rendered(renderer.render(guide, as: renderFormat, assets: Self.assets), contentType: contentType,
                             cacheControl: "private, no-cache", for: request, vary: vary)
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
