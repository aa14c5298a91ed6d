import Ccmark

/// Builds the cmark tree of a tailored guide, for Markdown output or for HTML.
///
/// One builder serves both formats so they cannot drift apart: the Markdown flavor uses plain
/// CommonMark nodes only; the HTML flavor wraps sections, steps, badges and scope lists in custom
/// blocks that carry the `data-guide-*` attributes of seed 002, and can keep hidden steps in the
/// tree (with `hidden`) so the page's script can reveal them.
struct GuideDocumentBuilder {
    enum Flavor: Equatable {
        case markdown
        /// `includeHidden`: keep steps and sections the selection hides, marked `hidden`.
        /// `panel`: generated HTML of the scope-selector panel, placed after the warning; the
        /// static scope summary is used when it is `nil`.
        case html(includeHidden: Bool, panel: String?)
    }

    let tailored: TailoredGuide
    let url: GuideURL
    let site: Site
    let variables: TextVariables
    let flavor: Flavor
    /// The catalogue's parsed guide texts.
    let cache: RenderCache

    private var isHTML: Bool { flavor != .markdown }

    /// Whether hidden steps and scopes stay in the tree for the page's script.
    private var includesHidden: Bool {
        if case .html(true, _) = flavor { return true }
        return false
    }

    /// The guide rendered by cmark: CommonMark for the Markdown flavor, HTML otherwise.
    func render() -> String {
        guard !isHTML else { return build().render(.html) }
        // A document renders as its top-level blocks separated by a blank line, and the hub part
        // starts with a heading, so appending its cached rendering gives the same bytes as
        // rendering it in the tree.
        let body = build().render(.commonMark)
        return url.isWhitelabel ? body : body + "\n" + hub(.commonMark)
    }

    /// The tree of the guide; for the Markdown flavor without the hub part, which ``render()`` adds.
    private func build() -> CMarkDocument {
        let document = CMarkDocument()
        let root = document.root
        root.appendHeading(level: 1).appendText(title)
        if let warning = tailored.guide.warning {
            let container = isHTML ? root.appendRawBlock(enter: "<div class=\"sg-warning\" role=\"note\">\n", exit: "</div>\n") : root.append(CMARK_NODE_BLOCK_QUOTE)
            let paragraph = container.appendParagraph()
            paragraph.appendStrong("Warning:")
            paragraph.appendText(" ")
            appendMarkdown(warning, as: .inline, to: paragraph)
        }
        if case .html(_, let panel?) = flavor {
            _ = root.appendRawBlock(enter: panel)
        } else {
            appendScopeSummary(to: root)
        }
        let visible = Dictionary(uniqueKeysWithValues: tailored.sections.map { ($0.index, $0) })
        for (index, section) in tailored.guide.sections.enumerated() {
            if let shown = visible[index] {
                appendSection(section, shown: shown, to: root)
            } else if includesHidden {
                appendSection(section, shown: nil, to: root)
            }
        }
        if !url.isWhitelabel, isHTML {
            _ = root.appendRawBlock(enter: "<div class=\"sg-hub\" data-whitelabel-hide>\n", exit: "</div>\n")
                .appendRawBlock(enter: hub(.html))
        }
        return document
    }

    /// The hub part rendered by cmark, once per connector, method and guide kind: it depends on
    /// nothing else (and is left out in whitelabel mode).
    private func hub(_ format: CMarkDocument.Format) -> String {
        let key = "hub/\(format)/\(tailored.connector.key)/\(tailored.method.slug)/\(tailored.kind.rawValue)"
        return cache.part(key) {
            let document = CMarkDocument()
            HubPart(tailored: tailored, site: site).append(to: document.root)
            return document.render(format)
        }
    }

    var title: String {
        let connector = tailored.connector.name, label = tailored.method.label
        switch tailored.kind {
        case .config: return "Connect \(connector) with \(label)"
        case .setup: return "\(connector) \(label) connector profile"
        }
    }

    // MARK: Scope summary

