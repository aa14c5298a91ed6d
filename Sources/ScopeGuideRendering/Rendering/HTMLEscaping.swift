import ScopeGuideCore

/// HTML-escapes text for attribute values and generated markup, using cmark's own escaper.
///
/// cmark exposes its escaper only through rendering, so the text is rendered as a text node in a
/// paragraph and the `<p>` wrapper removed. Escapes `&`, `<`, `>` and `"`, which is what
/// double-quoted attributes and element content need.
enum HTMLEscaping {
    /// `text` with `&`, `<`, `>` and `"` replaced by entities; NUL becomes U+FFFD, as cmark does.
    static func escape(_ text: String) -> String {
        // Most scope names and labels need no escaping, and so no cmark call.
        guard text.containsUTF8Byte(where: isSpecial) else { return text }
        let document = CMarkDocument()
        document.root.appendParagraph().appendText(text)
        let html = document.render(.html)
        guard html.hasPrefix("<p>"), html.hasSuffix("</p>\n") else { return "" }
        return String(html[html.utf8.index(html.startIndex, offsetBy: 3)..<html.utf8.index(html.endIndex, offsetBy: -5)])
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), 0: true
        default: false
        }
    }
}
