import ScopeGuideCore

/// A parsed and sanitised Markdown text as Swift values, for writers that are not cmark's own
/// (the Hub's MDX, ``MDXText``): cmark parses (``CMarkDocument/markdownNodes(parsing:customerValues:)``),
/// and only the `CMark*` files touch its tree.
///
/// Raw HTML is already text here and unsafe links have lost their link, as in every other output.
indirect enum MarkdownNode: Hashable, Sendable {
    // Blocks
    case paragraph([MarkdownNode])
    case heading(level: Int, [MarkdownNode])
    case blockQuote([MarkdownNode])
    /// Each item's blocks.
    case list(ordered: Bool, start: Int, items: [[MarkdownNode]])
    case codeBlock(info: String, code: String)
    case thematicBreak
    // Inlines
    case text(String)
    case code(String)
    case emphasis([MarkdownNode])
    case strong([MarkdownNode])
    case link(url: String, title: String, [MarkdownNode])
    case image(url: String, title: String, alt: [MarkdownNode])
    case softBreak
    case lineBreak

    /// The text a reader sees, formatting dropped: an image's alt text, a break as a space.
    static func plainText(_ nodes: [MarkdownNode]) -> String {
        var text = ""
        for node in nodes {
            switch node {
            case .text(let literal), .code(let literal): text += literal
            case .softBreak, .lineBreak: text += " "
            case .emphasis(let children), .strong(let children), .link(_, _, let children), .image(_, _, let children),
                .paragraph(let children), .heading(_, let children), .blockQuote(let children):
                text += plainText(children)
            case .list(_, _, let items): text += items.map { plainText($0) }.joined(separator: " ")
            case .codeBlock(_, let code): text += code
            case .thematicBreak: break
            }
        }
        return text
    }
}
