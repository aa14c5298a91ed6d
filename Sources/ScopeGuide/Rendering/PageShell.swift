/// The HTML5 document around a generated page body: charset, viewport, title and the inline
/// stylesheet, so every page shares one `<style>` (and one Content-Security-Policy hash).
enum PageShell {
    /// `main` is markup cmark rendered (or markup built from escaped values only).
    static func html(title: String, main: String, assets: PageAssets.Placement = .inline) -> String {
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
        \(main)</main>
        </body>
        </html>

        """
    }
}
