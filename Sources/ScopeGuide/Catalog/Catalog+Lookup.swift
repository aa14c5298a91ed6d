extension Catalog {
    /// The URL of `connector`'s guide of `kind` for the method whose slug is `slug` (the first
    /// method with such a guide when `nil`), with nothing selected, based at the site's docs URL.
    /// - Throws: ``GuideURLError`` naming an unknown connector or guide, with suggestions.
    public func guideURL(connector key: String, slug: String? = nil, kind: GuideKind = .config) throws(GuideURLError) -> GuideURL {
        guard let connector = connector(key) else {
            throw .unknownConnector(key, suggestions: NameSuggestions.closest(to: key, in: connectors.map(\.key)))
        }
        let slugs = connector.methods.filter { $0.guides[kind] != nil }.map(\.slug)
        guard let chosen = slug ?? slugs.first, slugs.contains(chosen) else {
            let missing = slug ?? "(none with a \(kind.pathSegment) guide)"
            throw .unknownGuide(missing, connector: key, suggestions: NameSuggestions.closest(to: slug ?? "", in: slugs, limit: slugs.count))
        }
        return GuideURL(base: site.docsBaseURL, connector: key, kind: kind, slug: chosen)
    }
}

extension GuideURL {
    /// Replaces the selection with `ids`, ordered and deduplicated against `connector`.
    /// - Throws: ``GuideURLError/unknownActions(_:connector:)`` naming every unknown id.
    public mutating func select<S: Sequence<ActionID>>(_ ids: S, in connector: Connector) throws(GuideURLError) {
        do {
            selection = try Selection(ids, in: connector)
        } catch {
            switch error {
            case .unknownActions(let unknown, let key): throw .unknownActions(unknown, connector: key)
            }
        }
    }
}
