import ScopeGuideCore

/// One guide's entry on an index page, the same on the built site's and on the server's:
/// "<method>: link an account (Markdown)".
enum GuideListItem {
    /// Appends the entry for `request` to `list`, linking its page and its Markdown (when there
    /// is one); returns the entry's paragraph, for text after it.
    @discardableResult
    static func append(_ request: GuideRequest, page: String, markdown: String?, to list: CMarkNode) -> CMarkNode {
        let paragraph = list.appendItem().appendParagraph()
        let audience = request.kind == .config ? "link an account" : "connector profile"
        paragraph.appendLink("\(request.method.label): \(audience)", url: page)
        if let markdown {
            paragraph.appendText(" (")
            paragraph.appendLink("Markdown", url: markdown)
            paragraph.appendText(")")
        }
        return paragraph
    }
}
