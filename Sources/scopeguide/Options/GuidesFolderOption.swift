import ArgumentParser
import Foundation
import ScopeGuide

/// `--guides`: the folder of guide sources, the same option on every command that loads guides.
struct GuidesFolderOption: ParsableArguments {
    @Option(help: "The folder holding the guide sources.")
    var guides: String = "Guides"

    var url: URL { URL(fileURLWithPath: guides) }

    /// The error for a folder that loads but holds no connector: `build` would write an empty
    /// site and `check` pass, where the cause is almost always a wrong `--guides` path.
    var noConnectorError: Diagnostic {
        Diagnostic(severity: .error, file: guides, message: "no connector here: each connector is a folder <key>/ holding <key>.connector.yaml")
    }

    /// Loads the guides the command needs: only connector `key` (and `site.yaml`) when its folder
    /// exists, so one broken connector elsewhere neither fails nor slows it, from the cache when
    /// it has the same sources (unless turned off); every guide otherwise, so an unknown key gets
    /// the closest valid ones suggested.
    /// - Throws: the loader's ``DiagnosticsError`` listing every problem.
    func loadCatalog(connector key: String?, caching: CacheOptions) throws -> Catalog {
        if let key, FileManager.default.fileExists(atPath: url.appendingPathComponent("\(key)/\(key).connector.yaml").path) {
            if let cache = caching.cache() { return try cache.load(connector: key, in: url).catalog }
            return try CatalogLoader().load(directory: url, only: [key]).catalog
        }
        return try CatalogLoader().load(directory: url).catalog
    }
}
