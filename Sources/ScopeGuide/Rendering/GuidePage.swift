import Foundation

/// The standalone HTML5 page of a tailored guide: inline CSS and script, no external requests.
struct GuidePage {
    let tailored: TailoredGuide
    let url: GuideURL
    let site: Site
    let variables: TextVariables
    /// The connector's and method's page parts, built once per catalogue.
    let shared: Shared
    let cache: RenderCache

    /// What every page of one connector's method shares.
    struct Shared: Sendable {
        var data: PageData.Shared
        var actionRows: [ScopeSelectorPanel.ActionRow]
    }

    func html() -> String {
        let panel = ScopeSelectorPanel(tailored: tailored, url: url, actionRows: shared.actionRows)
        let builder = GuideDocumentBuilder(
            tailored: tailored, url: url, site: site, variables: variables,
            flavor: .html(includeHidden: true, panel: panel.html()), cache: cache)
        let body = builder.render()
        let data = PageData.scriptJSON(shared.data, url: url)
        // Appended piece by piece into one buffer: the page is mostly the 50 KB of inline
        // script and style, which interpolation would copy more than once.
        var page = ""
        page.reserveCapacity(PageAssets.styleElement.utf8.count + PageAssets.scriptElement.utf8.count + body.utf8.count + data.utf8.count + 512)
        page += """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>
            """
        page += HTMLEscaping.escape(builder.title)
        page += "</title>\n"
        page += PageAssets.styleElement
        page += "\n</head>\n<body>\n<main class=\"sg-page\">\n"
        page += body
        page += "</main>\n<script type=\"application/json\" id=\"scopeguide-data\">"
        page += data
        page += "</script>\n"
        page += PageAssets.scriptElement
        page += "\n</body>\n</html>\n"
        return page
    }
}

/// The stylesheet and script that ScopeGuide's pages carry inline, read once from the module's
/// resources.
///
/// Public so that a server can hash the exact inline text for a Content-Security-Policy
/// (``inlineStyle``, ``inlineScript``) or serve the files to pages that embed a guide fragment.
public enum PageAssets {
    /// `guide-page.css`, ending in a newline.
    public static let stylesheet = load("guide-page", "css")
    /// `guide-page.js`, ending in a newline.
    public static let script = load("guide-page", "js")

    /// The exact content of every page's one inline `<style>` element.
    public static var inlineStyle: String { "\n" + stylesheet }
    /// The exact content of the guide page's one executable inline `<script>` element. (Its other
    /// script element holds JSON data, which browsers never execute.)
    public static var inlineScript: String { "\n" + script }

    /// The `<style>` element pages put in their `<head>`.
    static let styleElement = "<style>" + inlineStyle + "</style>"
    /// The `<script>` element guide pages end their `<body>` with.
    static let scriptElement = "<script>" + inlineScript + "</script>"

    private static func load(_ name: String, _ ext: String) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { preconditionFailure("ScopeGuide resource \(name).\(ext) is missing from the bundle") }
        return text.hasSuffix("\n") ? text : text + "\n"
    }
}
