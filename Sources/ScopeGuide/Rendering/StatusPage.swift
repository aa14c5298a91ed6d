/// A short standalone page for an HTTP status: a heading, the message and a link to the index.
///
/// The message is plain text (an error's `description`, which may quote request values); it
/// reaches the page only as cmark text nodes, so it is always escaped, in HTML and in Markdown. Each line of a multi-line
/// message becomes a list item.
public struct StatusPage: Sendable {
    public var status: Int
    /// A few words, such as "Unknown connector".
    public var title: String
    public var message: String
    /// Where the "back" link points; `nil` leaves it out.
    var indexPath: String?

    public init(status: Int, title: String, message: String, indexPath: String? = "/") {
        self.status = status
        self.title = title
        self.message = message
        self.indexPath = indexPath
    }

    /// The standalone HTML page.
    public func html() -> String {
        let document = build(linkingIndex: true)
        return PageShell.html(title: "\(status) \(title)", main: document.render(.html))
    }

    /// The same content as CommonMark (for `.md` requests); cmark backslash-escapes the message.
    public func markdown() -> String {
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
        if linkingIndex, let indexPath {
            root.appendParagraph().appendLink("All connector guides", url: indexPath)
        }
        return document
    }
}
