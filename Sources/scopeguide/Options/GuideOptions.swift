import ArgumentParser
import Foundation
import ScopeGuide

/// Which guide a command works on.
struct GuideOptions: ParsableArguments {
    @Option(help: "The folder holding the guide sources.")
    var guides: String = "Guides"

    @Argument(help: "The connector key, such as 'front'. May be left out when --url is given.")
    var connector: String?

    @Option(name: .customLong("guide"), help: "The authentication method's slug, such as 'api-token' (default: the connector's first method).")
    var slug: String?

    @Flag(help: "Use the connector-profile (setup) guide instead of the link-account guide.")
    var setup = false

    var kind: GuideKind { setup ? .setup : .config }

    /// Loads every guide under `--guides`.
    /// - Throws: the loader's ``LoadFailure`` listing every problem.
    func loadCatalog() throws -> Catalog {
        try CatalogLoader().load(directory: URL(fileURLWithPath: guides)).catalog
    }
}
