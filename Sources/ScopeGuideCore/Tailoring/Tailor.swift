/// The engine's front door: resolves and tailors guides of a loaded ``Catalog``.
///
/// Holds one `Resolver` per connector, so the scope graph is computed once per catalogue
/// rather than once per request.
public struct Tailor: Sendable {
    package let catalog: Catalog
    private let resolvers: [String: Resolver]
    private let nodeBudget: Int
    private let alternatives: Int

    /// - Parameters:
    ///   - catalog: the loaded guides; a resolver is made for each connector, on every core.
    ///   - nodeBudget: search nodes each resolution may use (`Resolver/nodeBudget`).
    ///   - alternatives: how many equally good answers each resolution also lists
    ///     (`Resolution/alternatives`); 0 for none.
    public init(catalog: Catalog, nodeBudget: Int = 200_000, alternatives: Int = 0) {
        self.catalog = catalog
        self.nodeBudget = nodeBudget
        self.alternatives = alternatives
        // On every core: a site build waited for 500 scope graphs here before rendering anything.
        let made = catalog.connectors.concurrentMap { connector in
            var resolver = Resolver(connector: connector, nodeBudget: nodeBudget)
            resolver.alternativeLimit = alternatives
            return resolver
        }
        resolvers = Dictionary(uniqueKeysWithValues: zip(catalog.connectors.map(\.key), made))
    }

    /// The scope graph of `connector`.
    package func graph(for connector: Connector) -> ScopeGraph { resolver(for: connector).graph }

    /// The catalogue's resolver for `connector`; one of its own for a connector of another
    /// catalogue (a request made elsewhere), rather than a crash.
    private func resolver(for connector: Connector) -> Resolver {
        if let resolver = resolvers[connector.key] { return resolver }
        var resolver = Resolver(connector: connector, nodeBudget: nodeBudget)
        resolver.alternativeLimit = alternatives
        return resolver
    }

    /// The guide `request` names, tailored to its selection, grant and refusals.
    public func guide(for request: GuideRequest) -> TailoredGuide {
        let resolver = resolver(for: request.connector)
        let resolution = resolver.resolve(request.selection, for: request.method, constraints: request.constraints)
        var tailored = TailoredGuide(
            connector: request.connector, method: request.method, kind: request.kind, guide: request.guide, resolution: resolution, graph: resolver.graph)
        if !request.stages.isEmpty {
            tailored.stages = resolver.plan(stages: request.stages, for: request.method, constraints: request.constraints)
        }
        return tailored
    }
}
