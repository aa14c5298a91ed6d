import ScopeGuideCore

/// `Output/sitemap.xml` (sitemaps.org 0.9): one `<loc>` per built guide page, for search engines
/// and docs-site crawlers: each page's canonical address, its dynamic guide URL under the base
/// URL (or the site's `docsBaseURL`), where `SiteLayout` puts the page.
enum Sitemap {
    static func xml(locations: [String]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for location in locations { xml += "  <url><loc>\(HTMLEscaping.escape(location))</loc></url>\n" }
        return xml + "</urlset>\n"
    }
}
