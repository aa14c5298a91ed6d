extension PageReader {
    /// The hub part (`<div data-whitelabel-hide>`): only its field list is data. The rest is the
    /// platform's fixed wording, which the renderer writes itself (SPEC §4, "Hub part"); wording
    /// that differs from it is reported, so nothing disappears unnoticed.
    mutating func readHub(_ element: MarkupElement) {
        for node in element.children {
            guard case .element(let child) = node else {
                requireBlank(node, context: "the hub part")
                continue
            }
            switch child.name {
            case "h2":
                let heading = inlineMarkdown(child.children, in: child)
                if !heading.hasPrefix("Linking the Account from the ") { report(child.line, .hubContentNotReproduced(heading)) }
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
                let text = inlineMarkdown(child.children, in: child)
                if !text.hasPrefix("If the account linking is successful") { report(child.line, .hubContentNotReproduced(text)) }
            default:
                report(child.line, .hubContentNotReproduced("<\(child.name)>"))
            }
        }
    }

    private mutating func readHubStep(_ step: MarkupElement) {
        let title = HTMLEntities.decode(step.attribute("title") ?? "")
        switch title {
        case "Fill out the fields":
            guard let list = step.descendants.first(where: { $0.name == "ul" }) else {
                return report(step.line, .hubContentNotReproduced("a \"Fill out the fields\" step without a field list"))
            }
            for item in list.elements where item.name == "li" { readField(item) }
        case let other where other.hasPrefix("Navigate to the ") || other == "Connect":
            break
        default:
            report(step.line, .hubContentNotReproduced("step \"\(title)\""))
        }
    }

    /// `<li><strong>Label</strong> (Optional)</li>`: a config field, required unless marked.
    private mutating func readField(_ item: MarkupElement) {
        guard let strong = item.elements.first(where: { $0.name == "strong" || $0.name == "b" }) else {
            return report(item.line, .hubContentNotReproduced(inlineMarkdown(item.children, in: item)))
        }
        let label = HTMLEntities.decode(strong.children.map { if case .text(let text, _) = $0 { text } else { "" } }.joined())
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var rest = ""
        for node in item.children where node != .element(strong) {
            switch node {
            case .text(let text, _): rest += HTMLEntities.decode(text)
            case .element(let other): rest += "<\(other.name)>"
            }
        }
        rest = rest.trimmingWhitespace
        let isOptional = rest.caseInsensitiveCompare("(Optional)") == .orderedSame
        if !rest.isEmpty, !isOptional { report(item.line, .hubContentNotReproduced(rest)) }
        guard !label.isEmpty else { return report(item.line, .hubContentNotReproduced("an empty field label")) }
        reportPlaceholders(in: label, line: item.line)
        let key = CamelCase.lower(label)
        if fields.contains(where: { $0.label == label || $0.key == key }) { return report(item.line, .duplicateField(label)) }
        let words = Set(label.lowercased().split { !($0.isLetter || $0.isNumber) })
        let isSecret = !words.isDisjoint(with: ["secret", "token", "password", "key"])
        fields.append(Field(key: key, label: label, type: isSecret ? "password" : "text", isRequired: !isOptional, isSecret: isSecret))
    }
}
