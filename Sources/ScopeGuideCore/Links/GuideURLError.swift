/// Why a dynamic guide URL was rejected; each case carries the offending value.
public enum GuideURLError: Error, Hashable, Sendable, CustomStringConvertible {
    case notAGuideURL(String)
    case unknownConnector(String, suggestions: [String])
    case unknownGuideKind(String)
    case unknownGuide(String, connector: String, suggestions: [String])
    case unknownActions([SelectionError.UnknownAction], connector: String)
    case unknownParameter(String)
    case invalidSeparator(String)
    case invalidWhitelabel(String)
    case unknownVariable(String, connector: String, declared: [String])
    case invalidVariable(name: String, value: String, pattern: String)
    case conflictingParameter(String)
    case malformedEncoding(String)
    /// `granted=` or `without=` names scopes the connector does not define; each with the
    /// closest defined ones.
    case unknownScopes([UnknownScope], connector: String)
    /// A scope is both in `granted=` and in `without=`.
    case grantedAndRefused(String)
    /// Stage *n* (from 1) of `stages=` names no action.
    case emptyStage(Int)
    /// An action is in two stages of `stages=` (numbered from 1).
    case actionInTwoStages(String, first: Int, second: Int)
    /// `actions=` and `stages=` name different actions; carries those in one but not the other.
    case stagesDisagreeWithActions([String])
    /// The URL (or query) is longer than `GuideURL/maximumLength` bytes; carries its length.
    case tooLong(Int)

    /// A scope name a connector does not define, with the closest that it does.
    public struct UnknownScope: Hashable, Sendable {
        public var scope: String
        public var suggestions: [String]
    }

    public var description: String {
        switch self {
        case .notAGuideURL(let text):
            "not a guide URL: \"\(text.abbreviated)\" (expected …/connectors/<key>/guides/<link-account|connector-profile>/<slug>)"
        case .unknownConnector(let key, let suggestions):
            "unknown connector \"\(key.abbreviated)\"" + Self.didYouMean(suggestions)
        case .unknownGuideKind(let segment):
            "unknown guide kind \"\(segment.abbreviated)\" (expected link-account or connector-profile)"
        case .unknownGuide(let slug, let connector, let suggestions):
            "connector \"\(connector.abbreviated)\" has no guide \"\(slug.abbreviated)\"" + Self.didYouMean(suggestions)
        case .unknownActions(let unknown, let connector):
            SelectionError.unknownActions(unknown, connector: connector).description
        case .unknownParameter(let name): "unknown parameter \"\(name.abbreviated)\" (expected actions, stages, granted, without, separator, whitelabel or var.<name>)"
        case .invalidSeparator(let value):
            "invalid separator \"\(value.abbreviated)\" (expected \(Separator.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .invalidWhitelabel(let value): "invalid whitelabel value \"\(value.abbreviated)\" (expected 1, 0, true or false)"
        case .unknownVariable(let name, let connector, let declared):
            "connector \"\(connector.abbreviated)\" has no variable \"\(name.abbreviated)\""
                + (declared.isEmpty ? " (it declares none)" : " (declared: \(declared.joined(separator: ", ")))")
        case .invalidVariable(let name, let value, let pattern) where pattern == Variable.defaultPattern:
            "invalid value \"\(value.abbreviated)\" for variable \"\(name.abbreviated)\" (must be one line of 1 to \(Variable.maximumDefaultLength) characters, without control characters)"
        case .invalidVariable(let name, let value, let pattern):
            "invalid value \"\(value.abbreviated)\" for variable \"\(name.abbreviated)\" (must match \(pattern.abbreviated))"
        case .conflictingParameter(let name): "parameter \"\(name.abbreviated)\" is given more than once with different values"
        case .malformedEncoding(let text): "malformed percent-encoding in \"\(text.abbreviated)\""
        case .unknownScopes(let unknown, let connector):
            "connector \"\(connector.abbreviated)\" defines no scope " + unknown.prefix(5).map { "\"\($0.scope.abbreviated)\"" + Self.didYouMean($0.suggestions) }
                .joined(separator: ", ") + (unknown.count > 5 ? " and \(unknown.count - 5) more" : "")
        case .grantedAndRefused(let scope): "scope \"\(scope.abbreviated)\" is both granted and refused (without=)"
        case .emptyStage(let number): "stage \(number) of stages= names no action (stages are separated by ';', actions by ',')"
        case .actionInTwoStages(let id, let first, let second): "action \"\(id.abbreviated)\" is in stage \(first) and stage \(second) of stages="
        case .stagesDisagreeWithActions(let ids):
            "actions= and stages= name different actions: " + ids.prefix(5).map { "\"\($0.abbreviated)\"" }.joined(separator: ", ")
                + (ids.count > 5 ? " and \(ids.count - 5) more" : "") + " (stages= alone is enough)"
        case .tooLong(let length): "URL of \(length) bytes is too long (at most \(GuideURL.maximumLength))"
        }
    }

    private static func didYouMean(_ suggestions: [String]) -> String {
        suggestions.isEmpty ? "" : "; did you mean " + suggestions.map { "\"\($0.abbreviated)\"" }.joined(separator: ", ") + "?"
    }
}
