import Ccmark
import Foundation
import ScopeGuideCore

/// A node of a ``CMarkDocument``'s tree, borrowed: valid only while that document lives.
///
/// Every `append…` method creates a node already attached under this one, so the document's
/// owner frees it with the rest of the tree. `pointer` is for the other `CMark*` files only:
/// they are the whole of the code that calls the cmark C API.
struct CMarkNode {
    let pointer: OpaquePointer

    /// Appends a new node of `type` and returns it.
    @discardableResult
    private func append(_ type: cmark_node_type) -> CMarkNode {
        guard let node = cmark_node_new(type) else { fatalError("cmark: out of memory") }
        guard cmark_node_append_child(pointer, node) == 1 else {
            cmark_node_free(node)
            preconditionFailure("cmark cannot nest node type \(type.rawValue) in \(cmark_node_get_type(pointer).rawValue)")
        }
        return CMarkNode(pointer: node)
    }

    func appendParagraph() -> CMarkNode { append(CMARK_NODE_PARAGRAPH) }
    func appendItem() -> CMarkNode { append(CMARK_NODE_ITEM) }
    func appendBlockQuote() -> CMarkNode { append(CMARK_NODE_BLOCK_QUOTE) }
    /// An empty strong emphasis to append inlines to.
    func appendStrong() -> CMarkNode { append(CMARK_NODE_STRONG) }

    /// Whether this is a paragraph; a list.
    var isParagraph: Bool { cmark_node_get_type(pointer) == CMARK_NODE_PARAGRAPH }
    var isList: Bool { cmark_node_get_type(pointer) == CMARK_NODE_LIST }

    var firstChild: CMarkNode? { cmark_node_first_child(pointer).map(CMarkNode.init) }
    var lastChild: CMarkNode? { cmark_node_last_child(pointer).map(CMarkNode.init) }
    var nextSibling: CMarkNode? { cmark_node_next(pointer).map(CMarkNode.init) }

    /// Appends a text node; cmark escapes it in both output formats.
    func appendText(_ literal: String) {
        cmark_node_set_literal(append(CMARK_NODE_TEXT).pointer, Self.cString(literal))
    }

    func appendCode(_ literal: String) {
        cmark_node_set_literal(append(CMARK_NODE_CODE).pointer, Self.cString(literal))
    }

    /// A fenced code block; `info` names its language (cmark writes "``` " for an empty one).
    func appendCodeBlock(_ literal: String, info: String = "text") {
        let block = append(CMARK_NODE_CODE_BLOCK)
        cmark_node_set_fence_info(block.pointer, Self.cString(info))
        cmark_node_set_literal(block.pointer, Self.cString(literal.hasSuffix("\n") ? literal : literal + "\n"))
    }

    func appendStrong(_ text: String) { append(CMARK_NODE_STRONG).appendText(text) }
    func appendEmphasis(_ text: String) { append(CMARK_NODE_EMPH).appendText(text) }

    /// Appends a link whose text is `text`; `url` must be one ScopeGuide built or checked.
    func appendLink(_ text: String, url: String) {
        let link = append(CMARK_NODE_LINK)
        cmark_node_set_url(link.pointer, Self.cString(url))
        link.appendText(text)
    }

    /// A link to an address from the guide sources when it passes `WebAddress/isAllowed(_:)`,
    /// else `text` alone: renderers never link an address the loader would refuse.
    func appendWebLink(_ text: String, url: String) {
        if WebAddress.isAllowed(url) { appendLink(text, url: url) } else { appendText(text) }
    }

    func appendHeading(level: Int32) -> CMarkNode {
        let heading = append(CMARK_NODE_HEADING)
        cmark_node_set_heading_level(heading.pointer, level)
        return heading
    }

    /// An ordered (from 1) or bullet list; a tight list renders its items without `<p>`.
    func appendList(ordered: Bool, tight: Bool = true) -> CMarkNode {
        let list = append(CMARK_NODE_LIST)
        cmark_node_set_list_type(list.pointer, ordered ? CMARK_ORDERED_LIST : CMARK_BULLET_LIST)
        if ordered {
            cmark_node_set_list_start(list.pointer, 1)
            cmark_node_set_list_delim(list.pointer, CMARK_PERIOD_DELIM)
        }
        cmark_node_set_list_tight(list.pointer, tight ? 1 : 0)
        return list
    }

    /// A block whose HTML is `enter`, its children, then `exit`, printed verbatim even in safe
    /// mode: callers build `enter`/`exit` from escaped values only (see ``HTMLEscaping``), or
    /// take them from cmark's own safe rendering. For HTML output only.
    func appendRawBlock(enter: String, exit: String = "") -> CMarkNode {
        let block = append(CMARK_NODE_CUSTOM_BLOCK)
        cmark_node_set_on_enter(block.pointer, Self.cString(enter))
        cmark_node_set_on_exit(block.pointer, Self.cString(exit))
        return block
    }

    /// An inline whose HTML is `html`, printed verbatim even in safe mode: only for HTML that
    /// cmark itself rendered in safe mode (see ``MarkdownFragment``) or built from escaped values.
    func appendRawInline(_ html: String) {
        cmark_node_set_on_enter(append(CMARK_NODE_CUSTOM_INLINE).pointer, Self.cString(html))
    }

    /// Appends block text that cmark's CommonMark renderer itself printed (see
    /// ``MarkdownFragment``), to be printed again verbatim in CommonMark output, with the line
    /// prefixes of the containers it lands in. For CommonMark output only.
    ///
    /// It goes in as a custom inline in a paragraph, which the renderer separates like any block:
    /// a custom block would print its (empty) exit text too, and that flushes an extra blank line.
    func appendRenderedCommonMark(_ text: String) {
        cmark_node_set_on_enter(appendParagraph().append(CMARK_NODE_CUSTOM_INLINE).pointer, Self.cString(text))
    }

    /// cmark takes C strings, which end at the first NUL; keep the rest by replacing NUL with
    /// U+FFFD, as cmark's parser does.
    static func cString(_ text: String) -> String {
        let hasNUL = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
        } ?? text.utf8.contains(0)
        return hasNUL ? text.replacingOccurrences(of: "\0", with: "\u{FFFD}") : text
    }
}
