import ArgumentParser
import Foundation
import ScopeGuide

extension ScopeGuideCommand {
    struct Actions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List or search a connector's actions: their ids, labels and the scopes they need.",
            discussion: """
                Prints one action per line: its id (what --actions and ?actions= take), its label \
                and what it needs ("a b" needs both; "a | b" either). --search keeps the actions \
                whose id, label or scopes contain every word given; --enabled-by keeps those the \
                given scopes enable, through includes and wildcards ("what does contacts:write \
                enable?"). Both may be combined. The count goes to standard error, so standard \
                output is the list alone.

                Examples:
                  scopeguide actions front --search message
                  scopeguide actions front --enabled-by contacts:write --format json
                """
        )

        @OptionGroup var folder: GuidesFolderOption
        @OptionGroup var caching: CacheOptions

        @Argument(help: "The connector key, such as 'front'.")
        var connector: String

        @Option(help: ArgumentHelp("Words that the id, label or scopes of each action listed must contain (any case).", valueName: "text"))
        var search: String?

        @Option(help: ArgumentHelp(
            "Scopes (separated by spaces, commas, semicolons, pipes or new lines): list only the actions they enable.",
            valueName: "scopes"))
        var enabledBy: String?

        @Option(help: "text: one action per line; json: connector, total and the actions with their alternatives.")
        var format: OutputFormat = .text

        /// The JSON form: stable keys, for scripts.
        struct Listing: Encodable {
            struct Entry: Encodable {
                var id: String
                var label: String
                /// Alternatives, each a list of scopes needed together; empty: needs no scope.
                var requires: [[String]]
            }

            var connector: String
            /// How many actions the connector has.
            var total: Int
            var actions: [Entry]
        }

        func run() throws {
            let catalog = try folder.loadCatalog(connector: connector, caching: caching)
            let request = try catalog.guide(connector: connector)
            let finder = ActionSearch(connector: request.connector)
            var actions = finder.matching(search ?? "")
            if let enabledBy {
                let scopes = GuideRequest.scopeNames(enabledBy).map { Scope($0) }
                let (enabled, unknown) = finder.enabled(by: scopes)
                guard unknown.isEmpty else {
                    throw UnknownScopes(message: unknown.map { scope in
                        let suggestions = finder.suggestions(for: scope)
                        return "unknown scope \"\(scope.rawValue.escapingControlCharacters)\" for connector \"\(connector)\""
                            + (suggestions.isEmpty ? "" : "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: ", ") + "?")
                    }.joined(separator: "\n"))
                }
                let ids = Set(enabled.map(\.id))
                actions = actions.filter { ids.contains($0.id) }
            }
            let total = request.connector.actions.count
            switch format {
            case .json:
                let listing = Listing(connector: request.connector.key, total: total, actions: actions.map { action in
                    Listing.Entry(id: action.id.rawValue, label: action.label, requires: action.requirement.alternatives.map { $0.map(\.rawValue) })
                })
                print(try JSONOutput.encode(listing))
            case .text:
                let width = actions.map(\.id.rawValue.count).max() ?? 0
                let labelWidth = min(40, actions.map(\.label.count).max() ?? 0)
                for action in actions {
                    let id = action.id.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
                    let label = action.label.count >= labelWidth ? action.label : action.label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
                    print("\(id)  \(label)  \(Self.needs(action.requirement))".escapingControlCharacters)
                }
            }
            let filtered = search != nil || enabledBy != nil
            let counted = filtered ? "\(actions.count) of \(total) actions match" : "\(total) \(total == 1 ? "action" : "actions")"
            FileHandle.standardError.write(Data((counted + "\n").utf8))
        }

        /// Scopes of --enabled-by the connector does not define or name (exit 1, no usage text).
        struct UnknownScopes: Error, CustomStringConvertible {
            var message: String
            var description: String { message }
        }

        /// "a b" for scopes needed together, "a | b" for alternatives, "no scope".
        static func needs(_ requirement: Requirement) -> String {
            guard !requirement.isEmpty else { return "needs no scope" }
            return "needs " + requirement.alternatives.map { $0.map(\.rawValue).joined(separator: " ") }.joined(separator: " | ")
        }
    }
}
