import ScopeGuideCore

extension PageReader {
    /// The text of a section or step: Markdown blocks (a `<p>`, a screenshot, a callout, a code
    /// block, a table, or inline Markdown and elements between blocks) and one bullet list
    /// (`<ul>` or a Markdown list; several are joined).
    struct Body {
        private var paragraphs: [String] = []
        private(set) var list: [String] = []
        private var run: [MarkupNode] = []
        private var runLine = 0

        var content: String? { paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n\n") }

        /// Every block in order, the list last as a Markdown list: the body nested in a callout.
        var blocks: [String] { paragraphs + (list.isEmpty ? [] : [list.map { "- " + $0 }.joined(separator: "\n")]) }

        mutating func add(_ node: MarkupNode, reader: inout PageReader, context: MarkupElement) {
            guard case .element(let element) = node, !PageReader.inlineElements.contains(element.name) else {
                if run.isEmpty { runLine = node.line }
                run.append(node)
                return
            }
            flushRun(reader: &reader, context: context)
            switch element.name {
            case "p":
                addParagraph(reader.inlineMarkdown(element.children, in: element, lineBreaks: true), line: element.line, reader: &reader)
            case "ul":
                list += reader.listItems(element)
            case "ol":
                let items = reader.listItems(element).enumerated().map { "\($0.offset + 1). \($0.element)" }
                addParagraph(items.joined(separator: "\n"), line: element.line, reader: &reader)
            case "Frame":
                addParagraph(reader.frame(element), line: element.line, reader: &reader)
            case "Accordion":
                let title = element.attribute("title").map { "**\(reader.plainText($0, line: element.line))**" }
                addParagraph(reader.quote(element, title: title), line: element.line, reader: &reader)
            case "AccordionGroup":
                for child in element.children { add(child, reader: &reader, context: element) }
                flushRun(reader: &reader, context: element)
            case "pre":
                addParagraph(reader.codeBlock(element), line: element.line, reader: &reader)
            case "table":
                addParagraph(reader.table(element), line: element.line, reader: &reader)
            default:
                if let label = PageReader.callouts[element.name] {
                    addParagraph(reader.quote(element, title: "**\(label):**"), line: element.line, reader: &reader)
                } else {
                    let context = context.name == "Step" ? "a step" : "a <\(context.name)>"
                    addParagraph(reader.unconverted(element, context: context), line: element.line, reader: &reader)
                }
            }
        }

        /// Inline nodes between blocks: Markdown text, so blank lines separate paragraphs and
        /// lines starting with `-`, `*`, `+` or `1.` make a list, `|` a table.
        private mutating func flushRun(reader: inout PageReader, context: MarkupElement) {
            defer { run = [] }
            guard !run.isEmpty else { return }
            for block in MarkdownTextBlocks.split(run) {
                switch block {
                case .paragraph(let nodes, let line):
                    addParagraph(reader.inlineMarkdown(nodes, in: context, lineBreaks: true), line: line, reader: &reader)
                case .list(let items, let ordered, let line):
                    let texts = items.map { reader.inlineMarkdown($0, in: context, lineBreaks: true) }.filter { !$0.isEmpty }
                    if ordered {
                        addParagraph(texts.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n"), line: line, reader: &reader)
                    } else {
                        list += texts
                    }
                case .table(let rows, let line):
                    let cells = rows.map { $0.map { reader.inlineMarkdown($0, in: context) } }
                    addParagraph(PageReader.tableMarkdown(header: cells.first ?? [], rows: Array(cells.dropFirst())), line: line, reader: &reader)
                }
            }
        }

        private mutating func addParagraph(_ text: String, line: Int, reader: inout PageReader) {
            guard !text.isEmpty else { return }
            if !list.isEmpty { reader.report(line, .paragraphMovedBeforeList) }
            paragraphs.append(text)
        }

        /// Call once the last node was added.
        mutating func finish(reader: inout PageReader, context: MarkupElement) { flushRun(reader: &reader, context: context) }
    }

    /// Mintlify's callout components and the label each one's block quote starts with.
    static let callouts: [String: String] = ["Note": "Note", "Warning": "Warning", "Tip": "Tip", "Info": "Info", "Check": "Check", "Danger": "Danger"]

    /// A callout or an accordion as a block quote: `title` (bold) starts its first paragraph,
    /// or, for an accordion, stands alone above its body.
    mutating func quote(_ element: MarkupElement, title: String?) -> String {
        var body = Body()
        for child in element.children { body.add(child, reader: &self, context: element) }
        body.finish(reader: &self, context: element)
        var blocks = body.blocks
        if let title {
            if element.name != "Accordion", let first = blocks.first, !first.hasPrefix("- ") {
                blocks[0] = title + " " + first
            } else {
                blocks.insert(title, at: 0)
            }
        }
        return blocks.joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
    }

    /// `<Frame>` around screenshots: each image, its caption as the image's title.
    mutating func frame(_ element: MarkupElement) -> String {
        checkAttributes(element, allowed: ["caption", "style", "className"])
        let caption = element.attribute("caption").map(HTMLEntities.decode)
        var images: [String] = []
        for node in element.children {
            switch node {
            case .element(let child) where child.name == "img":
                images.append(image(child, title: caption))
            case .element(let child):
                images.append(unconverted(child, context: "a <Frame>"))
            case .text:
                requireBlank(node, context: "a <Frame>")
            }
        }
        return images.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// A fenced code block: a Markdown fence from the page (its text as written) or an HTML
    /// `<pre>` (entities decoded), fenced with more backticks than the code holds in a row.
    mutating func codeBlock(_ element: MarkupElement) -> String {
        var info = element.attribute("data-fence-info") ?? ""
        var code: String
        if element.has("data-fence-info") {
            code = rawText(element)
        } else {
            let inner = element.elements.count == 1 && element.elements[0].name == "code" ? element.elements[0] : element
            if let language = inner.attribute("className") ?? inner.attribute("class"), language.hasPrefix("language-") {
                info = String(language.dropFirst("language-".count))
            }
            code = HTMLEntities.decode(rawText(inner))
            if code.hasPrefix("\n") { code.removeFirst() }
        }
        while code.hasSuffix("\n") { code.removeLast() }
        var longest = 0, current = 0
        for character in code {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        // An info string may not hold a backtick after a backtick fence.
        return fence + info.filter { $0 != "`" } + "\n" + code + (code.isEmpty ? "" : "\n") + fence
    }

    /// An HTML table (`<thead>`/`<tbody>` or bare rows, `<th>` or `<td>` cells).
    mutating func table(_ element: MarkupElement) -> String {
        var rows: [[String]] = []
        var headerRow: [String]?
        func readRows(_ container: MarkupElement, reader: inout PageReader) {
            for child in container.elements {
                switch child.name {
                case "thead", "tbody", "tfoot":
                    readRows(child, reader: &reader)
                case "tr":
                    let cells = child.elements.filter { $0.name == "th" || $0.name == "td" }
                    let texts = cells.map { reader.inlineMarkdown($0.children, in: $0) }
                    if headerRow == nil, rows.isEmpty, !cells.isEmpty, cells.allSatisfy({ $0.name == "th" }) {
                        headerRow = texts
                    } else {
                        rows.append(texts)
                    }
                default:
                    _ = reader.unconverted(child, context: "a table")
                }
            }
        }
        readRows(element, reader: &self)
        return Self.tableMarkdown(header: headerRow ?? [], rows: rows)
    }

    /// A table in CommonMark, which has none: one bullet per row, each cell after its column's
    /// heading in bold (`- **Scope:** read; **Grants:** listing`), so every cell keeps its
    /// heading; without headings, the cells joined by semicolons.
    static func tableMarkdown(header: [String], rows: [[String]]) -> String {
        rows.map { row in
            "- " + row.enumerated().map { index, cell in
                index < header.count && !header[index].isEmpty ? "**\(header[index]):** \(cell)" : cell
            }.joined(separator: "; ")
        }.joined(separator: "\n")
    }
}
