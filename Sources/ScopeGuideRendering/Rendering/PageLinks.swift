import ScopeGuideCore

/// The links a page of a built site carries besides its guide: back to the site's index, and
/// its canonical address (the guide's untailored dynamic URL where the site is published).
///
/// Pages served or rendered alone have none: the server's index is its own route, and a page
/// written with `render -o` belongs to no site.
package struct PageLinks: Hashable, Sendable {
    /// The index page, as the page links it (relative, or absolute under the site's base URL).
    package var index: String
    /// The page's canonical address, absolute.
    package var canonical: String

    package init(index: String, canonical: String) {
        self.index = index
        self.canonical = canonical
    }
}
