/// The engine's front door: resolves and tailors guides of a loaded ``Catalog``.
///
/// Holds one ``Resolver`` per connector, so the scope graph is computed once per catalogue
/// rather than once per request.
public struct Tailor: Sendable {
    public let catalog: Catalog
    private let resolvers: [String: Resolver]
    private let nodeBudget: Int

    public init(catalog: Catalog, nodeBudget: Int = 200_000) {
        self.catalog = catalog
        self.nodeBudget = nodeBudget
        resolvers = Dictionary(uniqueKeysWithValues: catalog.connectors.map {
            ($0.key, Resolver(connector: $0, nodeBudget: nodeBudget))
        })
    }

    /// The scope graph of the connector with `key`.
    func graph(for key: String) -> ScopeGraph? { resolvers[key]?.graph }

    /// The guide `request` names, tailored to its selection, grant and refusals.
    public func guide(for request: GuideRequest) -> TailoredGuide {
        // A request made against another catalogue gets a resolver of its own rather than a crash.
        let resolver = resolvers[request.connector.key] ?? Resolver(connector: request.connector, nodeBudget: nodeBudget)
        let resolution = resolver.resolve(request.selection, for: request.method, constraints: request.constraints)
        return TailoredGuide(
            connector: request.connector, method: request.method, kind: request.kind, guide: request.guide, resolution: resolution, graph: resolver.graph)
    }
}
