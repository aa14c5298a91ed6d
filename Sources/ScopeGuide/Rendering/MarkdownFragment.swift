import Ccmark

/// One Markdown text of a guide, parsed and made safe once, in the two forms rendering uses.
///
/// HTML output splices ``html``, cmark's own safe-mode rendering of the sanitised text, as a raw
/// node: HTML rendering of a block or inline run does not depend on what surrounds it here.
/// Markdown output rebuilds ``nodes``, because cmark's CommonMark renderer escapes and chooses
/// delimiters by context (line starts, enclosing emphasis), so spliced text could differ.
struct MarkdownFragment: Sendable {
    enum Kind: Hashable, Sendable {
        /// Block content, such as a section's or step's `content`.
        case block
        /// A title or list item: the inlines of a single paragraph. Text that is not one
        /// paragraph (say `# x`) is kept as plain text.
        case inline
    }

    /// cmark's HTML for the text; for inline text, the paragraph's content without `<p>`.
    let html: String
    /// The top-level nodes (blocks, or the paragraph's inlines) to rebuild in Markdown output.
    let nodes: CMarkSnapshot

    init(_ markdown: String, kind: Kind) {
        let document = CMarkDocument(parsing: markdown)
        let first = cmark_node_first_child(document.root.pointer)
        switch kind {
        case .block:
            nodes = CMarkSnapshot(childrenOf: document.root.pointer)
            html = document.render(.html)
        case .inline:
            if let paragraph = first, cmark_node_next(paragraph) == nil, cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH {
                nodes = CMarkSnapshot(childrenOf: paragraph)
                html = Self.paragraphContent(document.render(.html))
            } else {
                nodes = CMarkSnapshot(text: markdown)
                let text = CMarkDocument()
                text.root.appendParagraph().appendText(markdown)
                html = Self.paragraphContent(text.render(.html))
            }
        }
    }

    /// `<p>…</p>\n` without the tags.
    private static func paragraphContent(_ html: String) -> String {
        guard html.hasPrefix("<p>"), html.hasSuffix("</p>\n") else { return html }
        return String(html.dropFirst(3).dropLast(5))
    }
}
