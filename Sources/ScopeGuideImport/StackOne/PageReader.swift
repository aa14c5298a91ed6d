import ScopeGuideCore

/// Reads the parsed markup of a StackOne Hub guide page into guide values: the title, the
/// warning, the action catalogue, the sections with their steps, and the hub part's fields.
///
/// Everything the page shows is either converted or reported. Parts that the renderer
/// regenerates from the guide are skipped on purpose: the page preamble and summary
/// blockquotes, the scope selector panel (apart from its catalogue), each step's badge and
/// display-scope buttons (from `data-guide-display-scopes-list`), and the hub part's fixed wording.
struct PageReader {
    var problems: [(line: Int, reason: ImportError.Reason)] = []
    /// Markup that cannot be converted keeps its text with a warning instead of an error.
    var lenient = false
    private(set) var title: PageTitle?
    private(set) var titleLine = 1
    private var sawTitleLine = false
    private var titleHeading: String?
    /// Whether the title ends with the platform's name (`… – StackOne Hub`), as a published
    /// page's title line does and front matter's does not.
    private var titleHasPlatformSuffix = true
    /// The page's one-line summary blockquote, which names a connector profile's method.
    private var summary: String?
    private(set) var warning: String?
    private var warningLine = 1
    private var warningHadPlaceholder = false
    private(set) var actions: [ActionCatalogJSON] = []
    private(set) var sections: [Section] = []
    /// The hub part's fields: the end user's (`configFields`) on a link-account page, the
    /// admin's (`setupFields`) on a connector-profile page.
    var fields: [Field] = []
    /// How many `{{…}}` placeholders have been reported (see ``reportAssembledPlaceholders(in:line:)``).
    var placeholderReports = 0

    mutating func read(_ nodes: [MarkupNode]) {
        for node in Self.groupingHeadings(nodes) {
            switch node {
            case .text(let text, let line):
                readTopLevelText(text, line: line)
            case .element(let element):
                readTopLevel(element)
            }
        }
        if let titleHeading { parseTitle(titleHeading, line: titleLine) }
        if title == nil, !sawTitleLine { report(1, .missingTitle) }
        if !warningHadPlaceholder { reportAssembledPlaceholders(in: [warning], line: warningLine) }
    }

    mutating func report(_ line: Int, _ reason: ImportError.Reason) {
        problems.append((line, reason))
    }

    // MARK: Top level

    private mutating func readTopLevel(_ element: MarkupElement) {
        switch element.name {
        case "Warning":
            // The guide has one warning, shown as one paragraph: several are joined.
            let before = placeholderReports
            let text = inlineMarkdown(element.children, in: element)
            if warning == nil { warningLine = element.line }
            warningHadPlaceholder = warningHadPlaceholder || placeholderReports != before
            warning = [warning, text].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        case "Panel":
            readScopeSelector(element)
        case "section" where Self.isHubHeading(element.elements.first { $0.name == "h2" }.map { rawText($0) } ?? ""):
            readHub(element)
        case "section":
            guard element.has("data-guide-section") else {
                report(element.line, .missingAttribute("data-guide-section", element: "section"))
                return
            }
            readSection(element)
        case "div" where element.has("data-whitelabel-hide"):
            readHub(element)
        case "div" where element.descendants.contains { $0.has("data-guide-actions-json") }:
            readScopeSelector(element)
        default:
            if lenient {
                report(element.line, .unconvertedMarkupKept(element.name))
            } else {
                reportUnexpected(element, context: "the page outside a section")
            }
        }
    }

