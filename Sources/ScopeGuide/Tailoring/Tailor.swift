/// The engine's front door: resolves and tailors guides of a loaded ``Catalog``.
///
/// Holds one ``Resolver`` per connector, so the scope graph is computed once per catalogue
/// rather than once per request.
public struct Tailor: Sendable {
    public let catalog: Catalog
    private let resolvers: [String: Resolver]

    public init(catalog: Catalog, nodeBudget: Int = 200_000) {
        self.catalog = catalog
        resolvers = Dictionary(uniqueKeysWithValues: catalog.connectors.map {
            ($0.key, Resolver(connector: $0, nodeBudget: nodeBudget))
        })
    }

    /// The scope graph of the connector with `key`.
    public func graph(for key: String) -> ScopeGraph? { resolvers[key]?.graph }

    /// The guide `url` names, tailored to its selection.
    /// - Throws: ``GuideURLError`` when `url` names a connector or guide the catalogue lacks.
    public func guide(for url: GuideURL) throws(GuideURLError) -> TailoredGuide {
        guard let resolver = resolvers[url.connector] else {
            throw .unknownConnector(url.connector, suggestions: NameSuggestions.closest(to: url.connector, in: catalog.connectors.map(\.key)))
        }
        let connector = resolver.connector
        guard let method = connector.methods.first(where: { $0.slug == url.slug }), let guide = method.guides[url.kind] else {
            throw .unknownGuide(url.slug, connector: url.connector, suggestions: [])
        }
        let resolution = resolver.resolve(url.selection, for: method, constraints: url.constraints)
        return TailoredGuide(connector: connector, method: method, kind: url.kind, guide: guide, resolution: resolution, graph: resolver.graph)
    }
}
