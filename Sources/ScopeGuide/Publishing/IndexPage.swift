/// `Output/index.html`: every connector and its guides, built as a cmark document.
struct IndexPage {
    let catalog: Catalog
    let urls: [GuideURL]
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
            for url in urls where url.connector == connector.key {
                guard let method = connector.methods.first(where: { $0.slug == url.slug }) else { continue }
                let stem = "\(url.connector)/\(url.kind.pathSegment)/\(url.slug)"
                let paragraph = list.appendItem().appendParagraph()
                let audience = url.kind == .config ? "link an account" : "connector profile"
                paragraph.appendLink("\(method.label): \(audience)", url: stem + ".html")
                paragraph.appendText(" (")
                paragraph.appendLink("Markdown", url: stem + ".md")
                paragraph.appendText(")")
            }
        }
        return PageShell.html(title: "Connector setup guides", main: document.render(.html), assets: assets)
    }
}
