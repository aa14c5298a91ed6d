import Ccmark
import Foundation
import ScopeGuideCore

/// A cmark node tree owned by Swift. With ``CMarkNode``, ``CMarkSnapshot`` and ``CMarkOptions``,
/// the only code that calls the cmark C API: no other file imports `Ccmark`.
///
/// The document owns its root and frees the whole tree in `deinit`. Nodes are always created
/// already attached to the tree (see ``CMarkNode``), so nothing can leak or be freed twice. The
/// type is `~Copyable` and its calls are synchronous, so a tree never has two owners or crosses
/// an `await`.
package struct CMarkDocument: ~Copyable {
    private let pointer: OpaquePointer

    /// An empty document.
    init() {
        guard let pointer = cmark_node_new(CMARK_NODE_DOCUMENT) else { fatalError("cmark: out of memory") }
        self.pointer = pointer
    }

    /// Parses `markdown` (CommonMark) into a document, then makes it safe: raw HTML becomes text
    /// and links with unsafe schemes lose their link (see ``CMarkNode/sanitize()``).
    init(parsing markdown: String, options: CMarkOptions = .default) {
        var text = markdown
        let parsed = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, options.rawValue) }
        }
        guard let parsed else { fatalError("cmark: out of memory") }
        pointer = parsed
        root.sanitize()
    }

    deinit { cmark_node_free(pointer) }

    /// The source of every image in `markdown` as written, before ``CMarkNode/sanitize()`` drops
    /// those no page may load: for `check`, which reports them.
    static func imageSources(in markdown: String) -> [String] {
        var text = markdown
        let parsed = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMarkOptions.default.rawValue) }
        }
        guard let parsed else { fatalError("cmark: out of memory") }
        defer { cmark_node_free(parsed) }
        return CMarkNode.descendants(of: parsed).filter { cmark_node_get_type($0) == CMARK_NODE_IMAGE }.map {
            cmark_node_get_url($0).map { String(cString: $0) } ?? ""
        }
    }

    /// The root node, valid while this document lives.
    var root: CMarkNode { CMarkNode(pointer: pointer) }

    /// When the document ends with a list: its CommonMark rendering with another list after it,
    /// up to and including the `<!-- end list -->` cmark writes between the two so they do not
    /// merge. The added list is removed again. `nil` when the last block is not a list.
    func commonMarkBeforeList() -> String? {
        guard let last = root.lastChild, last.isList else { return nil }
        let sentinel = root.appendList(ordered: false)
        sentinel.appendItem().appendParagraph().appendText("x")
        defer { cmark_node_free(sentinel.pointer) }  // unlinks it too
        let rendered = render(.commonMark)
        guard let marker = rendered.range(of: "<!-- end list -->", options: .backwards) else { return nil }
        return String(rendered[..<marker.upperBound])
    }

    enum Format: String {
        case html
        case commonMark
    }

    /// The tree rendered by cmark: HTML in safe mode, or CommonMark without line wrapping and
    /// without whitespace-only lines.
    ///
    /// cmark's CommonMark renderer writes a container's indentation on the blank lines inside it
    /// too (`1.  **Step**`, then a line of four spaces), which Markdown linters flag (MD009) and
    /// which mean nothing: a line of only spaces and tabs is a blank line to every CommonMark
    /// reader, and inside a list item or block quote the indentation is not content.
    func render(_ format: Format, options: CMarkOptions = .default) -> String {
        let buffer: UnsafeMutablePointer<CChar>? = switch format {
        case .html: cmark_render_html(pointer, options.rawValue)
        case .commonMark: cmark_render_commonmark(pointer, options.rawValue, 0)
        }
        guard let buffer else { fatalError("cmark: out of memory") }
        defer { free(buffer) }
        guard format == .commonMark else { return String(cString: buffer) }
        return Self.withoutWhitespaceOnlyLines(UnsafeBufferPointer(start: buffer, count: strlen(buffer)))
    }

    /// `text` with every line of only spaces and tabs made empty, in one pass over the bytes.
    static func withoutWhitespaceOnlyLines(_ text: UnsafeBufferPointer<CChar>) -> String {
        let space = CChar(UInt8(ascii: " ")), tab = CChar(UInt8(ascii: "\t")), newline = CChar(UInt8(ascii: "\n"))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var lineStart = 0
        while lineStart < text.count {
            var end = lineStart
            while end < text.count, text[end] != newline { end += 1 }
            var blank = true
            for index in lineStart..<end where text[index] != space && text[index] != tab {
                blank = false
                break
            }
            if !blank { for index in lineStart..<end { bytes.append(UInt8(bitPattern: text[index])) } }
            if end < text.count { bytes.append(UInt8(ascii: "\n")) }
            lineStart = end + 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
