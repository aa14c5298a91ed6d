/// A corrected address an error page links to: the refused request's path and query with one
/// suggested name in place of the unknown one (or with the unknown names left out), so a reader
/// follows the suggestion instead of editing the URL by hand.
package struct GuideURLCorrection: Hashable, Sendable {
    package enum Change: Hashable, Sendable {
        /// `suggestion` in place of `unknown`.
        case replace(unknown: String, suggestion: String)
        /// The unknown action ids or scope names left out.
        case remove([String])
    }

    package var change: Change
    /// The corrected address: an absolute path (`/connectors/…`) and the query, each value
    /// percent-encoded as ``GuideURL`` writes it.
    package var href: String
}

extension GuideURLError {
    /// The corrections this error's suggestions give for the request at `path` (as received,
    /// percent-encoded) with `query` (without `?`): one per suggestion, then, for unknown actions
    /// or scopes, the request without all of them. Empty for errors without suggestions and for a
    /// path that is not a guide route's (`/connectors/<key>/guides/<kind>/<slug>`).
    package func corrections(path: String, query: String) -> [GuideURLCorrection] {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.count == 6, segments[0].isEmpty, segments[1] == "connectors", segments[3] == "guides" else { return [] }
        let address = { (path: String, query: String) in path + (query.isEmpty ? "" : "?" + query) }
        switch self {
        case .unknownConnector(let key, let suggestions):
            return suggestions.map { suggestion in
                segments[2] = FormEncoding.encodeQueryValue(suggestion)
                return GuideURLCorrection(change: .replace(unknown: key, suggestion: suggestion), href: address(segments.joined(separator: "/"), query))
            }
        case .unknownGuide(let slug, _, let suggestions):
            // The route's last segment may end in `.md` or `.json`: the suffix stays.
            let last = segments[5]
            let suffix = [".md", ".json"].first { last.hasSuffix($0) } ?? ""
            return suggestions.map { suggestion in
                segments[5] = FormEncoding.encodeQueryValue(suggestion) + suffix
                return GuideURLCorrection(change: .replace(unknown: slug, suggestion: suggestion), href: address(segments.joined(separator: "/"), query))
            }
        case .unknownActions(let unknown, _):
            let split = { (value: String) in value.split(separator: ",").map { $0.trimmingWhitespace as String }.filter { !$0.isEmpty } }
            return Self.corrections(unknown.map { ($0.id, $0.suggestions) }, parameters: ["actions"], split: split, path: path, query: query)
        case .unknownScopes(let unknown, _):
            return Self.corrections(unknown.map { ($0.scope, $0.suggestions) }, parameters: ["granted", "without"], split: GuideRequest.scopeNames, path: path, query: query)
        default:
            return []
        }
    }

    /// A correction per suggestion of each unknown name, then one leaving every unknown name out.
    private static func corrections(
        _ unknown: [(name: String, suggestions: [String])], parameters: Set<String>, split: (String) -> [String], path: String, query: String
    ) -> [GuideURLCorrection] {
        let address = { (query: String) in path + (query.isEmpty ? "" : "?" + query) }
        var corrections: [GuideURLCorrection] = []
        for (name, suggestions) in unknown {
            for suggestion in suggestions {
                let corrected = rewriting(query, parameters: parameters, split: split) { $0 == name ? suggestion : $0 }
                corrections.append(GuideURLCorrection(change: .replace(unknown: name, suggestion: suggestion), href: address(corrected)))
            }
        }
        let names = Set(unknown.map(\.name))
        let without = rewriting(query, parameters: parameters, split: split) { names.contains($0) ? nil : $0 }
        corrections.append(GuideURLCorrection(change: .remove(unknown.map(\.name)), href: address(without)))
        return corrections
    }

    /// `query` with each item of the `parameters` (split by `split`) passed through `transform`
    /// (`nil` leaves it out; a parameter left with no item goes too); every other parameter is
    /// kept as it was written.
    private static func rewriting(_ query: String, parameters: Set<String>, split: (String) -> [String], _ transform: (String) -> String?) -> String {
        FormEncoding.parameters(in: Substring(query)).compactMap { parameter -> String? in
            guard let name = FormEncoding.decode(parameter.name), parameters.contains(name), let value = FormEncoding.decode(parameter.value)
            else { return String(parameter.text) }
            let items = split(value).compactMap(transform)
            return items.isEmpty ? nil : name + "=" + items.map(FormEncoding.encodeQueryValue).joined(separator: ",")
        }.joined(separator: "&")
    }
}
