import Hummingbird
import Logging
import ScopeGuide

/// Turns every error thrown below it into a page (or JSON, or text; see ``ErrorResponse``), so
/// the middleware above it, and the client, always see a response. Unknown errors become a `500`
/// without details, logged here.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let failure as RequestPath.Failure {
            // The guide route read the path already: its format, and the path its corrections edit.
            return response(to: failure.error, for: request, format: failure.path.format)
        } catch {
            return response(to: error, for: request, format: RequestPath(request).format)
        }
    }

    private func response(to error: any Error, for request: Request, format: RequestedFormat) -> Response {
        switch error {
        case let error as GuideURLError:
            let corrections = error.corrections(path: request.uri.path, query: request.uri.query ?? "")
            return ErrorResponse(status: error.status, title: error.title, message: error.description, corrections: corrections)
                .response(for: request, format: format)
        case let refusal as RequestRefusal:
            logger.notice("refused request", metadata: [
                "reason": "\(refusal.reason)", "method": "\(request.method.rawValue)", "path": "\(request.uri.path.abbreviated)",
            ])
            return ErrorResponse(status: refusal.status, title: refusal.title, message: refusal.description, headers: refusal.headers)
                .response(for: request, format: format)
        case let error as HTTPError:
            let message = error.body ?? Self.defaultMessage(for: error.status, path: request.uri.path)
            return ErrorResponse(status: error.status, title: error.status.reasonPhrase, message: message, headers: error.headers)
                .response(for: request, format: format)
        default:
            logger.error("unhandled error", metadata: ["path": "\(request.uri.path.abbreviated)", "error": "\(String(reflecting: error))"])
            return ErrorResponse(status: .internalServerError, title: "Internal Server Error", message: "The server could not answer this request.")
                .response(for: request, format: format)
        }
    }

    /// The router's own errors carry no message: a `404` names the path, abbreviated so a 60 KB
    /// path cannot come back whole; anything else says its reason phrase.
    static func defaultMessage(for status: HTTPResponse.Status, path: String) -> String {
        switch status {
        case .notFound: "There is no page at \"\(path.abbreviated)\"."
        default: status.reasonPhrase
        }
    }
}
