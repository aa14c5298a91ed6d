import ScopeGuide

/// The cache key and `ETag` source of a guide request: the format, the base of the page's dynamic
/// guide URLs, the path and the query.
///
/// The canonical key is the request's canonical dynamic guide URL (``GuideURL``: connector,
/// guide, selection, grant, refusals, separator, whitelabel, variables, in their canonical order
/// and spelling) after a letter for the format. A request already in canonical form has that very
/// key before it is parsed (``request(format:base:path:query:)``), so it is found, and its `ETag`
/// known, without reading the query.
enum GuideRequestKey {
    /// The key of the request as it arrived; equal to its canonical key when it is in canonical form.
    /// - Parameters:
    ///   - path: the request's path without its `.md` or `.json` suffix.
    ///   - query: the query without `?`.
    static func request(format: RequestedFormat, base: String, path: Substring, query: String) -> String {
        var key = format.keyPrefix
        key.reserveCapacity(2 + base.utf8.count + path.utf8.count + 1 + query.utf8.count)
        key += base
        key += path
        if !query.isEmpty {
            key += "?"
            key += query
        }
        return key
    }

    /// The key of the canonical request `url`.
    static func canonical(format: RequestedFormat, url: GuideURL) -> String {
        format.keyPrefix + url.description
    }
}

extension RequestedFormat {
    /// Distinguishes the page, its Markdown and its JSON when `Accept` picks the format.
    fileprivate var keyPrefix: String {
        switch self {
        case .html: "h "
        case .markdown: "m "
        case .json: "j "
        }
    }
}