    private func appendScopeSummary(to root: CMarkNode) {
        let resolution = tailored.resolution
        let container = isHTML ? root.appendRawBlock(enter: "<div class=\"sg-summary\">\n", exit: "</div>\n") : root
        if !resolution.selection.isEmpty {
            let paragraph = container.appendParagraph()
            paragraph.appendStrong("Selected actions:")
            let labels = tailored.connector.actions(in: resolution.selection).map(\.label)
            paragraph.appendText(" " + labels.joined(separator: ", "))
        }
        let paragraph = container.appendParagraph()
        if resolution.scopes.isEmpty {
            paragraph.appendStrong("Scopes to grant:")
            paragraph.appendText(" none")
        } else {
            paragraph.appendStrong("Scopes to grant")
            paragraph.appendText(" (\(url.separator.rawValue)-separated):")
            container.appendCodeBlock(url.separator.join(resolution.scopes))
        }
        if resolution.usesDefaultScopes {
            container.appendParagraph().appendEmphasis(
                "No actions are selected, so these are the method's default scopes. Select actions to get the minimal scopes for them.")
        }
        if !resolution.isOptimal {
            container.appendParagraph().appendEmphasis(
                "These scopes enable every selected action but were not proven minimal: the search ran out of its budget.")
        }
        appendLinkLine("Dynamic guide URL:", url.description, to: container)
        if let authorize = AuthorizeURL.make(for: tailored.method, scopes: resolution.scopes) {
            appendLinkLine("Authorize URL:", authorize, to: container)
        }
    }

    private func appendLinkLine(_ label: String, _ target: String, to parent: CMarkNode) {
        let paragraph = parent.appendParagraph()
        paragraph.appendStrong(label)
        paragraph.appendText(" ")
        paragraph.appendLink(target, url: target)
    }

    // MARK: Sections and steps

    /// `shown` is the tailored section, or `nil` for a hidden one kept for the page's script.
    private func appendSection(_ section: Section, shown: TailoredGuide.TailoredSection?, to root: CMarkNode) {
        var container = root
        if isHTML {
            container = root.appendRawBlock(enter: "<section class=\"sg-section\" data-guide-section data-guide-scopes=\"\(attribute(section.scopes))\"\(shown == nil ? " hidden" : "")>\n", exit: "</section>\n")
        }
        appendMarkdown(section.title, as: .inline, to: container.appendHeading(level: 2))
        appendBody(content: section.content, list: section.list, to: container)
        guard !section.steps.isEmpty else { return }

        let shownSteps = Dictionary(uniqueKeysWithValues: (shown?.steps ?? []).map { ($0.index, $0) })
        if isHTML {
            let list = container.appendRawBlock(enter: "<ol class=\"sg-steps\">\n", exit: "</ol>\n")
            for (index, step) in section.steps.enumerated() {
                if let tailoredStep = shownSteps[index] {
                    appendHTMLStep(step, tailored: tailoredStep, to: list)
                } else if includesHidden {
                    appendHTMLStep(step, tailored: nil, to: list)
                }
            }
        } else {
            let list = container.appendList(ordered: true, tight: false)
            for index in section.steps.indices {
                guard let tailoredStep = shownSteps[index] else { continue }
                appendMarkdownStep(section.steps[index], tailored: tailoredStep, to: list.appendItem())
            }
        }
    }

    private func appendMarkdownStep(_ step: Step, tailored: TailoredGuide.TailoredStep, to item: CMarkNode) {
        let title = item.appendParagraph().append(CMARK_NODE_STRONG)
        appendMarkdown(step.title, as: .inline, to: title)
        if !tailored.badge.isEmpty {
            item.appendParagraph().appendEmphasis("Enables actions: " + tailored.badge.joined(separator: ", "))
        }
        appendBody(content: step.content, list: step.list, to: item)
        if !tailored.displayScopes.isEmpty {
            let list = item.appendList(ordered: false)
            for scope in tailored.displayScopes {
                list.appendItem().appendParagraph().appendCode(scope.rawValue)
            }
        }
    }

