import ArgumentParser
import Foundation
import ScopeGuide

/// `--cache-dir` and `--no-cache`: where `scopes`, `url` and `render` keep decoded connectors
/// (see `ConnectorCache`). `build`, `check` and `serve` always load from the sources.
struct CacheOptions: ParsableArguments {
    @Option(help: "Where decoded connectors are cached (default: $SCOPEGUIDE_CACHE_DIR, else $XDG_CACHE_HOME/scopeguide, else ~/.cache/scopeguide).")
    var cacheDir: String?

    @Flag(help: "Load the guide sources without the cache (as does SCOPEGUIDE_NO_CACHE=1).")
    var noCache = false

    func validate() throws {
        // "" would be the working directory: entries written beside the user's files.
        if cacheDir?.isEmpty == true { throw ValidationError("--cache-dir takes a folder; use --no-cache to turn the cache off") }
    }

    /// The cache to use, or `nil` when it is turned off. `SCOPEGUIDE_NO_CACHE=1` wins over
    /// `--cache-dir`, so one variable turns it off everywhere (CI, say).
    func cache(environment: [String: String] = ProcessInfo.processInfo.environment) -> ConnectorCache? {
        guard !noCache, environment["SCOPEGUIDE_NO_CACHE"] != "1" else { return nil }
        guard let folder = cacheDir.map({ URL(fileURLWithPath: $0) }) ?? ConnectorCache.standardDirectory(environment: environment) else { return nil }
        return ConnectorCache(directory: folder)
    }
}
