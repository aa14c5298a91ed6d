/// `Output/sitemap.xml` (sitemaps.org 0.9): one `<loc>` per built guide page, for search engines
/// and docs-site crawlers.
///
/// With a site URL (where `Output/` is published) each page is `<site>/<key>/<kind>/<slug>.html`;
/// without one, the guide's canonical dynamic URL on the docs site.
enum Sitemap {
    static func xml(locations: [String]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for location in locations { xml += "  <url><loc>\(HTMLEscaping.escape(location))</loc></url>\n" }
        return xml + "</urlset>\n"
    }
}
