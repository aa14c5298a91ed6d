extension Catalog {
    /// The request for `connector`'s guide of `kind` for the method whose slug is `slug` (the
    /// first method with such a guide when `nil`): the full guide, based at the site's docs URL.
    /// The one lookup of a guide by name; every command, route and page goes through it.
    /// - Throws: ``GuideURLError`` naming an unknown connector or guide, with the closest names.
    public func guide(connector key: String, slug: String? = nil, kind: GuideKind = .config) throws(GuideURLError) -> GuideRequest {
        guard let connector = connector(key) else { throw unknownConnector(key) }
        return try guide(of: connector, slug: slug, kind: kind)
    }

    /// ``guide(connector:slug:kind:)`` for a guide kind written as in a URL path
    /// (`link-account` or `connector-profile`): what a dynamic guide URL and a server route name.
    /// - Throws: ``GuideURLError/unknownGuideKind(_:)`` after an unknown connector, so a typo in the
    ///   key is reported first, as it is the likelier mistake.
    package func guide(connector key: String, pathSegment: String, slug: String) throws(GuideURLError) -> GuideRequest {
        guard let connector = connector(key) else { throw unknownConnector(key) }
        return try guide(of: connector, pathSegment: pathSegment, slug: slug)
    }

    /// ``guide(connector:pathSegment:slug:)`` for a connector already looked up with
    /// ``connector(_:)`` (it must be this catalogue's): the server looks the connector up once,
    /// to estimate a request's work, and names the guide with that same connector.
    /// - Throws: ``GuideURLError/unknownGuideKind(_:)`` or ``GuideURLError/unknownGuide(_:connector:suggestions:)``.
    package func guide(of connector: Connector, pathSegment: String, slug: String) throws(GuideURLError) -> GuideRequest {
        guard let kind = GuideKind(pathSegment: pathSegment) else { throw .unknownGuideKind(pathSegment) }
        return try guide(of: connector, slug: slug, kind: kind)
    }

    /// The guide of `kind` of `connector`'s method `slug` (the first with such a guide when `nil`).
    private func guide(of connector: Connector, slug: String?, kind: GuideKind) throws(GuideURLError) -> GuideRequest {
        let methods = connector.methods.filter { $0.guides[kind] != nil }
        guard let method = slug.map({ slug in methods.first { $0.slug == slug } }) ?? methods.first, let guide = method.guides[kind] else {
            let slugs = methods.map(\.slug)
            let missing = slug ?? "(none with a \(kind.pathSegment) guide)"
            throw .unknownGuide(missing, connector: connector.key, suggestions: NameSuggestions.closest(to: slug ?? "", in: slugs, limit: slugs.count))
        }
        return GuideRequest(connector: connector, method: method, kind: kind, guide: guide, base: site.docsBaseURL)
    }

    /// The error for a connector key this catalogue does not have, with the closest keys.
    package func unknownConnector(_ key: String) -> GuideURLError {
        .unknownConnector(key, suggestions: NameSuggestions.closest(to: key, in: connectors.map(\.key)))
    }

    /// A request for each guide of the catalogue: connectors by key, then ``guides(of:)``.
    public var allGuides: [GuideRequest] { connectors.flatMap(guides(of:)) }

    /// A request for each guide of `connector` (one of this catalogue's): methods in file order,
    /// link-account before connector-profile.
    public func guides(of connector: Connector) -> [GuideRequest] {
        connector.methods.flatMap { method in
            GuideKind.allCases.compactMap { kind in
                method.guides[kind].map { GuideRequest(connector: connector, method: method, kind: kind, guide: $0, base: site.docsBaseURL) }
            }
        }
    }
}
