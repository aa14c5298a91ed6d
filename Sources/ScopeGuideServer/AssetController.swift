import Hummingbird
import ScopeGuide

/// The pages' stylesheet and script as files, for sites that embed a guide fragment
/// (`render --format fragment`) and want the same look and behaviour. The server's own pages
/// carry both inline. Cached for a day, then revalidated by ETag.
struct AssetController<Context: RequestContext>: Sendable {
    var endpoints: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("/assets/guide-page.css") { request, _ in
            Response.rendered(PageAssets.stylesheet, contentType: "text/css; charset=utf-8", cacheControl: Self.cacheControl, for: request)
        }
        routes.get("/assets/guide-page.js") { request, _ in
            Response.rendered(PageAssets.script, contentType: "text/javascript; charset=utf-8", cacheControl: Self.cacheControl, for: request)
        }
        return routes
    }

    static var cacheControl: String { "public, max-age=86400" }
}
