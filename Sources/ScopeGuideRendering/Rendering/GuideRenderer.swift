import ScopeGuideCore

/// Renders tailored guides: the library's main entry point after loading.
///
/// ```swift
/// let catalog = try CatalogLoader().load(directory: guides).catalog
/// let renderer = GuideRenderer(catalog: catalog)
/// var request = try catalog.guide(connector: "front")
/// try request.select(["front_send_message"])
/// let markdown = renderer.render(request, as: .markdown)
/// ```
public struct GuideRenderer: Sendable {
    public let tailor: Tailor
    /// The catalogue's guide texts, each parsed once however many guides are rendered.
    let cache: RenderCache

    public init(catalog: Catalog) { self.init(tailor: Tailor(catalog: catalog)) }
    package init(tailor: Tailor) { self.init(tailor: tailor, cache: RenderCache()) }
    private init(tailor: Tailor, cache: RenderCache) {
        self.tailor = tailor
        self.cache = cache
    }

    /// The same renderer with a cache of its own that prepares each guide's texts for Markdown
    /// and HTML at once, for callers that render every guide in both (``SiteBuild``).
    func preparingBothForms() -> GuideRenderer { GuideRenderer(tailor: tailor, cache: RenderCache(preparesBothForms: true)) }

    /// How a rendering is framed: what a page links, and whether Markdown starts with its title.
    package struct Options: Hashable, Sendable {
        /// For ``RenderFormat/html``: whether the page carries its stylesheet and script or
        /// links the shared files (``PageAssets/Placement``).
        package var assets: PageAssets.Placement
        /// For ``RenderFormat/html``: the links of a built site's page (``PageLinks``).
        package var links: PageLinks?
        /// For ``RenderFormat/markdown``: whether the guide starts with its title as a `#`
        /// heading. Leave it out where front matter carries the title, so the page has one H1.
        package var titleHeading: Bool
        /// For ``RenderFormat/markdown``: whether the guide starts with its ``GuideFrontMatter``,
        /// made from the same tailored guide as the body (the title is then the front matter's,
        /// and no `#` heading is written whatever ``titleHeading`` says).
        package var frontMatter: Bool

        package init(assets: PageAssets.Placement = .inline, links: PageLinks? = nil, titleHeading: Bool = true, frontMatter: Bool = false) {
            self.assets = assets
            self.links = links
            self.titleHeading = titleHeading
            self.frontMatter = frontMatter
        }
    }

    /// The guide `request` names, tailored to its selection, grant, refusals, separator,
    /// whitelabel flag and variables.
    /// - Parameters:
    ///   - request: the guide and everything that tailors it.
    ///   - format: Markdown, an HTML page or fragment, or JSON.
    ///   - assets: for ``RenderFormat/html``, whether the page carries its stylesheet and
    ///     script or links the shared files (``PageAssets/Placement``).
    public func render(_ request: GuideRequest, as format: RenderFormat, assets: PageAssets.Placement = .inline) -> String {
        render(request, as: format, options: Options(assets: assets))
    }

    /// The guide `request` names, tailored as ``render(_:as:assets:)`` does, framed by `options`.
    package func render(_ request: GuideRequest, as format: RenderFormat, options: Options) -> String {
        let tailored = tailoredGuide(for: request)
        let url = request.url
        let site = tailor.catalog.site
        let variables = TextVariables(connector: tailored.connector, site: site, isWhitelabel: url.isWhitelabel, customer: url.variables)
        switch format {
        case .markdown:
            var builder = GuideDocumentBuilder(tailored: tailored, url: url, site: site, variables: variables, flavor: .markdown, cache: cache)
            builder.titleHeading = options.titleHeading && !options.frontMatter
            guard options.frontMatter else { return builder.render() }
            return GuideFrontMatter(tailored, site: site, url: url.description).yaml() + builder.render()
        case .fragment:
            let body = GuideDocumentBuilder(tailored: tailored, url: url, site: site, variables: variables, flavor: .html(includeHidden: false, panel: nil), cache: cache)
                .render()
            return "<article class=\"sg-guide\" data-guide-connector=\"\(HTMLEscaping.escape(tailored.connector.key))\">\n\(body)</article>\n"
        case .html:
            let shared = cache.page(connector: tailored.connector.key, method: tailored.method.slug) {
                // The script falls back to the engine's scopes for an empty selection. Shared by
                // every page of the method: its own selection, grant and refusals do not belong here.
                let fullGuide = tailoredGuide(for: request.untailored).resolution.scopes
                let graph = tailor.graph(for: tailored.connector)
                return GuidePage.Shared(
                    data: PageData.Shared(connector: tailored.connector, method: tailored.method, graph: graph, fullGuideScopes: fullGuide),
                    actionRows: ScopeSelectorPanel.actionRows(for: tailored.connector), graph: graph)
            }
            return GuidePage(tailored: tailored, url: url, site: site, variables: variables, shared: shared, cache: cache)
                .html(assets: options.assets, links: options.links)
        case .json:
            return ResolutionReport(tailored, url: url).json()
        case .mdx:
            return MDXPage(tailored: tailored, url: url, site: site, variables: variables).render()
        }
    }

    /// `tailor.guide(for: request)`; for the empty selection (every build, every first page view)
    /// from the cache, as it depends only on the connector, method and kind.
    func tailoredGuide(for request: GuideRequest) -> TailoredGuide {
        guard request.selection.isEmpty, request.constraints.isEmpty else { return tailor.guide(for: request) }
        return cache.untailoredGuide(connector: request.connector.key, method: request.method.slug, kind: request.kind) {
            tailor.guide(for: request)
        }
    }
}
