import Foundation
import ScopeGuideCore

/// The HTML5 page of a tailored guide: inline CSS and script, no external requests (a page that
/// stands alone), or linking the shared, content-hashed asset files (a built site, where every
/// page would otherwise repeat the same 50 KB).
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
        var actionRows: ScopeSelectorPanel.ActionRows
        /// Numbers the resolution's scopes for the page data.
        var graph: ScopeGraph
    }

    func html(assets: PageAssets.Placement = .inline, links: PageLinks? = nil) -> String {
        let panel = ScopeSelectorPanel(tailored: tailored, url: url, actionRows: shared.actionRows, graph: shared.graph)
        let builder = GuideDocumentBuilder(
            tailored: tailored, url: url, site: site, variables: variables,
            flavor: .html(includeHidden: true, panel: panel.html()), cache: cache)
        let body = builder.render()
        let data = PageData.scriptJSON(shared.data, url: url, resolution: tailored.resolution, graph: shared.graph)
        // Appended piece by piece into one buffer: the page is mostly the 50 KB of inline
        // script and style, which interpolation would copy more than once.
        var page = ""
        page.reserveCapacity(PageAssets.inlineStyleElement.utf8.count + PageAssets.inlineScriptElement.utf8.count + body.utf8.count + data.utf8.count + 512)
        let headline = GuideHeadline(tailored, site: site, isWhitelabel: url.isWhitelabel)
        page += PageShell.head(title: headline.title, description: headline.description, links: links, assets: assets)
        page += body
        PageShell.appendFoot(to: &page, scripts: "<script type=\"application/json\" id=\"scopeguide-data\">", data, "</script>\n", PageAssets.scriptElement(assets), "\n")
        return page
    }
}

/// The stylesheet and script that ScopeGuide's pages carry inline, read once from the module's
/// resources.
///
/// Shared so that a server can hash the exact inline text for a Content-Security-Policy
/// (`inlineStyle`, `inlineScript`) or serve the files to pages that embed a guide fragment.
public enum PageAssets {
    /// `guide-page.css`, ending in a newline.
    package static let stylesheet = load("guide-page", "css")
    /// The page's one script, ending in a newline: the engine (`guide-engine.js`, pure, which Node
    /// loads alone to check it against Swift) followed by the DOM glue (`guide-page.js`). One
    /// file, so a page makes one request and a CSP hashes one inline text.
    package static let script = load("guide-engine", "js") + load("guide-page", "js")

    /// The exact content of every page's one inline `<style>` element.
    package static var inlineStyle: String { "\n" + stylesheet }
    /// The exact content of the guide page's one executable inline `<script>` element. (Its other
    /// script element holds JSON data, which browsers never execute.)
    package static var inlineScript: String { "\n" + script }

    /// Where a page gets its stylesheet and script.
    public enum Placement: Hashable, Sendable {
        /// In the page: it works alone, from any folder, under a CSP that hashes the inline text.
        case inline
        /// From the stylesheet and script files in the folder at `prefix`, relative to
        /// the page (`../../assets/` for a built guide), so a site holds them once.
        case linked(prefix: String)
    }

    /// `guide-page.<hash>.css`: the first 16 hex digits of the stylesheet's SHA-256, so the name
    /// changes whenever the content does and the file can be cached for good.
    package static let styleFileName = "guide-page.\(contentHash(stylesheet)).css"
    /// `guide-page.<hash>.js`, named as ``styleFileName``.
    package static let scriptFileName = "guide-page.\(contentHash(script)).js"

    static let inlineStyleElement = "<style>" + inlineStyle + "</style>"
    static let inlineScriptElement = "<script>" + inlineScript + "</script>"

    /// The `<style>` or `<link>` element pages put in their `<head>`.
    static func styleElement(_ placement: Placement) -> String {
        switch placement {
        case .inline: inlineStyleElement
        case .linked(let prefix): "<link rel=\"stylesheet\" href=\"\(HTMLEscaping.escape(prefix + styleFileName))\">"
        }
    }

    /// The `<script>` element guide pages end their `<body>` with.
    static func scriptElement(_ placement: Placement) -> String {
        switch placement {
        case .inline: inlineScriptElement
        case .linked(let prefix): "<script src=\"\(HTMLEscaping.escape(prefix + scriptFileName))\"></script>"
        }
    }

    private static func contentHash(_ text: String) -> String {
        ContentHash.hex(of: text, bytes: 8)
    }

    private static func load(_ name: String, _ ext: String) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { preconditionFailure("ScopeGuide resource \(name).\(ext) is missing from the bundle") }
        return text.hasSuffix("\n") ? text : text + "\n"
    }
}
