/// Renders tailored guides: the library's main entry point after loading.
///
/// ```swift
/// let catalog = try CatalogLoader().load(directory: guides).catalog
/// let renderer = GuideRenderer(catalog: catalog)
/// var url = try catalog.guideURL(connector: "front")
/// try url.select(["front_send_message"], in: catalog.connector("front")!)
/// let markdown = try renderer.render(url, as: .markdown)
/// ```
public struct GuideRenderer: Sendable {
    public let tailor: Tailor
    /// The catalogue's guide texts, each parsed once however many guides are rendered.
    let cache = RenderCache()

    public init(catalog: Catalog) { tailor = Tailor(catalog: catalog) }
    public init(tailor: Tailor) { self.tailor = tailor }

    /// The guide `url` names, tailored to its selection, separator, whitelabel flag and variables.
    /// - Throws: ``GuideURLError`` for an unknown connector, guide or variable, or a variable value
    ///   that fails its pattern.
    /// - Parameter assets: for ``RenderFormat/html``, whether the page carries its stylesheet and
    ///   script or links the shared files (``PageAssets/Placement``).
    public func render(_ url: GuideURL, as format: RenderFormat, assets: PageAssets.Placement = .inline) throws(GuideURLError) -> String {
        let tailored = try tailoredGuide(for: url)
        var checked = url
        try checked.setVariables(url.variables, for: tailored.connector)
        let site = tailor.catalog.site
        let variables = TextVariables(connector: tailored.connector, site: site, isWhitelabel: url.isWhitelabel, customer: url.variables)
        switch format {
        case .markdown:
            return GuideDocumentBuilder(tailored: tailored, url: url, site: site, variables: variables, flavor: .markdown, cache: cache)
                .render()
        case .fragment:
            let body = GuideDocumentBuilder(tailored: tailored, url: url, site: site, variables: variables, flavor: .html(includeHidden: false, panel: nil), cache: cache)
                .render()
            return "<article class=\"sg-guide\" data-guide-connector=\"\(HTMLEscaping.escape(tailored.connector.key))\">\n\(body)</article>\n"
        case .html:
            let shared = try cache.page(connector: tailored.connector.key, method: tailored.method.slug) { () throws(GuideURLError) in
                // The script falls back to the engine's scopes for an empty selection.
                var untailored = url
                untailored.selection = .none
                // Shared by every page of the method: its own grant and refusals do not belong here.
                untailored.constraints = .none
                let fullGuide = try tailoredGuide(for: untailored).resolution.scopes
                let graph = tailor.graph(for: tailored.connector.key)!
                return GuidePage.Shared(
                    data: PageData.Shared(connector: tailored.connector, method: tailored.method, graph: graph, fullGuideScopes: fullGuide),
                    actionRows: ScopeSelectorPanel.actionRows(for: tailored.connector), graph: graph)
            }
            return GuidePage(tailored: tailored, url: url, site: site, variables: variables, shared: shared, cache: cache).html(assets: assets)
        case .json:
            return ResolutionReport(tailored, url: url).json()
        }
    }

    /// `tailor.guide(for: url)`; for the empty selection (every build, every first page view)
    /// from the cache, as it depends only on the connector, method and kind.
    private func tailoredGuide(for url: GuideURL) throws(GuideURLError) -> TailoredGuide {
        guard url.selection.isEmpty, url.constraints.isEmpty else { return try tailor.guide(for: url) }
        return try cache.untailoredGuide(connector: url.connector, method: url.slug, kind: url.kind) { () throws(GuideURLError) in
            try tailor.guide(for: url)
        }
    }
}
