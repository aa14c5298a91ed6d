import ScopeGuideCore

/// Where a built site puts each guide, and how its pages link one another: the public URL scheme
/// of dynamic guide URLs, so that any static file server answers every link the site holds.
///
/// A guide lives at the path of its dynamic guide URL, `connectors/<key>/guides/<kind>/<slug>`:
///
/// ```
/// connectors/front/guides/link-account/api-token/index.html   the page
/// connectors/front/guides/link-account/api-token.md           the Markdown
/// connectors/front/guides/link-account/api-token.mdx          the Hub's MDX (when built)
/// ```
///
/// A static server answers `/connectors/front/guides/link-account/api-token?actions=…` with the
/// page (through the redirect to `…/api-token/` that servers make for a folder, query kept), and
/// the page tailors itself to the query; `…/api-token.md` is the address `serve` gives the
/// Markdown too. Static-site generators turn `api-token.md` into `…/api-token/` as well.
///
/// Without a base URL, pages link one another and their assets relatively (`index.html` at the
/// end, so the folder also opens from disk); with one, every link is absolute under it, and
/// canonical addresses, index entries and sitemap entries are the guides' dynamic URLs there.
package struct SiteLayout: Hashable, Sendable {
    /// Where the site is published (`https://guides.example.com/docs`), without a trailing
    /// slash; `nil` when pages link relatively.
    package let baseURL: String?

    package init(baseURL: String? = nil) {
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }

    /// The site's index page.
    package static let indexPath = "index.html"

    /// `connectors/<key>/guides/<kind>/<slug>`: the dynamic guide URL's path, without its `/`.
    package static func stem(of request: GuideRequest) -> String { String(request.url.path.dropFirst()) }

    /// The file of `request`'s guide in `format`: `<stem>.md`, `<stem>.mdx` or `<stem>/index.html`.
    package static func path(of request: GuideRequest, format: RenderFormat) -> String {
        let stem = stem(of: request)
        return format == .html ? stem + "/" + indexPath : stem + "." + format.fileExtension
    }

    /// How the page at `page` (a path in the site) links the file at `target`: absolute under the
    /// base URL, else relative to the page's folder.
    package func link(to target: String, from page: String) -> String {
        if let baseURL { return baseURL + "/" + target }
        let depth = page.utf8.lazy.filter { $0 == UInt8(ascii: "/") }.count
        return String(repeating: "../", count: depth) + target
    }

    /// How the page at `page` links `request`'s guide page: its dynamic URL under the base URL
    /// (the address the page is published at), else its `index.html`, relatively.
    package func pageLink(to request: GuideRequest, from page: String) -> String {
        baseURL.map { $0 + request.url.path } ?? link(to: Self.path(of: request, format: .html), from: page)
    }

    /// The links of `request`'s page: the index, and its canonical address (its untailored
    /// dynamic URL, whose base is the base URL when the request was made for this layout).
    func pageLinks(for request: GuideRequest) -> PageLinks {
        let page = Self.path(of: request, format: .html)
        let index = baseURL.map { $0 + "/" } ?? link(to: Self.indexPath, from: page)
        return PageLinks(index: index, canonical: request.url.description)
    }
}
