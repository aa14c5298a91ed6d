import Ccmark
import Foundation

/// Makes parsed guide text safe for both renderers.
///
/// cmark's safe mode protects HTML output only; its CommonMark renderer passes `<script>` and
/// `javascript:` links through. So before rendering either format: raw HTML (block or inline)
/// becomes literal text, which both renderers escape, a link whose URL has an unsafe scheme is
/// replaced by its text, and so is an image whose source is not `https:` (its alt text stays):
/// pages load images from `https:` hosts only (the server's CSP says `img-src https:`), so
/// neither format shows one that a page would refuse.
enum MarkdownSanitizer {
    static func sanitize(_ root: OpaquePointer) {
        // Collect first, change after: nodes must not be freed or moved during the walk.
        var rawHTML: [OpaquePointer] = []
        var unsafeLinks: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
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
        for node in rawHTML { replaceWithText(node) }
        for node in unsafeLinks.reversed() { unwrap(node) }
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
