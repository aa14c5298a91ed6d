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

    /// Everything before the page's `<main>` content, `<main>` included.
    static func head(title: String, assets: PageAssets.Placement) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLEscaping.escape(title))</title>
        \(PageAssets.styleElement(assets))
        </head>
        <body>
        <main class="sg-page">

        """
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
