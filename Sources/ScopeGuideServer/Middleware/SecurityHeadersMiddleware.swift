import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import ScopeGuide

/// Sets the security headers on every response, errors included.
///
/// The Content-Security-Policy allows no script or style but the server's own: the files it
/// serves (`'self'`: guide pages link `/assets/guide-page.<hash>.js|css`) and the inline ones of
/// the index and error pages, named by their SHA-256 (computed once, here). No `unsafe-inline`,
/// no `unsafe-eval`, no network access (`connect-src` falls back to `default-src 'none'`), no
/// framing. The guide page's JSON data block is not script to the browser, so it needs no hash.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let headers: HTTPFields

    init() {
        headers = [
            .contentSecurityPolicy: Self.contentSecurityPolicy,
            .xContentTypeOptions: "nosniff",
            // Dynamic URLs carry customer values: never send them to a site a guide links to.
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
            HTTPField.Name("X-Frame-Options")!: "DENY",
            HTTPField.Name("Cross-Origin-Opener-Policy")!: "same-origin",
        ]
    }

    static var contentSecurityPolicy: String {
        [
            "default-src 'none'",
            "script-src 'self' '\(hashSource(PageAssets.inlineScript))'",
            "style-src 'self' '\(hashSource(PageAssets.inlineStyle))'",
            // Guide screenshots are on https: hosts (the renderer drops other sources); nothing else loads images.
            "img-src https:",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ].joined(separator: "; ")
    }

    /// `sha256-<base64>` of `text`'s UTF-8, the CSP form of an inline element's hash.
    static func hashSource(_ text: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // Appending the fields made once is cheaper than setting each by name, which checks the
        // value again (2% of a cached answer's CPU); a response that has one of them already has
        // it replaced, as before.
        if response.headers.contains(where: { field in headers.contains { $0.name == field.name } }) {
            for field in headers { response.headers[field.name] = field.value }
        } else {
            response.headers.append(contentsOf: headers)
        }
        return response
    }
}
