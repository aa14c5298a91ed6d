import ScopeGuideCore

extension PageReader {
    /// Inline elements, converted to Markdown; anything else inside text is reported.
    static let inlineElements: Set<String> = ["strong", "b", "em", "i", "code", "a", "img", "br"]

    /// Where `<br />` was, until ``inlineMarkdown(_:in:lineBreaks:)`` decides what it becomes:
    /// a private-use character, which no page text holds (``MarkupParser`` keeps text as written,
    /// and the reader reports nothing in that range, so one in a page would also only become a break).
    private static let lineBreak: Character = "\u{E000}"

    /// `nodes` as one line of Markdown: `<strong>` → `**…**`, `<em>` → `*…*`, `<code>` → a code
    /// span, `<a href>` → `[…](…)` (a link inside a link's text keeps only its text), `<img>` →
    /// `![alt](src)`; text is entity-decoded and its whitespace collapsed, as a browser shows it.
    /// `<br />` is a hard line break (backslash, newline) where `lineBreaks` allows it (paragraphs
    /// and list items), else a space. `parent` names the context in messages.
    mutating func inlineMarkdown(_ nodes: [MarkupNode], in parent: MarkupElement, lineBreaks: Bool = false) -> String {
        let text = collapsed(nodes.map { inline($0, in: parent) }.joined())
        guard text.contains(Self.lineBreak) else { return text }
        // A break at either end of the text breaks nothing; CommonMark would show its backslash.
        let parts = text.split(separator: Self.lineBreak).map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
        return parts.joined(separator: lineBreaks ? "\\\n" : " ")
    }

    private mutating func inline(_ node: MarkupNode, in parent: MarkupElement) -> String {
        switch node {
        case .text(let text, let line):
            return textMarkdown(text, line: line)
        case .element(let element):
            switch element.name {
            case "strong", "b":
                checkAttributes(element, allowed: [])
                return wrapped(element, marker: "**")
            case "em", "i":
                checkAttributes(element, allowed: [])
                return wrapped(element, marker: "*")
            case "code":
                checkAttributes(element, allowed: [])
                return codeSpan(collapsed(HTMLEntities.decode(rawText(element))))
            case "a":
                checkAttributes(element, allowed: ["href", "target", "rel"])
                guard let href = element.attribute("href"), !href.isEmpty else {
                    report(element.line, .missingAttribute("href", element: "a"))
                    return inlineMarkdown(element.children, in: element)
                }
                return "[" + Self.withoutLinks(inlineMarkdown(element.children, in: element)) + "](" + Self.linkDestination(href) + ")"
            case "img":
                return image(element, title: nil)
            case "br":
                return String(Self.lineBreak)
            default:
                return unconverted(element, context: parent.name == "li" ? "a list item" : "text")
            }
        }
    }

    /// `![alt](src "title")` for an `<img>`: the alt text (entity-decoded by the parser) escaped,
    /// a site-relative source made absolute on the docs host the pages come from. A source the
    /// renderer will not show (anything but `https:`) is kept and reported, so the guide's author
    /// sees it in `check` too.
    mutating func image(_ element: MarkupElement, title: String?) -> String {
        checkAttributes(element, allowed: ["src", "alt", "title", "width", "height", "className", "style", "noZoom"])
        guard let raw = element.attribute("src")?.trimmingWhitespace, !raw.isEmpty else {
            report(element.line, .missingAttribute("src", element: element.name))
            return ""
        }
        let source = raw.hasPrefix("/") && !raw.hasPrefix("//") ? Self.pageHost + raw : raw
        if !source.lowercased().hasPrefix("https://") { report(element.line, .imageNotShown(source)) }
        let alt = Self.escaped(collapsed(element.attribute("alt") ?? ""))
        let caption = (element.attribute("title") ?? title).map(collapsed).flatMap { $0.isEmpty ? nil : $0 }
        let titlePart = caption.map { " \"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" } ?? ""
        return "![" + alt + "](" + Self.linkDestination(source) + titlePart + ")"
    }

    /// The host StackOne's guide pages are published on: their site-relative links and images
    /// (`/images/…`) are on it.
    static let pageHost = "https://docs.stackone.com"

    /// A link or image destination as Markdown writes it: in `<…>` when it has spaces or parentheses.
    static func linkDestination(_ url: String) -> String {
        url.contains(where: { $0.isWhitespace || $0 == "(" || $0 == ")" }) ? "<\(url)>" : url
    }

