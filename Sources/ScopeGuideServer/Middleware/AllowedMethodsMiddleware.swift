import Hummingbird

/// Answers `405 Method Not Allowed` (with `Allow: GET, HEAD`) to anything but GET and HEAD: the
/// server only computes and renders, it accepts no input but the URL.
struct AllowedMethodsMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            throw HTTPError(.methodNotAllowed, headers: [.allow: "GET, HEAD"], message: "Only GET and HEAD are allowed, not \(request.method.rawValue).")
        }
        return try await next(request, context)
    }
}
