/// A dynamic guide URL: which guide, tailored to which actions, as SPEC §3 defines it.
///
/// `<base>/connectors/<key>/guides/<link-account|connector-profile>/<slug>?actions=<id>,<id>`
/// with optional `granted=<scope>,<scope>` (the customer's existing grant), `without=<scope>,…`
/// (refused scopes; see ``ScopeConstraints``), `separator=<name>`, `whitelabel=1` and
/// `var.<name>=<value>`. ``description`` is the canonical form: actions in catalogue order and
/// scopes in `scopeDefinitions` order without duplicates, no `actions`, `granted` or `without`
/// parameter when empty, default values left out, nothing percent-encoded that need not be.
public struct GuideURL: Hashable, Sendable, CustomStringConvertible {
    /// Everything before `/connectors/`, without a trailing slash; empty for a relative URL.
    public var base: String
    public var connector: String
    public var kind: GuideKind
    /// The method slug, such as `api-token`.
    public var slug: String
    public var selection: Selection
    public var separator: Separator
    public var isWhitelabel: Bool
    /// Customer values for the connector's variables, by name.
    public var variables: [String: String]
    /// The customer's existing grant and refused scopes, checked and in definition order (set
    /// them with ``setConstraints(granted:refused:for:)``).
    public internal(set) var constraints: ScopeConstraints = .none

    public init(
        base: String, connector: String, kind: GuideKind, slug: String, selection: Selection = .none,
        separator: Separator = .space, isWhitelabel: Bool = false, variables: [String: String] = [:]
    ) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.connector = connector
        self.kind = kind
        self.slug = slug
        self.selection = selection
        self.separator = separator
        self.isWhitelabel = isWhitelabel
        self.variables = variables
    }

    /// The path below the base: `/connectors/<key>/guides/<kind>/<slug>`.
    public var path: String { "/connectors/\(connector)/guides/\(kind.pathSegment)/\(slug)" }

    /// The canonical query, without `?`; empty when every parameter has its default.
    public var query: String {
        var parameters: [String] = []
        if !selection.isEmpty {
            parameters.append("actions=" + selection.actions.map { FormEncoding.encodeQueryValue($0.rawValue) }.joined(separator: ","))
        }
        if !constraints.granted.isEmpty {
            parameters.append("granted=" + constraints.granted.map { FormEncoding.encodeQueryValue($0.rawValue) }.joined(separator: ","))
        }
        if !constraints.refused.isEmpty {
            parameters.append("without=" + constraints.refused.map { FormEncoding.encodeQueryValue($0.rawValue) }.joined(separator: ","))
        }
        if separator != .space { parameters.append("separator=\(separator.rawValue)") }
        if isWhitelabel { parameters.append("whitelabel=1") }
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) {
            parameters.append("var.\(FormEncoding.encodeQueryValue(name))=\(FormEncoding.encodeQueryValue(value))")
        }
        return parameters.joined(separator: "&")
    }

    /// The canonical URL.
    public var description: String {
        let query = query
        return base + path + (query.isEmpty ? "" : "?" + query)
    }
}
