import Ccmark
import Foundation
import ScopeGuideCore

extension CMarkNode {
    /// Makes parsed guide text under this node safe for both renderers.
    ///
    /// cmark's safe mode protects HTML output only; its CommonMark renderer passes `<script>` and
    /// `javascript:` links through. So before rendering either format: raw HTML (block or inline)
    /// becomes literal text, which both renderers escape, a link whose URL has an unsafe scheme is
    /// replaced by its text, and so is an image whose source is not `https:` (its alt text stays):
    /// pages load images from `https:` hosts only (the server's CSP says `img-src https:`), so
    /// neither format shows one that a page would refuse.
    func sanitize() {
        // Collect first, change after: nodes must not be freed or moved during the walk.
        var rawHTML: [OpaquePointer] = []
        var unsafeLinks: [OpaquePointer] = []
        for node in Self.descendants(of: pointer) {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                rawHTML.append(node)
            case CMARK_NODE_LINK:
                let url = cmark_node_get_url(node).map { UnsafeRawBufferPointer(start: $0, count: strlen($0)) }
                if !URLSafety.isSafe(utf8: url ?? UnsafeRawBufferPointer(start: nil, count: 0)) { unsafeLinks.append(node) }
            case CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { UnsafeRawBufferPointer(start: $0, count: strlen($0)) }
                if !URLSafety.isImageSource(utf8: url ?? UnsafeRawBufferPointer(start: nil, count: 0)) { unsafeLinks.append(node) }
            default:
                break
            }
        }
        for node in rawHTML { Self.replaceWithText(node) }
        for node in unsafeLinks.reversed() { Self.unwrap(node) }
    }

    /// Passes every string under this node through `text` (the literal of text, code and code
    /// blocks, a code block's info string, a link's or image's title) or `url` (a link's or
    /// image's destination), storing the results that differ.
    func rewriteStrings(text: (String) -> String, url: (String) -> String) {
        // Collect first, change after: the walk must not see its own edits.
        for node in Self.descendants(of: pointer) {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                Self.rewrite(cmark_node_get_literal(node), text) { cmark_node_set_literal(node, $0) }
                if cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK {
                    Self.rewrite(cmark_node_get_fence_info(node), text) { cmark_node_set_fence_info(node, $0) }
                }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                Self.rewrite(cmark_node_get_url(node), url) { cmark_node_set_url(node, $0) }
                Self.rewrite(cmark_node_get_title(node), text) { cmark_node_set_title(node, $0) }
            default:
                break
            }
        }
    }

    /// `root` and every node under it, in document order (entered once each).
    static func descendants(of root: OpaquePointer) -> [OpaquePointer] {
        var nodes: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            nodes.append(node)
        }
        return nodes
    }

    private static func rewrite(_ current: UnsafePointer<CChar>?, _ transform: (String) -> String, set: (String) -> Int32) {
        guard let current else { return }
        let old = String(cString: current)
        let new = transform(old)
        if new != old { _ = set(cString(new)) }
    }

    /// Raw HTML becomes a text node (in a paragraph, for blocks) holding the same characters.
    private static func replaceWithText(_ node: OpaquePointer) {
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        guard let text = cmark_node_new(CMARK_NODE_TEXT) else { return }
        if cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK {
            guard let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) else { cmark_node_free(text); return }
            cmark_node_set_literal(text, literal.hasSuffix("\n") ? String(literal.dropLast()) : literal)
            cmark_node_append_child(paragraph, text)
            cmark_node_insert_before(node, paragraph)
        } else {
            cmark_node_set_literal(text, literal)
            cmark_node_insert_before(node, text)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// Moves a link's children (an image's alt text) before it, then frees the emptied node.
    private static func unwrap(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            cmark_node_insert_before(node, child)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }
}
