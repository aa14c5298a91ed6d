import ArgumentParser
import Foundation
import ScopeGuide

/// Which guide a command works on.
struct GuideOptions: ParsableArguments {
    @OptionGroup var folder: GuidesFolderOption
    @OptionGroup var caching: CacheOptions

    @Argument(help: "The connector key, such as 'front'. May be left out when --url is given.")
    var connector: String?

    @Option(name: .customLong("guide"), help: "The authentication method's slug, such as 'api-token' (default: the connector's first method).")
    var slug: String?

    @Flag(help: "Use the connector-profile (setup) guide instead of the link-account guide.")
    var setup = false

    var kind: GuideKind { setup ? .setup : .config }

    /// Loads the guides under `--guides` that the command needs: only the connector it names
    /// (its argument, or the `connectors/<key>/` of `url`) and `site.yaml` when that connector's
    /// folder exists, so one broken connector elsewhere neither fails nor slows it; every guide
    /// otherwise, so an unknown key gets the closest valid ones suggested. The one connector comes
    /// from the cache when it has the same sources (unless turned off).
    /// - Throws: the loader's ``DiagnosticsError`` listing every problem.
    func loadCatalog(url: String? = nil) throws -> Catalog {
        let key = connector ?? url.flatMap { $0.firstMatch(of: /\/connectors\/([^\/?#]+)\//).map { String($0.1) } }
        return try folder.loadCatalog(connector: key, caching: caching)
    }
}
