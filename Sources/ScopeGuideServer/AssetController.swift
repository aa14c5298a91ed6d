import Hummingbird
import ScopeGuide

/// The pages' stylesheet and script as files: under their content-hashed names
/// (`/assets/guide-page.<hash>.css`, as `build` writes them) with immutable caching, since a new
/// content gets a new name; under their plain names for sites that embed a guide fragment
/// (`render --format fragment`), cached for a day, then revalidated by ETag. The server's guide
/// pages link the hashed names; its index and error pages carry the stylesheet inline.
struct AssetController<Context: RequestContext>: Sendable {
    var endpoints: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        let css = "text/css; charset=utf-8", js = "text/javascript; charset=utf-8"
        for (name, text, type) in [("guide-page.css", PageAssets.stylesheet, css), ("guide-page.js", PageAssets.script, js)] {
            routes.get("/assets/\(name)") { request, _ in
                Response.rendered(text, contentType: type, cacheControl: Self.cacheControl, for: request)
            }
        }
        for (name, text, type) in [(PageAssets.styleFileName, PageAssets.stylesheet, css), (PageAssets.scriptFileName, PageAssets.script, js)] {
            routes.get("/assets/\(name)") { request, _ in
                Response.rendered(text, contentType: type, cacheControl: Self.immutable, for: request)
            }
        }
        return routes
    }

    static var cacheControl: String { "public, max-age=86400" }
    /// A year, the longest caches keep; `immutable`: not even a reload revalidates.
    static var immutable: String { "public, max-age=31536000, immutable" }
}
