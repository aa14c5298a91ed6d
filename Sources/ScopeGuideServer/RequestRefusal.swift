import Hummingbird

/// Why the server declined to do the work a valid-looking request asks for: the request asks for
/// too much (`400`), or the server has no capacity for it in time (`503` with `Retry-After`).
///
/// ``ErrorPageMiddleware`` renders it like any error page and logs it, so the log says what was
/// refused and why.
enum RequestRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// An index search with more words than ``ServerLimits/maxSearchTerms``.
    case tooManySearchTerms(Int, limit: Int)
    /// An index search longer than ``ServerLimits/maxSearchBytes``.
    case searchTooLong(Int, limit: Int)
    /// Every render thread is busy and ``ServerLimits/renderQueue`` requests already wait.
    case renderQueueFull(limit: Int, retryAfterSeconds: Int)
    /// Resolution and rendering did not finish within ``ServerLimits/requestTimeout``.
    case deadlinePassed(Duration, retryAfterSeconds: Int)
    /// The connector's guide source does not load; carries where its errors are (file, line,
    /// column and key path; not the messages, which may quote the file's text).
    case connectorUnavailable(String, errors: [String])

    var description: String {
        switch self {
        case .tooManySearchTerms(let count, let limit): "The search has \(count) words; the limit is \(limit)."
        case .searchTooLong(let bytes, let limit): "The search has \(bytes) bytes; the limit is \(limit)."
        case .renderQueueFull(let limit, _):
            "The server is busy (\(limit) requests already wait for a render thread); try again shortly."
        case .deadlinePassed(let deadline, _):
            "The server could not finish this request within \(deadline.wholeMilliseconds) ms; try again shortly."
        case .connectorUnavailable(let key, let errors):
            "The guide source of connector \"\(key.abbreviated)\" has errors, so its guides are not served until it is fixed "
                + "(then reload the server with SIGHUP): " + errors.prefix(10).joined(separator: "; ")
                + (errors.count > 10 ? "; and \(errors.count - 10) more" : "")
        }
    }

    var status: HTTPResponse.Status {
        switch self {
        case .tooManySearchTerms, .searchTooLong: .badRequest
        case .renderQueueFull, .deadlinePassed, .connectorUnavailable: .serviceUnavailable
        }
    }

    var title: String {
        switch self {
        case .tooManySearchTerms, .searchTooLong: "Search too long"
        case .renderQueueFull: "Server busy"
        case .deadlinePassed: "Request timed out"
        case .connectorUnavailable: "Guide unavailable"
        }
    }

    /// A short machine-readable reason for the log.
    var reason: String {
        switch self {
        case .tooManySearchTerms: "too_many_search_terms"
        case .searchTooLong: "search_too_long"
        case .renderQueueFull: "render_queue_full"
        case .deadlinePassed: "request_timeout"
        case .connectorUnavailable: "connector_unavailable"
        }
    }

    /// `Retry-After` on a `503`: the client may come back once the load has passed.
    var headers: HTTPFields {
        switch self {
        case .tooManySearchTerms, .searchTooLong, .connectorUnavailable: [:]
        case .renderQueueFull(_, let seconds), .deadlinePassed(_, let seconds): [.retryAfter: String(seconds)]
        }
    }
}
