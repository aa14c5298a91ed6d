import Foundation
import ScopeGuideCore

/// One Markdown text of a guide, parsed and made safe once, in the two forms rendering uses.
///
/// HTML output splices ``html``, cmark's own safe-mode rendering of the sanitised text, as a raw
/// node: HTML rendering of a block or inline run does not depend on what surrounds it here.
///
/// Markdown output splices block text too (``commonMark``): cmark's CommonMark renderer prints a
/// custom block's text through the same line-prefix logic as its own blocks, so inside a list
/// item every line gets the item's indentation, and a block run renders alike wherever it
/// starts (see ``MarkdownFragmentTests``). The one exception is cmark's `<!-- end list -->`
/// separator after a list directly followed by another list, which ``commonMark(beforeList:)``
/// adds. Inline text is rebuilt from ``nodes``: its escaping depends on the enclosing inlines.
struct MarkdownFragment: Sendable {
    enum Kind: Hashable, Sendable {
        /// Block content, such as a section's or step's `content`.
        case block
        /// A title or list item: the inlines of a single paragraph. Text that is not one
        /// paragraph (say `# x`) is kept as plain text.
        case inline
    }

    /// The output formats a fragment is made for: each costs a cmark rendering, and a render of
    /// one format needs nothing of the other.
    struct Forms: OptionSet, Hashable, Sendable {
        let rawValue: UInt8
        /// ``html``.
        static let html = Forms(rawValue: 1)
        /// ``nodes`` and ``commonMark(beforeList:)``.
        static let markdown = Forms(rawValue: 2)
        static let both: Forms = [.html, .markdown]
    }

    /// cmark's HTML for the text; for inline text, the paragraph's content without `<p>`.
    /// Empty unless made for ``Forms/html``.
    let html: String
    /// For inline text, the paragraph's inlines to rebuild in Markdown output; none for block
    /// text, which is spliced (``commonMark(beforeList:)``).
    let nodes: CMarkSnapshot
    /// For block text: cmark's CommonMark rendering without its final newline; empty for inline text.
    private let commonMark: String
    /// The same when a list follows; `nil` unless the text ends with a list, which cmark then
    /// closes with `<!-- end list -->` (after a blank line or not, depending on the last item).
    private let commonMarkBeforeList: String?

    /// Parses `markdown`, then puts `customerValues` in as text where their placeholders are
    /// (see ``CustomerText``), and makes the `forms` asked for.
    init(_ markdown: String, kind: Kind, customerValues: [String] = [], forms: Forms = .both) {
        let document = CMarkDocument(parsing: markdown)
        CustomerText.fill(document.root, with: customerValues)
        let first = document.root.firstChild
        let makesHTML = forms.contains(.html), makesMarkdown = forms.contains(.markdown)
        switch kind {
        case .block:
            nodes = CMarkSnapshot()
            html = makesHTML ? Self.lazyImages(document.render(.html)) : ""
            // An empty document renders as "\n"; a rendering always ends with one newline.
            let rendered = first == nil || !makesMarkdown ? "" : document.render(.commonMark)
            commonMark = rendered.hasSuffix("\n") ? String(rendered[..<rendered.utf8.index(before: rendered.utf8.endIndex)]) : rendered
            commonMarkBeforeList = makesMarkdown ? document.commonMarkBeforeList() : nil
        case .inline:
            commonMark = ""
            commonMarkBeforeList = nil
            if let paragraph = first, paragraph.nextSibling == nil, paragraph.isParagraph {
                nodes = makesMarkdown ? CMarkSnapshot(childrenOf: paragraph) : CMarkSnapshot()
                html = makesHTML ? Self.lazyImages(Self.paragraphContent(document.render(.html))) : ""
            } else {
                let plain = CustomerText.filling(markdown, with: customerValues, CustomerText.asText)
                nodes = makesMarkdown ? CMarkSnapshot(text: plain) : CMarkSnapshot()
                if makesHTML {
                    let text = CMarkDocument()
                    text.root.appendParagraph().appendText(plain)
                    html = Self.paragraphContent(text.render(.html))
                } else {
                    html = ""
                }
            }
        }
    }

    /// The block text as cmark's CommonMark renderer prints it in a document, for splicing as a
    /// custom block; `beforeList`: the next sibling will be a list, after which cmark separates
    /// a final list with `<!-- end list -->` so the two do not merge. Empty for empty text.
    func commonMark(beforeList: Bool) -> String {
        beforeList ? commonMarkBeforeList ?? commonMark : commonMark
    }

    /// cmark's `<img src="…" alt="…" />` with `loading="lazy"`, so a guide full of screenshots
    /// loads those below the fold only when read. cmark writes `<img src="` for image nodes only:
    /// text, code and (sanitised) raw HTML have their `<` escaped, so nothing else can match.
    static func lazyImages(_ html: String) -> String {
        guard var found = html.firstUTF8Range(of: imageStart) else { return html }
        var result = "", rest = html[...]
        while true {
            result += rest[..<found.lowerBound]
            result += "<img loading=\"lazy\" src=\""
            rest = rest[found.upperBound...]
            guard let next = rest.firstUTF8Range(of: imageStart) else { break }
            found = next
        }
        return result + rest
    }

    private static let imageStart = "<img src=\""

    /// `<p>…</p>\n` without the tags.
    private static func paragraphContent(_ html: String) -> String {
        guard html.hasPrefix("<p>"), html.hasSuffix("</p>\n") else { return html }
        // By bytes: the tags are ASCII, and counting characters from the end walks the whole text.
        return String(html[html.utf8.index(html.startIndex, offsetBy: 3)..<html.utf8.index(html.endIndex, offsetBy: -5)])
    }
}
