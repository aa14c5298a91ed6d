/// A dynamic guide URL: which guide, tailored to which actions; the text form of a
/// ``GuideRequest`` (``GuideRequest/url``), parsed back by ``GuideRequest/init(parsing:in:)``.
///
/// `<base>/connectors/<key>/guides/<link-account|connector-profile>/<slug>?actions=<id>,<id>`
/// with optional `stages=<id>,<id>;<id>` (the selection asked for in stages, `ConsentStages`),
/// `granted=<scope>,<scope>` (the customer's existing grant), `without=<scope>,…`
/// (refused scopes; see ``ScopeConstraints``), `separator=<name>`, `whitelabel=1` and
/// `var.<name>=<value>`. ``description`` is the canonical form: actions in catalogue order and
/// scopes in `scopeDefinitions` order without duplicates, no `actions`, `stages`, `granted` or
/// `without` parameter when empty, default values left out, nothing percent-encoded that need not be.
/// The DocC article "The dynamic guide URL" describes each parameter.
public struct GuideURL: Hashable, Sendable, CustomStringConvertible {
    /// Everything before `/connectors/`, without a trailing slash; empty for a relative URL.
    package let base: String
    package let connector: String
    package let kind: GuideKind
    /// The method slug, such as `api-token`.
    package let slug: String
    package let selection: Selection
    /// The selection's stages, in order; empty when it is asked for at once.
    package let stages: [Selection]
    package let constraints: ScopeConstraints
    package let separator: Separator
    package let isWhitelabel: Bool
    package let variables: [String: String]

    /// The longest URL parsed, in bytes: 1 MiB, room for tens of thousands of action ids (browsers
    /// stop at about 2 MB), while a pasted 10 MB string fails at once rather than being scanned.
    package static let maximumLength = 1 << 20

    init(_ request: GuideRequest) {
        base = request.base.hasSuffix("/") ? String(request.base.dropLast()) : request.base
        connector = request.connector.key
        kind = request.kind
        slug = request.method.slug
        selection = request.selection
        stages = request.stages
        constraints = request.constraints
        separator = request.separator
        isWhitelabel = request.isWhitelabel
        variables = request.variables
    }

    /// The path below the base: `/connectors/<key>/guides/<kind>/<slug>`.
    public var path: String { "/connectors/\(connector)/guides/\(kind.pathSegment)/\(slug)" }

    /// The canonical query, without `?`; empty when every parameter has its default.
    public var query: String {
        var parameters: [String] = []
        if !selection.isEmpty {
            parameters.append("actions=" + selection.actions.map { FormEncoding.encodeQueryValue($0.rawValue) }.joined(separator: ","))
        }
        if !stages.isEmpty {
            // Beside `actions=` (their union), so a reader that knows no stages still gets the selection.
            parameters.append("stages=" + stages.map { stage in
                stage.actions.map { Self.stageItem($0.rawValue) }.joined(separator: ",")
            }.joined(separator: ";"))
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

    /// An id as `stages=` writes it: `;` and `,` encoded too, as they separate stages and ids.
    private static func stageItem(_ id: String) -> String {
        let encoded = FormEncoding.encodeQueryValue(id)
        guard encoded.contains(where: { $0 == ";" || $0 == "," }) else { return encoded }
        return encoded.map { $0 == ";" ? "%3B" : $0 == "," ? "%2C" : String($0) }.joined()
    }

    /// The canonical URL.
    public var description: String {
        let query = query
        return base + path + (query.isEmpty ? "" : "?" + query)
    }
}
