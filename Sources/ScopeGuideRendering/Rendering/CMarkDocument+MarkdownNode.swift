import Ccmark
import ScopeGuideCore

extension CMarkDocument {
    /// How deep ``markdownNodes(parsing:customerValues:)`` nests: below this, a container's text
    /// stands in for it, so text nested thousands of levels deep (`>>>>…`) cannot exhaust the
    /// stack of the writers that walk the values recursively. Guides nest two or three levels.
    static let maximumNodeDepth = 32

    /// `markdown` parsed and sanitised as every output format parses it, customer values put in
    /// as text (``CustomerText``), as ``MarkdownNode`` values.
    static func markdownNodes(parsing markdown: String, customerValues: [String] = []) -> [MarkdownNode] {
        let document = CMarkDocument(parsing: markdown)
        CustomerText.fill(document.root, with: customerValues)
        return nodes(CMarkSnapshot(childrenOf: document.root))
    }

    /// The snapshot's flat nodes as a tree, built without recursion.
    private static func nodes(_ snapshot: CMarkSnapshot) -> [MarkdownNode] {
        // Each open container: its snapshot node, the children built so far, how many remain.
        var open: [(node: CMarkSnapshot.Node?, children: [MarkdownNode], remaining: Int)] = [(nil, [], snapshot.rootCount)]
        func closeFinished() {
            while open.count > 1, open[open.count - 1].remaining == 0 {
                let finished = open.removeLast()
                let value = finished.node.flatMap { make($0, children: finished.children, depth: open.count) }
                if let value { open[open.count - 1].children.append(value) }
            }
        }
        for node in snapshot.nodes {
            closeFinished()
            open[open.count - 1].remaining -= 1
            open.append((node, [], node.childCount))
            closeFinished()
        }
        closeFinished()
        return open[0].children
    }

    /// One node from its snapshot and its children's values; `nil` for one no writer shows.
    private static func make(_ node: CMarkSnapshot.Node, children: [MarkdownNode], depth: Int) -> MarkdownNode? {
        let isInline = [CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE].contains(cmark_node_type(node.type))
        if depth > maximumNodeDepth {
            let text = MarkdownNode.plainText(children)
            return isInline ? .text(text) : .paragraph([.text(text)])
        }
        switch cmark_node_type(node.type) {
        case CMARK_NODE_PARAGRAPH: return .paragraph(children)
        case CMARK_NODE_HEADING: return .heading(level: Int(node.headingLevel), children)
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote(children)
        case CMARK_NODE_LIST:
            let items = children.map { item -> [MarkdownNode] in
                if case .blockQuote(let blocks) = item { blocks } else { [item] }
            }
            return .list(ordered: cmark_list_type(node.listType) == CMARK_ORDERED_LIST, start: Int(node.listStart), items: items)
        // An item's blocks travel as a block quote until the list takes them (items exist only in lists).
        case CMARK_NODE_ITEM: return .blockQuote(children)
        case CMARK_NODE_CODE_BLOCK: return .codeBlock(info: node.fenceInfo ?? "", code: node.literal ?? "")
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(node.literal ?? "")
        case CMARK_NODE_CODE: return .code(node.literal ?? "")
        case CMARK_NODE_EMPH: return .emphasis(children)
        case CMARK_NODE_STRONG: return .strong(children)
        case CMARK_NODE_LINK: return .link(url: node.url ?? "", title: node.title ?? "", children)
        case CMARK_NODE_IMAGE: return .image(url: node.url ?? "", title: node.title ?? "", alt: children)
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        // Sanitising made raw HTML text; anything else cmark has (custom nodes) no guide text makes.
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: return .text(node.literal ?? "")
        default: return children.isEmpty ? nil : .paragraph(children)
        }
    }
}
