import Foundation

/// What the guide page's script needs to recompute a tailored guide in the browser, embedded in
/// the page as JSON. Closures are precomputed here so the script needs no wildcard or
/// `includes` logic, only the same minimal search and rules as ``Resolver`` and ``TailoredGuide``.
struct PageData: Encodable {
    struct ActionData: Encodable {
        var id: String
        var label: String
        /// Scope indices; any one alternative, all scopes of it.
        var alternatives: [[Int]]
    }

    var connector: String
    var base: String
    var path: String
    /// Defined scopes in display order, then undefined ones granted through wildcards.
    var scopes: [String]
    var definedCount: Int
    /// For each defined scope, the sorted indices it grants (itself included).
    var closures: [[Int]]
    var actions: [ActionData]
    var defaultScopes: [Int]?
    /// The engine's scopes for an empty selection (defaults, or every required scope).
    var fullGuideScopes: [Int]
    var separator: String
    var whitelabel: Bool
    var variables: [String: String]
    var selection: [String]

    init(tailored: TailoredGuide, url: GuideURL, graph: ScopeGraph, fullGuideScopes: [Scope]) {
        connector = tailored.connector.key
        base = url.base
        path = url.path
        scopes = graph.scopes.map(\.rawValue)
        definedCount = graph.definedCount
        closures = graph.closures.map(\.members)
        actions = tailored.connector.actions.map { action in
            ActionData(id: action.id.rawValue, label: action.label,
                       alternatives: action.requirement.alternatives.map { $0.compactMap(graph.number(of:)) })
        }
        defaultScopes = tailored.method.defaultScopes?.compactMap(graph.number(of:))
        self.fullGuideScopes = fullGuideScopes.compactMap(graph.number(of:))
        separator = url.separator.rawValue
        whitelabel = url.isWhitelabel
        variables = url.variables
        selection = url.selection.actions.map(\.rawValue)
    }

    /// JSON safe inside `<script type="application/json">`: `<`, `>` and `&` are escaped as
    /// `\u003c`… so no text from a guide can close the element.
    func scriptJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
        return json.replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}
