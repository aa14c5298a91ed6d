import Ccmark
import Foundation
import ScopeGuideCore

/// Reading Markdown as plain text, and finding the inline markup in it, with cmark's own parser
/// (for importers that turn a provider's Markdown descriptions into labels, and for `check`, which
/// warns about Markdown in labels: labels are shown as written, never rendered).
extension CMarkDocument {
    /// Inline markup that changes how text reads when it is rendered: what a plain-text field
    /// such as an action's label shows as literal punctuation.
    enum InlineMarkup: String, Hashable, Sendable, CaseIterable {
        case codeSpan = "a code span"
        case emphasis = "emphasis"
        case strongEmphasis = "strong emphasis"
        case link = "a link"
        case image = "an image"
    }

    /// The text of each paragraph and heading of `markdown`, in document order (a paragraph in a
    /// list item or block quote is one of them): text and code spans as their characters, line
    /// breaks as spaces, links and images as their text, raw HTML tags left out, entities and
    /// backslash escapes decoded. Code blocks and thematic breaks give no text.
    package static func plainTextBlocks(in markdown: String) -> [String] {
        parsed(markdown) { root in
            var blocks: [String] = []
            var current: String?
            let iterator = cmark_iter_new(root)
            defer { cmark_iter_free(iterator) }
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard let node = cmark_iter_get_node(iterator) else { continue }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                    if event == CMARK_EVENT_ENTER {
                        current = ""
                    } else if let text = current {
                        blocks.append(text)
                        current = nil
                    }
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    if let literal = cmark_node_get_literal(node) { current?.append(String(cString: literal)) }
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    current?.append(" ")
                default:
                    break
                }
            }
            return blocks
        }
    }

    /// The kinds of inline markup cmark finds in `markdown`, each once, in the order first met.
    /// Block structure (a leading `1.` or `#`) and raw HTML are not counted: in one line of text
    /// they are far more often ordinary characters than markup. Nor is emphasis whose text starts
    /// with punctuation or a space: asterisks in a path or pattern (`projects/*/secrets/*`) are
    /// emphasis to cmark, but nobody wrote them as such; `*all*`, `**Note:**` and `_id_` count.
    static func inlineMarkup(in markdown: String) -> [InlineMarkup] {
        parsed(markdown) { root in
            var found: [InlineMarkup] = []
            for node in CMarkNode.descendants(of: root) {
                let kind: InlineMarkup? = switch cmark_node_get_type(node) {
                case CMARK_NODE_CODE: .codeSpan
                case CMARK_NODE_EMPH: startsWithWord(node) ? .emphasis : nil
                case CMARK_NODE_STRONG: startsWithWord(node) ? .strongEmphasis : nil
                case CMARK_NODE_LINK: .link
                case CMARK_NODE_IMAGE: .image
                default: nil
                }
                if let kind, !found.contains(kind) { found.append(kind) }
            }
            return found
        }
    }

    /// Whether the emphasis `node` starts with a letter or digit, or with other inline markup.
    private static func startsWithWord(_ node: OpaquePointer) -> Bool {
        guard let child = cmark_node_first_child(node) else { return false }
        guard cmark_node_get_type(child) == CMARK_NODE_TEXT else { return true }
        guard let literal = cmark_node_get_literal(child), let first = String(cString: literal).unicodeScalars.first else { return false }
        return first.properties.isAlphabetic || first.properties.numericType != nil
    }

    /// `body` on the tree cmark parses from `markdown` as written (not sanitized), freed after.
    private static func parsed<Result>(_ markdown: String, _ body: (OpaquePointer) -> Result) -> Result {
        var text = markdown
        let root = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMarkOptions.default.rawValue) }
        }
        guard let root else { fatalError("cmark: out of memory") }
        defer { cmark_node_free(root) }
        return body(root)
    }
}
