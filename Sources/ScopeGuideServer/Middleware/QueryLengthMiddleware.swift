import Hummingbird

/// Answers `414 URI Too Long` when the query string exceeds a limit (8 KiB by default): far
/// above any real selection, and it bounds the work a single request can ask for.
struct QueryLengthMiddleware<Context: RequestContext>: RouterMiddleware {
    var limit = 8 * 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let query = request.uri.query, query.utf8.count > limit {
            throw HTTPError(.uriTooLong, message: "The query has \(query.utf8.count) bytes; the limit is \(limit).")
        }
        return try await next(request, context)
    }
}