    /// The title line, blockquotes (the preamble and the summary are regenerated) and any other
    /// Markdown, which has no place outside a section.
    private mutating func readTopLevelText(_ text: String, line firstLine: Int) {
        var stray: (line: Int, text: String)?
        var quote: (line: Int, text: String)?
        func flush(_ reader: inout PageReader) {
            if let block = stray { reader.report(block.line, .strayText(block.text)) }
            if let block = quote, !reader.isKnownQuote(block.text) { reader.report(block.line, .ignoredBlockquote(block.text)) }
            stray = nil
            quote = nil
        }
        // Lines end where MarkupParser counts them (a lone CR too), so loose text after one is
        // numbered as the parser numbers elements.
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: MarkupParser.isLineEnding).enumerated() {
            let line = firstLine + offset, content = rawLine.trimmingWhitespace
            if content.isEmpty {
                flush(&self)
            } else if content.hasPrefix("# ") {
                flush(&self)
                readTitle(String(content.dropFirst(2)), line: line)
            } else if content.hasPrefix(">") {
                if stray != nil { flush(&self) }
                let body = content.dropFirst().trimmingWhitespace
                quote = quote.map { ($0.line, $0.text + "\n" + body) } ?? (line, body)
            } else {
                if quote != nil { flush(&self) }
                stray = stray.map { ($0.line, $0.text + " " + content) } ?? (line, content)
            }
        }
        flush(&self)
    }

    /// Reads the title and the summary the page's front matter gives (``PageFrontMatter``), as
    /// its `# ` title line and summary blockquote would; a title line as well is a second title.
    mutating func readFrontMatter(title: String?, description: String?) {
        if let description { _ = isKnownQuote(description) }
        guard let title else { return }
        readTitle(title, line: 2)
        titleHasPlatformSuffix = false
    }

    /// Notes the title line; it is parsed once the page is read, when the summary that may
    /// name a connector profile's method is known.
    private mutating func readTitle(_ heading: String, line: Int) {
        guard !sawTitleLine else { return report(line, .duplicateTitle) }
        sawTitleLine = true
        titleHeading = heading
        titleLine = line
    }

    private mutating func parseTitle(_ heading: String, line: Int) {
        guard let parsed = PageTitle(heading: HTMLEntities.decode(heading), summary: summary.map(HTMLEntities.decode), platformSuffix: titleHasPlatformSuffix) else {
            return report(line, .invalidTitle(heading))
        }
        title = parsed
        // The method's label is the guide's label for it, which the loader checks like text and
        // turns into the method's URL slug.
        reportPlaceholders(in: parsed.methodLabel, line: line)
        if AuthMethod.slug(for: parsed.methodLabel).isEmpty { report(line, .invalidMethodLabel(parsed.methodLabel)) }
    }

    /// The documentation-index preamble and the one-line page summary ("Link a Front account in
    /// the StackOne Hub using API Token. …", "Set up the OAuth 2.0 connector profile for …"),
    /// which every page has and the renderer does not need. The summary is kept for the title.
    private mutating func isKnownQuote(_ text: String) -> Bool {
        if text.hasPrefix("## Documentation Index") { return true }
        guard text.range(of: #"^(Link an? .+ account in the .+ using |Set up the .+ connector profile for )"#, options: .regularExpression) != nil
        else { return false }
        if summary == nil { summary = text }
        return true
    }

    /// The scope selector panel: only its action catalogue is data; the rest is the selector UI,
    /// which the HTML renderer generates.
    private mutating func readScopeSelector(_ element: MarkupElement) {
        guard let holder = element.descendants.first(where: { $0.has("data-guide-actions-json") }) else {
            return report(element.line, .missingAttribute("data-guide-actions-json", element: element.name))
        }
        let decoded: [ActionCatalogJSON]
        do {
            decoded = try ActionCatalogJSON.decode(holder.attribute("data-guide-actions-json") ?? "")
        } catch {
            return report(holder.line, .invalidActionsJSON(error.why))
        }
        for action in decoded {
            // The loader's rules, checked here so the message points at the page.
            if action.id.range(of: "^[A-Za-z0-9_.:@-]+$", options: .regularExpression) == nil {
                report(holder.line, .invalidActionsJSON("action id \"\(action.id)\" has characters other than letters, digits and _ . : @ -"))
            } else if actions.contains(where: { $0.id == action.id }) {
                report(holder.line, .invalidActionsJSON("action id \"\(action.id)\" appears twice"))
            } else if action.label.trimmingWhitespace.isEmpty {
                report(holder.line, .invalidActionsJSON("action \"\(action.id)\" has an empty label"))
            } else if let scope = (action.scopes + action.alternatives.joined()).first(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) {
                // The guide writes scopes space-separated, as the `data-guide-scopes` lists are.
                report(holder.line, .invalidActionsJSON("action \"\(action.id)\" has the scope \"\(scope)\"; a scope is not empty and has no spaces"))
            } else {
                reportPlaceholders(in: action.label, line: holder.line)
                // A scope listed twice is needed once, as the loader reads it.
                var seen = Set<String>()
                let anyOf = action.anyOf.map { groups in
                    groups.map { group in
                        var inGroup = Set<String>()
                        return group.filter { inGroup.insert($0).inserted }
                    }
                }
                actions.append(ActionCatalogJSON(id: action.id, label: action.label, scopes: action.scopes.filter { seen.insert($0).inserted }, anyOf: anyOf))
            }
        }
    }

    // MARK: Sections and steps

    private mutating func readSection(_ element: MarkupElement) {
        let placeholdersBefore = placeholderReports
        var heading: String?
        var steps: [Step] = []
        var body = Body()
        for node in element.children {
            guard case .element(let child) = node else {
                body.add(node, reader: &self, context: element)
                continue
            }
            switch child.name {
            case "h2" where heading == nil:
                heading = inlineMarkdown(child.children, in: child)
            case "Steps":
                for stepNode in child.children {
                    if case .element(let step) = stepNode, step.name == "Step" {
                        if let read = readStep(step) { steps.append(read) }
                    } else if case .element(let other) = stepNode {
                        reportUnexpected(other, context: "<Steps>")
                    } else {
                        requireBlank(stepNode, context: "<Steps>")
                    }
                }
            case "Step":
                if let read = readStep(child) { steps.append(read) }
            default:
                body.add(node, reader: &self, context: element)
            }
        }
        body.finish(reader: &self, context: element)
        if heading == nil { report(element.line, .missingSectionTitle) }
        if placeholderReports == placeholdersBefore {
            reportAssembledPlaceholders(in: [heading, body.content] + body.list, line: element.line)
        }
        sections.append(Section(
            title: heading ?? "", content: body.content, list: body.list,
            scopes: Self.scopes(element.attribute("data-guide-scopes")), steps: steps))
    }

    private mutating func readStep(_ element: MarkupElement) -> Step? {
        guard let stepTitle = element.attribute("title") else {
            report(element.line, .missingAttribute("title", element: "Step"))
            return nil
        }
        let placeholdersBefore = placeholderReports
        var container = element
        let wrappers = element.elements.filter { $0.name == "div" && $0.has("data-guide-step") }
        if let wrapper = wrappers.first {
            for node in element.children where node != .element(wrapper) {
                if case .element(let other) = node { reportUnexpected(other, context: "a step around its <div data-guide-step>") }
                else { requireBlank(node, context: "a step around its <div data-guide-step>") }
            }
            container = wrapper
        }
        var body = Body()
        var shown: [String] = []
        for node in container.children {
            if case .element(let child) = node, child.name == "div", child.has("data-guide-actions-badge") {
                continue  // "Enables actions" is computed from the catalogue
            }
            if case .element(let child) = node, child.name == "div", child.has("data-guide-display-scopes") {
                shown += child.descendants.compactMap { $0.attribute("data-guide-display-scope") }
                continue
            }
            body.add(node, reader: &self, context: element)
        }
        body.finish(reader: &self, context: element)
        let scopes = Self.scopes(container.attribute("data-guide-scopes"))
        let display = container.has("data-guide-display-scopes-list") ? Self.scopes(container.attribute("data-guide-display-scopes-list")) : scopes
        if !shown.isEmpty, shown != display.map(\.rawValue) {
            report(container.line, .displayScopesMismatch(listed: display.map(\.rawValue), shown: shown))
        }
        let title = plainText(stepTitle, line: element.line)
        if placeholderReports == placeholdersBefore {
            reportAssembledPlaceholders(in: [title, body.content] + body.list, line: element.line)
        }
        return Step(title: title, content: body.content, list: body.list, scopes: scopes, displayScopes: display)
    }

    /// `data-guide-scopes`-style lists: separated by commas or whitespace, duplicates dropped.
    static func scopes(_ attribute: String?) -> [Scope] {
        var seen = Set<String>()
        let names = (attribute ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map { String($0) }
        return names.filter { seen.insert($0).inserted }.map { Scope($0) }
    }

    /// Reports text that is not whitespace where only elements belong.
    mutating func requireBlank(_ node: MarkupNode, context: String) {
        if case .text(let text, let line) = node, !text.trimmingWhitespace.isEmpty {
            report(line, .misplacedElement("text \"\(text.trimmingWhitespace)\"", context: context))
        }
    }

    /// An element out of place: known HTML gets "not expected here", anything else "unknown".
    mutating func reportUnexpected(_ element: MarkupElement, context: String) {
        if Self.knownElements.contains(element.name) {
            report(element.line, .misplacedElement(element.name, context: context))
        } else {
            report(element.line, .unknownElement(element.name))
        }
    }

    static let knownElements: Set<String> = [
        "Warning", "Panel", "Steps", "Step", "section", "div", "h2", "p", "ul", "ol", "li", "strong", "b", "em", "i", "code", "a", "span",
        "img", "br", "Frame", "Note", "Tip", "Info", "Check", "Danger", "Accordion", "AccordionGroup", "pre", "table", "thead",
        "tbody", "tr", "th", "td",
    ]
}
