import ScopeGuideCore

/// A short standalone page for an HTTP status: a heading, the message, links to the corrected
/// addresses the error suggests, and a link to the index.
///
/// The message is plain text (an error's `description`, which may quote request values); it
/// reaches the page only as cmark text nodes, so it is always escaped, in HTML and in Markdown. Each line of a multi-line
/// message becomes a list item. The corrections' addresses reach it only as cmark link URLs, which
/// cmark escapes (and would drop were one ever `javascript:`).
package struct StatusPage: Sendable {
    package var status: Int
    /// A few words, such as "Unknown connector".
    package var title: String
    package var message: String
    /// Where the "back" link points; `nil` leaves it out.
    var indexPath: String?
    /// The addresses the error's suggestions lead to (``GuideURLError/corrections(path:query:)``).
    package var corrections: [GuideURLCorrection]

    package init(status: Int, title: String, message: String, indexPath: String? = "/", corrections: [GuideURLCorrection] = []) {
        self.status = status
        self.title = title
        self.message = message
        self.indexPath = indexPath
        self.corrections = corrections
    }

    /// The standalone HTML page.
    package func html() -> String {
        let document = build(linkingIndex: true)
        return PageShell.html(title: "\(status) \(title)", main: document.render(.html))
    }

    /// The same content as CommonMark (for `.md` requests); cmark backslash-escapes the message.
    package func markdown() -> String {
        build(linkingIndex: false).render(.commonMark)
    }

    private func build(linkingIndex: Bool) -> CMarkDocument {
        let document = CMarkDocument()
        let root = document.root
        root.appendHeading(level: 1).appendText("\(status) \(title)")
        let lines = message.split(separator: "\n").map(String.init)
        if lines.count > 1 {
            let list = root.appendList(ordered: false)
            for line in lines { list.appendItem().appendParagraph().appendText(line) }
        } else {
            root.appendParagraph().appendText(message)
        }
        if !corrections.isEmpty {
            root.appendParagraph().appendText(corrections.contains { if case .replace = $0.change { true } else { false } } ? "Did you mean:" : "Instead:")
            let list = root.appendList(ordered: false)
            for correction in corrections {
                let item = list.appendItem().appendParagraph()
                switch correction.change {
                case .replace(let unknown, let suggestion):
                    item.appendLink(suggestion, url: correction.href)
                    item.appendText(" instead of \"\(unknown.abbreviated)\"")
                case .remove(let names):
                    item.appendLink(names.count == 1 ? "Leave \"\(names[0].abbreviated)\" out" : "Leave the \(names.count) unknown names out", url: correction.href)
                }
            }
        }
        if linkingIndex, let indexPath {
            root.appendParagraph().appendLink("All connector guides", url: indexPath)
        }
        return document
    }
}
