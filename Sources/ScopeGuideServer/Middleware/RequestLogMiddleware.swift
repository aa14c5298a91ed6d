import Hummingbird
import Logging

/// Logs one line per request once it is answered: method, path (never the query, which carries
/// customer values; abbreviated when long), status and duration in microseconds, as structured
/// metadata.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var status = HTTPResponse.Status.internalServerError
        defer {
            let elapsed = ContinuousClock.now - start
            let microseconds = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
            logger.info("request", metadata: [
                "method": "\(request.method.rawValue)",
                "path": "\(request.uri.path.abbreviated)",
                "status": "\(status.code)",
                "duration_us": "\(microseconds)",
            ])
        }
        let response = try await next(request, context)
        status = response.status
        return response
    }
}
