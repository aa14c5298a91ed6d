import ScopeGuideCore

extension PageReader {
    /// The older page form writes sections as Markdown `## Title` lines with `<Steps>` and text
    /// after them, outside any `<section>`. Each such heading here becomes the element the
    /// current form would have: a `<section data-guide-section>` holding the heading as `<h2>`
    /// and everything up to the next heading, `<section>`, hub part or panel; the hub's heading
    /// ("Linking the Account from the Hub", "Creating the … Connector Profile") becomes the hub
    /// part. Pages without such headings pass through unchanged. Line numbers are kept.
    static func groupingHeadings(_ nodes: [MarkupNode]) -> [MarkupNode] {
        var result: [MarkupNode] = []
        var open: MarkupElement?
        func close() {
            if let element = open { result.append(.element(element)) }
            open = nil
        }
        func append(_ node: MarkupNode) {
            if open != nil { open!.children.append(node) } else { result.append(node) }
        }
        for node in nodes {
            switch node {
            case .element(let element):
                if element.name == "section" || element.name == "Panel" || (element.name == "div" && element.has("data-whitelabel-hide")) {
                    close()
                    result.append(node)
                } else {
                    append(node)
                }
            case .text(let text, let firstLine):
                var pending = "", pendingLine = firstLine
                func flush() {
                    if !pending.isEmpty { append(.text(pending, line: pendingLine)) }
                    pending = ""
                }
                let lines = text.split(omittingEmptySubsequences: false, whereSeparator: MarkupParser.isLineEnding)
                for (offset, line) in lines.enumerated() {
                    let number = firstLine + offset, content = line.trimmingWhitespace
                    if content.hasPrefix("## ") {
                        flush()
                        close()
                        let heading = MarkupElement(name: "h2", attributes: [], children: [.text(String(content.dropFirst(3)), line: number)], line: number)
                        let attributes: [MarkupElement.Attribute] = isHubHeading(String(content.dropFirst(3)))
                            ? [.init(name: "data-whitelabel-hide", value: "")]
                            : [.init(name: "data-guide-section", value: ""), .init(name: "data-guide-scopes", value: "")]
                        open = MarkupElement(name: isHubHeading(String(content.dropFirst(3))) ? "div" : "section",
                                             attributes: attributes, children: [.element(heading)], line: number)
                        pendingLine = number + 1
                    } else {
                        if pending.isEmpty { pendingLine = number }
                        pending += (offset + 1 < lines.count) ? line + "\n" : String(line)
                    }
                }
                flush()
            }
        }
        close()
        return result
    }

    /// Whether a heading opens the platform's part of the page: "Linking the Account from the
    /// Hub" on link-account pages, "Creating the StackOne Connector Profile" on
    /// connector-profile pages.
    static func isHubHeading(_ heading: String) -> Bool {
        let text = HTMLEntities.decode(heading).trimmingWhitespace
        return text.hasPrefix("Linking the Account from the ") || isProfileHeading(text)
    }

    static func isProfileHeading(_ heading: String) -> Bool {
        let text = HTMLEntities.decode(heading).trimmingWhitespace.lowercased()
        return text.hasPrefix("creating the ") && text.hasSuffix("connector profile")
    }
}
