import Hummingbird

/// Answers a guide request found in the ``ResponseCache`` at once, before the middleware and
/// the router below it: a hit then costs little more than the framework's own floor.
///
/// It sits below the request log and the security headers, so a hit is logged and carries the
/// same headers as a fresh answer. The checks it skips (methods, query length, canonical paths,
/// the route, a connector that did not load) had all passed for the request that stored the
/// answer (``GuideController/cachedAnswer(for:)``); anything else goes on down as before.
struct CachedAnswerMiddleware<Context: RequestContext>: RouterMiddleware {
    let controller: GuideController<Context>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head, request.uri.path.hasPrefix("/connectors/"),
            let response = controller.cachedAnswer(for: request)
        else { return try await next(request, context) }
        return request.method == .head ? response.createHeadResponse() : response
    }
}