    /// Link text with any link in it reduced to its own text: CommonMark does not nest links,
    /// so `<a href="X">[X](X)</a>` would show its inner brackets literally.
    static func withoutLinks(_ markdown: String) -> String {
        markdown.replacingOccurrences(of: #"(?<![\\!])\[((?:[^\[\]\\]|\\.)*)\]\((?:<[^>]*>|[^()\s]*)\)"#, with: "$1", options: .regularExpression)
    }

    /// Markup the importer cannot convert: an error naming it, or with `lenient`, its text kept
    /// (escaped) and a warning.
    mutating func unconverted(_ element: MarkupElement, context: String) -> String {
        guard lenient else {
            reportUnexpected(element, context: context)
            return ""
        }
        report(element.line, .unconvertedMarkupKept(element.name))
        return Self.escaped(collapsed(HTMLEntities.decode(rawText(element))))
    }

    /// `**inner**`, with the whitespace the element had at its edges moved outside the markers
    /// (`Click<strong> Connect</strong>` must not become `Click**Connect**`).
    private mutating func wrapped(_ element: MarkupElement, marker: String) -> String {
        let raw = rawText(element)
        let inner = inlineMarkdown(element.children, in: element)
        guard !inner.isEmpty else { return raw.isEmpty ? "" : " " }
        let before = raw.first?.isWhitespace == true ? " " : "", after = raw.last?.isWhitespace == true ? " " : ""
        return before + marker + inner + marker + after
    }

    /// The items of a `<ul>`, each one line of Markdown.
    mutating func listItems(_ list: MarkupElement) -> [String] {
        var items: [String] = []
        for node in list.children {
            guard case .element(let item) = node else {
                requireBlank(node, context: "a list")
                continue
            }
            guard item.name == "li" else {
                reportUnexpected(item, context: "a list")
                continue
            }
            let text = inlineMarkdown(item.children, in: item, lineBreaks: true)
            if !text.isEmpty { items.append(text) }
        }
        if items.isEmpty { report(list.line, .emptyList(list.name)) }
        return items
    }

    /// An attribute value shown as text (a step title): decoded, Markdown characters escaped,
    /// platform name replaced (see ``textMarkdown(_:line:)``).
    mutating func plainText(_ value: String, line: Int) -> String {
        collapsed(platformNeutral(Self.escaped(HTMLEntities.decode(value)), line: line))
    }

    /// MDX text is Markdown already, so it passes through; only characters written as entities
    /// (`&lt;`, `&#42;`) are escaped, since the page meant them literally.
    mutating func textMarkdown(_ text: String, line: Int) -> String {
        var markdown = ""
        for (character, isReference) in HTMLEntities.decodeMarkingReferences(text) {
            if isReference, Self.markdownSpecial.contains(character) { markdown.append("\\") }
            markdown.append(character)
        }
        return platformNeutral(markdown, line: line)
    }

    /// Reports `{{…}}`, which the loader would read as a variable, and writes the platform's name
    /// as `{{platformName}}` so whitelabel rendering and `site.yaml` can replace it.
    private mutating func platformNeutral(_ text: String, line: Int) -> String {
        reportPlaceholders(in: text, line: line)
        return text.replacingOccurrences(of: "StackOne", with: "{{platformName}}")
    }

    /// Reports each `{{name}}` in `text`, a piece of page text or a label.
    mutating func reportPlaceholders(in text: String, line: Int) {
        for name in VariableReference.names(in: text) {
            report(line, .placeholderInText(name))
            placeholderReports += 1
        }
    }

    /// Reports a `{{name}}` that the loader would find in `texts`, the finished strings of one
    /// guide part; called when none was reported in that part's text, so none is reported twice.
    /// Checking each piece of text is not enough: `{{` also forms where pieces meet
    /// (`{<b></b>{x}}`, or `{{` and `}}` in two paragraphs of one step) and where `StackOne` after
    /// a `{` becomes `{{{platformName}}`. The `{{platformName}}` written for `StackOne` is not
    /// reported.
    mutating func reportAssembledPlaceholders(in texts: [String?], line: Int) {
        for text in texts.compactMap({ $0 }) {
            for name in VariableReference.names(in: text) where name != "platformName" {
                report(line, .placeholderInText(name))
                placeholderReports += 1
            }
        }
    }

    mutating func checkAttributes(_ element: MarkupElement, allowed: Set<String>) {
        for attribute in element.attributes where !allowed.contains(attribute.name) {
            report(element.line, .ignoredAttribute(attribute.name, element: element.name))
        }
    }

    /// The text inside `element`, markup dropped (for `<code>`).
    func rawText(_ element: MarkupElement) -> String {
        element.children.map { node in
            switch node {
            case .text(let text, _): text
            case .element(let child): rawText(child)
            }
        }.joined()
    }

    func codeSpan(_ code: String) -> String {
        let fence = code.contains("`") ? "``" : "`"
        let pad = code.hasPrefix("`") || code.hasSuffix("`") ? " " : ""
        return fence + pad + code + pad + fence
    }

    /// Runs of whitespace (newlines included) as one space, trimmed.
    func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static let markdownSpecial: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "#", "!", "&"]

    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if markdownSpecial.contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
