/// `Output/index.html`: every connector and its guides, built as a cmark document.
struct IndexPage {
    let catalog: Catalog
    /// Where the page's stylesheet comes from; linked assets are in `assets/` beside it.
    var assets: PageAssets.Placement = .inline

    func html() -> String {
        let document = CMarkDocument()
        let root = document.root
        root.appendHeading(level: 1).appendText("Connector setup guides")
        root.appendParagraph().appendText(
            "Each guide lists every step and scope. Open a guide and select actions to tailor it, then copy the scopes or the dynamic guide URL.")
        for connector in catalog.connectors {
            root.appendHeading(level: 2).appendText(connector.name)
            let list = root.appendList(ordered: false)
            for request in catalog.guides(of: connector) {
                let stem = "\(connector.key)/\(request.kind.pathSegment)/\(request.method.slug)"
                GuideListItem.append(request, page: stem + ".html", markdown: stem + ".md", to: list)
            }
        }
        return PageShell.html(title: "Connector setup guides", main: document.render(.html), assets: assets)
    }
}
