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
        /// What the answers depend on besides the request (``GuidesFingerprint``); tailored
        /// guides' `ETag`s are derived from it.
        let fingerprint: String
        /// 1 for the guides loaded at start, one more at each reload: the ``ResponseCache`` keeps
        /// answers of the current generation only.
        fileprivate(set) var generation = 1

        init(catalog: Catalog, broken: [CatalogLoader.BrokenConnector] = [], fingerprint: String = GuidesFingerprint.unique()) {
            renderer = GuideRenderer(catalog: catalog)
            self.broken = Dictionary(broken.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            self.fingerprint = fingerprint
        }

        var catalog: Catalog { renderer.tailor.catalog }
    }

    private let lock = NSLock()
    private var contents: Contents

    init(_ contents: Contents) { self.contents = contents }

    var current: Contents { lock.withLock { contents } }

    /// Serves `new` from now on, as the next generation.
    func replace(with new: Contents) {
        lock.withLock {
            var new = new
            new.generation = contents.generation + 1
            contents = new
        }
    }
}
