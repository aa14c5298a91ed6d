import ScopeGuideCore

extension PageReader {
    /// The hub part (`<div data-whitelabel-hide>`, or the section headed "Creating the …
    /// Connector Profile"): only its field list is data. The rest is the platform's fixed
    /// wording, which the renderer writes itself (see ``HubPart``); wording that differs from it
    /// is reported, so nothing disappears unnoticed.
    ///
    /// Link-account pages list the end user's fields in a "Fill out the fields" step;
    /// connector-profile pages list the admin's under "Fill out the fields …" in the "Create New
    /// Connector Profile" step. Both forms are read as HTML lists or as Markdown lists.
    mutating func readHub(_ element: MarkupElement) {
        for node in element.children {
            guard case .element(let child) = node else {
                readHubText([node], line: node.line)
                continue
            }
            switch child.name {
            case "h2":
                let heading = inlineMarkdown(child.children, in: child)
                if !Self.isHubHeading(heading) { report(child.line, .hubContentNotReproduced(heading)) }
            case "Steps":
                for stepNode in child.children {
                    guard case .element(let step) = stepNode, step.name == "Step" else {
                        if case .element(let other) = stepNode { reportUnexpected(other, context: "<Steps>") }
                        else { requireBlank(stepNode, context: "<Steps>") }
                        continue
                    }
                    readHubStep(step)
                }
            case "p":
                readHubText(child.children, line: child.line)
            default:
                report(child.line, .hubContentNotReproduced("<\(child.name)>"))
            }
        }
    }

    /// Hub paragraphs the renderer writes (the closing "If the account linking is successful…",
    /// a profile part's "To create the Connector Profile…") pass; other text is reported.
    private mutating func readHubText(_ nodes: [MarkupNode], line: Int) {
        let text = inlineMarkdown(nodes, in: MarkupElement(name: "p", attributes: [], children: [], line: line))
        guard !text.isEmpty else { return }
        let known = ["If the account linking is successful", "To create the Connector Profile"]
        if !known.contains(where: text.hasPrefix) { report(line, .hubContentNotReproduced(text)) }
    }

    private mutating func readHubStep(_ step: MarkupElement) {
        let title = HTMLEntities.decode(step.attribute("title") ?? "")
        switch title {
        case "Fill out the fields", "Create New Connector Profile":
            let fieldLists = step.descendants.filter { $0.name == "ul" }
            if title == "Fill out the fields", let list = fieldLists.first {
                for item in list.elements where item.name == "li" { readField(item) }
            } else if title == "Create New Connector Profile", let item = step.descendants.first(where: { item in
                item.name == "li" && inlineText(item).hasPrefix("Fill out the fields")
            }), let list = item.elements.first(where: { $0.name == "ul" }) {
                for field in list.elements where field.name == "li" { readField(field) }
            } else {
                readMarkdownFields(step, afterItemStarting: title == "Fill out the fields" ? nil : "Fill out the fields")
            }
        case let other where other.hasPrefix("Navigate to ") || other == "Connect":
            break
        default:
            report(step.line, .hubContentNotReproduced("step \"\(title)\""))
        }
    }

    /// The text of `element`'s own children (not nested lists), collapsed.
    private func inlineText(_ element: MarkupElement) -> String {
        collapsed(element.children.map { node in
            switch node {
            case .text(let text, _): HTMLEntities.decode(text)
            case .element(let child): child.name == "ul" ? "" : rawText(child)
            }
        }.joined())
    }

    /// Fields written as a Markdown list (`- **API Token**`, `- **Scopes** (Optional)`), in the
    /// older page form; with `marker`, only the items after the one starting with it.
    private mutating func readMarkdownFields(_ step: MarkupElement, afterItemStarting marker: String?) {
        let blocks = MarkdownTextBlocks.split(step.children.filter { if case .text = $0 { true } else { false } })
        var items: [(text: String, line: Int)] = []
        for case .list(let list, _, let line) in blocks {
            items += list.map { (inlineMarkdown($0, in: step), $0.first?.line ?? line) }
        }
        if let marker, let start = items.firstIndex(where: { $0.text.hasPrefix(marker) }) {
            items = Array(items[(start + 1)...])
        }
        var found = false
        for item in items {
            guard let match = item.text.firstMatch(of: /^\*\*(.+?)\*\*\s*(.*)$/) else {
                if marker == nil { report(item.line, .hubContentNotReproduced(item.text)) }
                continue
            }
            found = true
            addField(label: String(match.1), rest: String(match.2), line: item.line)
        }
        if !found { report(step.line, .hubContentNotReproduced("a \"\(HTMLEntities.decode(step.attribute("title") ?? ""))\" step without a field list")) }
    }

    /// `<li><strong>Label</strong> (Optional)</li>`: a field, required unless marked.
    private mutating func readField(_ item: MarkupElement) {
        guard let strong = item.elements.first(where: { $0.name == "strong" || $0.name == "b" }) else {
            return report(item.line, .hubContentNotReproduced(inlineMarkdown(item.children, in: item)))
        }
        let label = HTMLEntities.decode(strong.children.map { if case .text(let text, _) = $0 { text } else { "" } }.joined())
        var rest = ""
        for node in item.children where node != .element(strong) {
            switch node {
            case .text(let text, _): rest += HTMLEntities.decode(text)
            case .element(let other): rest += "<\(other.name)>"
            }
        }
        addField(label: label, rest: rest, line: item.line)
    }

    private mutating func addField(label rawLabel: String, rest rawRest: String, line: Int) {
        let label = rawLabel.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let rest = rawRest.trimmingWhitespace
        let isOptional = rest.caseInsensitiveCompare("(Optional)") == .orderedSame
        if !rest.isEmpty, !isOptional { report(line, .hubContentNotReproduced(rest)) }
        guard !label.isEmpty else { return report(line, .hubContentNotReproduced("an empty field label")) }
        reportPlaceholders(in: label, line: line)
        let key = CamelCase.lower(label)
        if fields.contains(where: { $0.label == label || $0.key == key }) { return report(line, .duplicateField(label)) }
        let words = Set(label.lowercased().split { !($0.isLetter || $0.isNumber) })
        let isSecret = !words.isDisjoint(with: ["secret", "token", "password", "key"])
        fields.append(Field(key: key, label: label, type: isSecret ? "password" : "text", isRequired: !isOptional, isSecret: isSecret))
    }
}
