import ScopeGuideCore

/// The HTML5 document around a generated page body: charset, viewport, title and the
/// stylesheet, the same for every page (guides, indexes, status pages), so every page shares one
/// `<style>` (and one Content-Security-Policy hash).
enum PageShell {
    /// `main` is markup cmark rendered (or markup built from escaped values only).
    static func html(title: String, main: String, assets: PageAssets.Placement = .inline) -> String {
        var page = head(title: title, assets: assets) + main
        appendFoot(to: &page)
        return page
    }

    /// Everything before the page's `<main>` content, `<main>` included: with `description`, a
    /// meta description (search results and link previews show it); with `links`, the canonical
    /// address in the head and a link back to the site's index as the first line of `<main>`.
    static func head(title: String, description: String? = nil, links: PageLinks? = nil, assets: PageAssets.Placement) -> String {
        var head = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLEscaping.escape(title))</title>

            """
        if let description { head += "<meta name=\"description\" content=\"\(HTMLEscaping.escape(description))\">\n" }
        if let links { head += "<link rel=\"canonical\" href=\"\(HTMLEscaping.escape(links.canonical))\">\n" }
        head += PageAssets.styleElement(assets) + "\n</head>\n<body>\n<main class=\"sg-page\">\n"
        if let links { head += "<p class=\"sg-nav\"><a href=\"\(HTMLEscaping.escape(links.index))\">All connector setup guides</a></p>\n" }
        return head
    }

    /// Closes `page`: the end of `<main>`, then `scripts` (complete elements whose pieces, joined,
    /// end each line in a newline), then the end of the document. Appended piece by piece: an
    /// inline page's script is 50 KB, and building the end as a string of its own copied it
    /// twice more.
    static func appendFoot(to page: inout String, scripts: String...) {
        page += "</main>\n"
        for script in scripts { page += script }
        page += "</body>\n</html>\n"
    }
}
