/// The HTML5 document around a generated page body: charset, viewport, title and the
/// stylesheet, the same for every page (guides, indexes, status pages), so every page shares one
/// `<style>` (and one Content-Security-Policy hash).
enum PageShell {
    /// `main` is markup cmark rendered (or markup built from escaped values only).
    static func html(title: String, main: String, assets: PageAssets.Placement = .inline) -> String {
        head(title: title, assets: assets) + main + foot()
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

    /// Everything after the `<main>` content: `scripts` (complete elements, each line ending in a
    /// newline) go between `</main>` and `</body>`.
    static func foot(scripts: String = "") -> String {
        "</main>\n" + scripts + "</body>\n</html>\n"
    }
}
