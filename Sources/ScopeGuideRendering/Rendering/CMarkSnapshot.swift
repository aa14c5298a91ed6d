import Ccmark
import ScopeGuideCore

/// A copy of cmark nodes (a run of siblings and their descendants) as Swift values: everything
/// the two renderers read from a node.
///
/// cmark has no node copy, and a cached tree would have to outlive many documents and be read
/// from many threads, so parsed inline guide text (titles, list items), whose CommonMark depends
/// on the inlines around it, is kept as snapshots and rebuilt node by node
/// (``CMarkNode/append(_:)-(CMarkSnapshot)``), which gives the very tree a fresh parse would.
/// (Block text is spliced as rendered instead; see ``MarkdownFragment``.)
/// Nodes are stored flat, in document order, and copied and rebuilt without recursion, so text
/// nested thousands of levels deep cannot exhaust the stack.
struct CMarkSnapshot: Sendable {
    struct Node: Sendable {
        var type: UInt32
        var literal: String?
        var url: String?
        var title: String?
        var fenceInfo: String?
        var headingLevel: Int32 = 0
        var listType: UInt32 = 0
        var listDelimiter: UInt32 = 0
        var listStart: Int32 = 0
        var listTight: Int32 = 0
        /// How many of the following nodes are this node's children (their own children follow each).
        var childCount = 0
    }

    /// Every copied node, each followed by its descendants.
    private(set) var nodes: [Node] = []
    /// How many of ``nodes`` are top-level siblings.
    private(set) var rootCount = 0

    /// Copies the children of `parent` and their descendants.
    init(childrenOf parentNode: CMarkNode) {
        let parent = parentNode.pointer
        let iterator = cmark_iter_new(parent)
        defer { cmark_iter_free(iterator) }
        var open: [Int] = []  // indices of copied containers whose children are being copied
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator), node != parent else { continue }
            if event == CMARK_EVENT_EXIT {
                open.removeLast()
                continue
            }
            if let container = open.last { nodes[container].childCount += 1 } else { rootCount += 1 }
            nodes.append(Self.copy(node))
            if !Self.isLeaf(cmark_node_get_type(node)) { open.append(nodes.count - 1) }
        }
    }

    /// No nodes.
    init() {}

    /// A single text node.
    init(text: String) {
        nodes = [Node(type: CMARK_NODE_TEXT.rawValue, literal: CMarkNode.cString(text))]
        rootCount = 1
    }

    /// Node types the iterator enters but never exits.
    private static func isLeaf(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE,
            CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
            true
        default:
            false
        }
    }

    private static func copy(_ node: OpaquePointer) -> Node {
        let type = cmark_node_get_type(node)
        var copy = Node(type: type.rawValue)
        func string(_ value: UnsafePointer<CChar>?) -> String? { value.map { String(cString: $0) } }
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            copy.literal = string(cmark_node_get_literal(node))
        case CMARK_NODE_CODE_BLOCK:
            copy.literal = string(cmark_node_get_literal(node))
            copy.fenceInfo = string(cmark_node_get_fence_info(node))
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            copy.url = string(cmark_node_get_url(node))
            copy.title = string(cmark_node_get_title(node))
        case CMARK_NODE_HEADING:
            copy.headingLevel = cmark_node_get_heading_level(node)
        case CMARK_NODE_LIST:
            copy.listType = cmark_node_get_list_type(node).rawValue
            copy.listDelimiter = cmark_node_get_list_delim(node).rawValue
            copy.listStart = cmark_node_get_list_start(node)
            copy.listTight = cmark_node_get_list_tight(node)
        default:
            break
        }
        return copy
    }
}

extension CMarkNode {
    /// Appends nodes rebuilt from `snapshot` under this node. A node cmark does not allow where
    /// it would go (say, a list in a heading) is left out with its descendants, as when parsed
    /// text is adopted.
    func append(_ snapshot: CMarkSnapshot) {
        // For each open parent: its pointer (`nil` if it was left out) and how many children remain.
        var parents: [(pointer: OpaquePointer?, remaining: Int)] = [(pointer, snapshot.rootCount)]
        for node in snapshot.nodes {
            while parents[parents.count - 1].remaining == 0 { parents.removeLast() }
            parents[parents.count - 1].remaining -= 1
            let created = parents[parents.count - 1].pointer.flatMap { Self.make(node, under: $0) }
            parents.append((created, node.childCount))
        }
    }

    private static func make(_ snapshot: CMarkSnapshot.Node, under parent: OpaquePointer) -> OpaquePointer? {
        let type = cmark_node_type(snapshot.type)
        guard let node = cmark_node_new(type) else { fatalError("cmark: out of memory") }
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            cmark_node_set_literal(node, snapshot.literal)
        case CMARK_NODE_CODE_BLOCK:
            cmark_node_set_literal(node, snapshot.literal)
            cmark_node_set_fence_info(node, snapshot.fenceInfo)
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            cmark_node_set_url(node, snapshot.url)
            cmark_node_set_title(node, snapshot.title)
        case CMARK_NODE_HEADING:
            cmark_node_set_heading_level(node, snapshot.headingLevel)
        case CMARK_NODE_LIST:
            cmark_node_set_list_type(node, cmark_list_type(snapshot.listType))
            cmark_node_set_list_delim(node, cmark_delim_type(snapshot.listDelimiter))
            cmark_node_set_list_start(node, snapshot.listStart)
            cmark_node_set_list_tight(node, snapshot.listTight)
        default:
            break
        }
        guard cmark_node_append_child(parent, node) == 1 else {
            cmark_node_free(node)
            return nil
        }
        return node
    }
}
