import ScopeGuideCore

/// Guide text written as the Hub's MDX writes it: blocks as HTML elements (`<p>`, `<ul>`,
/// `<ol>`, `<Frame>`, callouts), inlines as `<strong>`, `<em>` and `<a>`, code as Markdown code
/// spans, and text escaped by MDX's rules.
///
/// MDX reads `{` and `}` as the bounds of a JavaScript expression and `<` as the start of a tag,
/// and the text between elements is Markdown, so those and Markdown's own punctuation are
/// backslash-escaped (`\{`, `\<`, `\*`, `\_` unless inside a word, where it cannot emphasise);
/// an `&` that would start a character reference becomes `\&`. Attribute values are quoted, with
/// `"` and `&` as `&#x22;` and `&#x26;` (the Hub's own attribute encoding). Everything else is
/// written as it is: quotes, apostrophes and `—` stay characters, as on the Hub's pages.
enum MDXText {
    // MARK: Text

    /// `text` as MDX text that shows exactly `text`.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            switch character {
            case "\\", "`", "*", "[", "]", "<", "{", "}":
                result.append("\\")
            case "_":
                // `snake_case` cannot open or close emphasis; a `_` at a word's edge can.
                let before = index > 0 ? characters[index - 1] : " ", after = index + 1 < characters.count ? characters[index + 1] : " "
                if !(isWordCharacter(before) && isWordCharacter(after)) { result.append("\\") }
            case "&":
                if startsCharacterReference(characters[(index + 1)...]) { result.append("\\") }
            default:
                break
            }
            result.append(character)
        }
        return result
    }

    /// `value` as a double-quoted attribute value.
    static func attribute(_ value: String) -> String {
        guard value.contains(where: { $0 == "\"" || $0 == "&" }) else { return value }
        return value.replacingOccurrences(of: "&", with: "&#x26;").replacingOccurrences(of: "\"", with: "&#x22;")
    }

    private static func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }

    /// Whether the text after an `&` reads as a character reference (`amp;`, `#42;`, `#x2A;`).
    private static func startsCharacterReference(_ rest: ArraySlice<Character>) -> Bool {
        var name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "#") }
        guard !name.isEmpty, name.count <= 32, rest.dropFirst(name.count).first == ";" else { return false }
        if name.first == "#" { name = name.dropFirst() }
        return !name.isEmpty
    }

    // MARK: Inlines

    /// `nodes` as one line of MDX inline content.
    static func inline(_ nodes: [MarkdownNode]) -> String {
        var result = ""
        for node in nodes {
            switch node {
            case .text(let text): result += escaped(text)
            case .code(let code): result += codeSpan(code)
            case .emphasis(let children): result += "<em>" + inline(children) + "</em>"
            case .strong(let children): result += "<strong>" + inline(children) + "</strong>"
            case .link(let url, _, let children): result += link(url: url, inline(children))
            case .image(let url, let title, let alt): result += image(url: url, title: title, alt: alt)
            // The importer reads a line break back as Markdown's backslash break; the Hub writes
            // a paragraph's soft line breaks as spaces.
            case .lineBreak: result += "<br />"
            case .softBreak: result += " "
            case .paragraph(let children), .heading(_, let children), .blockQuote(let children): result += inline(children)
            case .list(_, _, let items): result += items.map { inline($0) }.joined(separator: " ")
            case .codeBlock(_, let code): result += codeSpan(code)
            case .thematicBreak: break
            }
        }
        return result
    }

    /// A Markdown code span, fenced with more backticks than the code holds in a row.
    static func codeSpan(_ code: String) -> String {
        var longest = 0, current = 0
        for character in code {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = code.hasPrefix("`") || code.hasSuffix("`") || (code.hasPrefix(" ") && code.hasSuffix(" ") && code.contains { $0 != " " }) ? " " : ""
        return fence + pad + code + pad + fence
    }

    /// `<a href>`; a link off the site (`http:`, `https:`) opens in a new tab, as on the Hub.
    static func link(url: String, _ content: String) -> String {
        let external = url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://")
        return "<a href=\"\(attribute(url))\"" + (external ? " target=\"_blank\" rel=\"noopener noreferrer\"" : "") + ">" + content + "</a>"
    }

    /// `<img src alt title />`.
    static func image(url: String, title: String, alt: [MarkdownNode]) -> String {
        "<img src=\"\(attribute(url))\" alt=\"\(attribute(MarkdownNode.plainText(alt)))\"" + (title.isEmpty ? "" : " title=\"\(attribute(title))\"") + " />"
    }

    // MARK: Blocks

    /// `nodes` (a text's blocks) as MDX elements, each a list of lines indented by `indent`
    /// spaces; the caller separates blocks with blank lines.
    static func blocks(_ nodes: [MarkdownNode], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        return nodes.compactMap { node -> String? in
            switch node {
            case .paragraph(let children):
                // A paragraph of screenshots alone is the Hub's <Frame>, captioned by the image's title.
                let images = children.filter { $0 != .softBreak && $0 != .text(" ") }
                if !images.isEmpty, images.allSatisfy({ if case .image = $0 { true } else { false } }) {
                    var caption = ""
                    if case .image(_, let title, _) = images[0], images.count == 1 { caption = title }
                    let open = caption.isEmpty ? "<Frame>" : "<Frame caption=\"\(attribute(caption))\">"
                    let lines = images.map { image -> String in
                        guard case .image(let url, let title, let alt) = image else { return "" }
                        return pad + "  " + self.image(url: url, title: images.count == 1 ? "" : title, alt: alt)
                    }
                    return ([pad + open] + lines + [pad + "</Frame>"]).joined(separator: "\n")
                }
                return pad + "<p>" + inline(children) + "</p>"
            case .heading(_, let children):
                return pad + "<p><strong>" + inline(children) + "</strong></p>"
            case .list(let ordered, _, let items):
                return list(items.map { inline(flattenedItem($0)) }, ordered: ordered, indent: indent)
            case .blockQuote(let children):
                return callout(children, indent: indent)
            case .codeBlock(let info, let code):
                // A Markdown fence: MDX reads its text as code, braces and tags included.
                var longest = 0, current = 0
                for character in code {
                    current = character == "`" ? current + 1 : 0
                    longest = max(longest, current)
                }
                let fence = String(repeating: "`", count: max(3, longest + 1))
                var body = code.hasSuffix("\n") ? String(code.dropLast()) : code
                body = body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
                return pad + fence + info.filter { $0 != "`" } + "\n" + (code.isEmpty ? "" : body + "\n") + pad + fence
            case .thematicBreak:
                return nil
            default:
                return pad + "<p>" + inline([node]) + "</p>"
            }
        }
    }

    /// `<ul>` or `<ol>` of one-line items.
    static func list(_ items: [String], ordered: Bool, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent), tag = ordered ? "ol" : "ul"
        return ([pad + "<\(tag)>"] + items.map { pad + "  <li>" + $0 + "</li>" } + [pad + "</\(tag)>"]).joined(separator: "\n")
    }

    /// A list item's blocks as one line: its paragraphs' inlines, joined by a line break.
    private static func flattenedItem(_ blocks: [MarkdownNode]) -> [MarkdownNode] {
        var inlines: [MarkdownNode] = []
        for block in blocks {
            if !inlines.isEmpty { inlines.append(.lineBreak) }
            if case .paragraph(let children) = block { inlines += children } else { inlines.append(block) }
        }
        return inlines
    }

    /// The callouts the Hub uses, by the bold label a block quote starts with.
    static let callouts = ["Note", "Warning", "Tip", "Info", "Check", "Danger"]

    /// A block quote: `> **Note:** …` is the Hub's `<Note>…</Note>` (as the importer reads it);
    /// any other quote a `<Note>` holding it all.
    private static func callout(_ children: [MarkdownNode], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var blocks = children, name = "Note"
        if case .paragraph(var inlines) = blocks.first, case .strong(let label) = inlines.first,
            case .text(let labelText) = label.first, label.count == 1, labelText.hasSuffix(":"),
            callouts.contains(String(labelText.dropLast()))
        {
            name = String(labelText.dropLast())
            inlines.removeFirst()
            if case .text(let text) = inlines.first, text.hasPrefix(" ") {
                inlines[0] = .text(String(text.dropFirst()))
                if text == " " { inlines.removeFirst() }
            }
            blocks[0] = .paragraph(inlines)
        }
        // One paragraph stays on the callout's line, as the Hub writes a callout.
        if blocks.count == 1, case .paragraph(let inlines) = blocks[0] {
            return pad + "<\(name)>" + inline(inlines) + "</\(name)>"
        }
        let inner = self.blocks(blocks, indent: indent + 2).joined(separator: "\n\n")
        return pad + "<\(name)>\n" + inner + "\n" + pad + "</\(name)>"
    }
}
