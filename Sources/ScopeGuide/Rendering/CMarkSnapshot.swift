import Ccmark

/// A cmark subtree copied into Swift values: everything the two renderers read from a node.
///
/// cmark has no node copy, and a cached tree would have to outlive many documents and be read
/// from many threads, so parsed guide text is kept as snapshots and rebuilt node by node
/// (``CMarkNode/append(_:)-(CMarkSnapshot)``), which gives the very tree a fresh parse would.
struct CMarkSnapshot: Hashable, Sendable {
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
    var children: [CMarkSnapshot] = []

    /// Copies `node` and its descendants.
    init(_ node: OpaquePointer) {
        let nodeType = cmark_node_get_type(node)
        type = nodeType.rawValue
        func string(_ value: UnsafePointer<CChar>?) -> String? { value.map { String(cString: $0) } }
        switch nodeType {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            literal = string(cmark_node_get_literal(node))
        case CMARK_NODE_CODE_BLOCK:
            literal = string(cmark_node_get_literal(node))
            fenceInfo = string(cmark_node_get_fence_info(node))
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            url = string(cmark_node_get_url(node))
            title = string(cmark_node_get_title(node))
        case CMARK_NODE_HEADING:
            headingLevel = cmark_node_get_heading_level(node)
        case CMARK_NODE_LIST:
            listType = cmark_node_get_list_type(node).rawValue
            listDelimiter = cmark_node_get_list_delim(node).rawValue
            listStart = cmark_node_get_list_start(node)
            listTight = cmark_node_get_list_tight(node)
        default:
            break
        }
        var child = cmark_node_first_child(node)
        while let current = child {
            children.append(CMarkSnapshot(current))
            child = cmark_node_next(current)
        }
    }

    /// A text node.
    init(text: String) {
        type = CMARK_NODE_TEXT.rawValue
        literal = CMarkNode.cString(text)
    }
}

extension CMarkNode {
    /// Appends a node rebuilt from `snapshot`, with its descendants. A node cmark does not allow
    /// here (say, a list in a heading) is left out, as when parsed text is adopted.
    func append(_ snapshot: CMarkSnapshot) {
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
        guard cmark_node_append_child(pointer, node) == 1 else {
            cmark_node_free(node)
            return
        }
        let appended = CMarkNode(pointer: node)
        for child in snapshot.children { appended.append(child) }
    }
}
