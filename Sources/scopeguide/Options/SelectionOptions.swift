import ArgumentParser
import Foundation
import ScopeGuide

/// Which actions to tailor for, as a list or as a dynamic guide URL.
struct SelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Comma-separated action ids to tailor for; leave out for the full guide.", valueName: "ids"))
    var actions: String?

    @Option(help: ArgumentHelp("A dynamic guide URL whose connector, guide and selection to use.", valueName: "url"))
    var url: String?

    @Option(help: "How to join scopes: \(Separator.allCases.map(\.rawValue).joined(separator: ", ")) (default: the URL's, else space).")
    var separator: Separator?

    func validate() throws {
        if actions != nil, url != nil { throw ValidationError("Give either --actions or --url, not both.") }
    }

    /// The guide URL these options and `guide` name, validated against `catalog`.
    func guideURL(_ guide: GuideOptions, in catalog: Catalog) throws -> GuideURL {
        var result: GuideURL
        if let url {
            result = try GuideURL(parsing: url, in: catalog)
            if let key = guide.connector, key != result.connector {
                throw ValidationError("The URL is for connector '\(result.connector)', not '\(key)'.")
            }
        } else {
            guard let key = guide.connector else { throw ValidationError("Missing connector key (or --url).") }
            result = try catalog.guideURL(connector: key, slug: guide.slug, kind: guide.kind)
            let ids = (actions ?? "").split(separator: ",").map { ActionID(String($0).trimmingCharacters(in: .whitespaces)) }
                .filter { !$0.rawValue.isEmpty }
            try result.select(ids, in: catalog.connector(key)!)
        }
        if let separator { result.separator = separator }
        return result
    }
}

extension Separator: ExpressibleByArgument {}
