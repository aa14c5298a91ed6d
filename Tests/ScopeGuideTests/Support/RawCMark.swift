import Ccmark
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// cmark without ScopeGuide's sanitiser: how another CommonMark renderer would read our output.
enum RawCMark {
    /// Descriptions of raw HTML nodes and links or images with unsafe URLs in `markdown`.
    static func htmlNodesAndUnsafeLinks(in markdown: String) -> [String] {
        var text = markdown
        guard let root = text.withUTF8({ bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) }
        }) else { return ["parse failed"] }
        defer { cmark_node_free(root) }
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        var found: [String] = []
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                let literal = String(cString: cmark_node_get_literal(node))
                // cmark's CommonMark renderer writes this comment itself to keep two lists apart;
                // after a nested list it reads back as an inline comment, without the newline.
                if literal != "<!-- end list -->\n", literal != "<!-- end list -->" { found.append("raw HTML: " + literal) }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = String(cString: cmark_node_get_url(node))
                if !URLSafety.isSafe(url) { found.append("unsafe link: " + url) }
            default:
                break
            }
        }
        return found
    }

    struct Counts: Equatable {
        var links = 0, images = 0, headings = 0
    }

    /// How many links, images and headings a CommonMark reader finds in `markdown`.
    static func linksImagesAndHeadings(in markdown: String) -> Counts {
        var text = markdown
        guard let root = text.withUTF8({ bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) }
        }) else { return Counts(links: -1, images: -1, headings: -1) }
        defer { cmark_node_free(root) }
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        var counts = Counts()
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK: counts.links += 1
            case CMARK_NODE_IMAGE: counts.images += 1
            case CMARK_NODE_HEADING: counts.headings += 1
            default: break
            }
        }
        return counts
    }
}
