import Foundation
import ScopeGuide

/// The guides the server answers from: a renderer for the connectors that loaded, and the
/// connectors that did not, with their errors. Replaced whole when `Guides/` is reloaded
/// (`SIGHUP`), so each request sees one consistent catalogue.
final class GuideLibrary: @unchecked Sendable {
    struct Contents: Sendable {
        let renderer: GuideRenderer
        /// By key: connectors whose guide source has errors; their routes answer `503`.
        let broken: [String: CatalogLoader.BrokenConnector]

        init(catalog: Catalog, broken: [CatalogLoader.BrokenConnector] = []) {
            renderer = GuideRenderer(catalog: catalog)
            self.broken = Dictionary(broken.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        }

        var catalog: Catalog { renderer.tailor.catalog }
    }

    private let lock = NSLock()
    private var contents: Contents

    init(_ contents: Contents) { self.contents = contents }

    var current: Contents { lock.withLock { contents } }

    func replace(with new: Contents) { lock.withLock { contents = new } }
}
