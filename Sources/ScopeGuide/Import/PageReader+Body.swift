extension PageReader {
    /// The text of a section or step: paragraphs (a `<p>`, or inline Markdown and elements
    /// between blocks) and one bullet list (`<ul>`; several are joined).
    struct Body {
        private var paragraphs: [String] = []
        private(set) var list: [String] = []
        private var run: [MarkupNode] = []
        private var runLine = 0

        var content: String? { paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n\n") }

        mutating func add(_ node: MarkupNode, reader: inout PageReader, context: MarkupElement) {
            if case .element(let element) = node, !PageReader.inlineElements.contains(element.name) {
                flushRun(reader: &reader, context: context)
                switch element.name {
                case "p":
                    addParagraph(reader.inlineMarkdown(element.children, in: element), line: element.line, reader: &reader)
                case "ul":
                    list += reader.listItems(element)
                default:
                    reader.reportUnexpected(element, context: context.name == "Step" ? "a step" : "a <\(context.name)>")
                }
            } else {
                if run.isEmpty { runLine = node.line }
                run.append(node)
            }
        }

        private mutating func flushRun(reader: inout PageReader, context: MarkupElement) {
            defer { run = [] }
            guard !run.isEmpty else { return }
            let text = reader.inlineMarkdown(run, in: context)
            if !text.isEmpty { addParagraph(text, line: runLine, reader: &reader) }
        }

        private mutating func addParagraph(_ text: String, line: Int, reader: inout PageReader) {
            guard !text.isEmpty else { return }
            if !list.isEmpty { reader.report(line, .paragraphMovedBeforeList) }
            paragraphs.append(text)
        }

        /// Call once the last node was added.
        mutating func finish(reader: inout PageReader, context: MarkupElement) { flushRun(reader: &reader, context: context) }
    }
}
