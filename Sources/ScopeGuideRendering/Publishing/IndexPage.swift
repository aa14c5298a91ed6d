import ScopeGuideCore

/// The built site's `index.html`: every connector and its guides, built as a cmark document,
/// each guide linked where `SiteLayout` puts it.
struct IndexPage {
    let catalog: Catalog
    /// Every guide, in build order, with the base its dynamic URL has on this site.
    let guides: [GuideRequest]
    let layout: SiteLayout
    /// Whether each entry links the guide's Markdown too (a build that writes it).
    var linksMarkdown = true
    /// Where the page's stylesheet comes from; linked assets are in `assets/` beside it.
    var assets: PageAssets.Placement = .inline

    static let title = "Connector setup guides"
    static let description = "Setup guides for every connector: the scopes to grant and the steps to follow, tailored to the actions you select."

    func html() -> String {
        let document = CMarkDocument()
        let root = document.root
        root.appendHeading(level: 1).appendText(Self.title)
        root.appendParagraph().appendText(
            "Each guide lists every step and scope. Open a guide and select actions to tailor it, then copy the scopes or the dynamic guide URL.")
        let byConnector = Dictionary(grouping: guides, by: \.connector.key)
        for connector in catalog.connectors {
            guard let requests = byConnector[connector.key] else { continue }
            root.appendHeading(level: 2).appendText(connector.name)
            let list = root.appendList(ordered: false)
            for request in requests {
                let markdown = linksMarkdown ? layout.link(to: SiteLayout.path(of: request, format: .markdown), from: SiteLayout.indexPath) : nil
                GuideListItem.append(request, page: layout.pageLink(to: request, from: SiteLayout.indexPath), markdown: markdown, to: list)
            }
        }
        var page = PageShell.head(title: Self.title, description: Self.description, assets: assets) + document.render(.html)
        PageShell.appendFoot(to: &page)
        return page
    }
}