    /// `tailored` is `nil` for a step the selection hides, kept for the page's script.
    private func appendHTMLStep(_ step: Step, tailored: TailoredGuide.TailoredStep?, to list: CMarkNode) {
        let displayScopes = attribute(step.displayScopes)
        let item = list.appendRawBlock(enter: "<li class=\"sg-step\" data-guide-step data-guide-scopes=\"\(attribute(step.scopes))\" data-guide-display-scopes-list=\"\(displayScopes)\"\(tailored == nil ? " hidden" : "")>\n", exit: "</li>\n")
        appendMarkdown(step.title, as: .inline, to: item.appendHeading(level: 3))
        if !step.scopes.isEmpty {
            let badge = tailored?.badge ?? []
            let labels = badge.map(HTMLEscaping.escape).joined(separator: ", ")
            _ = item.appendRawBlock(enter: "<div class=\"sg-badge\" data-guide-actions-badge data-guide-actions-badge-scopes=\"\(displayScopes)\"\(badge.isEmpty ? " hidden" : "")><span>Enables actions: </span><span data-guide-actions-badge-labels>\(labels)</span></div>\n", exit: "")
        }
        appendBody(content: step.content, list: step.list, to: item)
        let shown = Set(tailored?.displayScopes ?? [])
        guard includesHidden ? !step.displayScopes.isEmpty : !shown.isEmpty else { return }
        var html = "<ul class=\"sg-scopes\" data-guide-display-scopes>\n"
        for scope in step.displayScopes where includesHidden || shown.contains(scope) {
            let name = HTMLEscaping.escape(scope.rawValue)
            html += "<li data-guide-display-scope=\"\(name)\"\(shown.contains(scope) ? "" : " hidden")>"
            html += "<button type=\"button\" class=\"sg-copy\" data-copy=\"\(name)\" aria-label=\"Copy \(name)\" title=\"Copy scope\">"
            html += "<code>\(name)</code>"
            html += Self.copyIcon
            html += "</button></li>\n"
        }
        html += "</ul>\n"
        _ = item.appendRawBlock(enter: html, exit: "")
    }

    /// Markdown `content` then `list` as a bullet list, variables substituted.
    private func appendBody(content: String?, list: [String], to parent: CMarkNode) {
        if let content { appendMarkdown(content, as: .block, to: parent) }
        guard !list.isEmpty else { return }
        let bullets = parent.appendList(ordered: false)
        for entry in list {
            appendMarkdown(entry, as: .inline, to: bullets.appendItem().appendParagraph())
        }
    }

    /// Appends guide text `markdown`, variables substituted, parsed once per catalogue: as cmark's
    /// own safe HTML in the HTML flavor, as rebuilt nodes in the Markdown flavor (see
    /// ``MarkdownFragment``).
    private func appendMarkdown(_ markdown: String, as kind: MarkdownFragment.Kind, to parent: CMarkNode) {
        let fragment = cache.fragment(variables.substitute(markdown), kind: kind, isCacheable: variables.isCacheable(markdown))
        guard isHTML else {
            parent.append(fragment.nodes)
            return
        }
        guard !fragment.html.isEmpty else { return }
        switch kind {
        case .block: _ = parent.appendRawBlock(enter: fragment.html)
        case .inline: parent.appendRawInline(fragment.html)
        }
    }

    /// Two overlapping sheets, drawn inline: the "⧉" of the seed is missing from common fonts.
    static let copyIcon = "<svg class=\"sg-copy-icon\" aria-hidden=\"true\" width=\"12\" height=\"12\" viewBox=\"0 0 16 16\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"><rect x=\"5\" y=\"5\" width=\"9\" height=\"9\" rx=\"1.5\"/><path d=\"M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5\"/></svg>"

    private func attribute(_ scopes: [Scope]) -> String {
        var joined = ""
        for (index, scope) in scopes.enumerated() {
            if index > 0 { joined += "," }
            joined += scope.rawValue
        }
        return HTMLEscaping.escape(joined)
    }
}
