import Foundation

/// The standalone HTML5 page of a tailored guide: inline CSS and script, no external requests.
struct GuidePage {
    let tailored: TailoredGuide
    let url: GuideURL
    let site: Site
    let variables: TextVariables
    let graph: ScopeGraph
    /// The resolution's scopes for an empty selection, which the script uses when nothing is ticked.
    let fullGuideScopes: [Scope]

    func html() -> String {
        let builder = GuideDocumentBuilder(
            tailored: tailored, url: url, site: site, variables: variables,
            flavor: .html(includeHidden: true, panel: ScopeSelectorPanel(tailored: tailored, url: url).html()))
        let body = builder.build().render(.html)
        let data = PageData(tailored: tailored, url: url, graph: graph, fullGuideScopes: fullGuideScopes).scriptJSON()
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLEscaping.escape(builder.title))</title>
            <style>
            \(PageAssets.stylesheet)</style>
            </head>
            <body>
            <main class="sg-page">
            \(body)</main>
            <script type="application/json" id="scopeguide-data">\(data)</script>
            <script>
            \(PageAssets.script)</script>
            </body>
            </html>

            """
    }
}

/// The page's stylesheet and script, read once from the module's resources.
enum PageAssets {
    static let stylesheet = load("guide-page", "css")
    static let script = load("guide-page", "js")

    private static func load(_ name: String, _ ext: String) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { preconditionFailure("ScopeGuide resource \(name).\(ext) is missing from the bundle") }
        return text.hasSuffix("\n") ? text : text + "\n"
    }
}
