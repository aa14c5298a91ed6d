import ScopeGuideCore


/// Builds the cmark tree of a tailored guide, for Markdown output or for HTML.
///
/// One builder serves both formats so they cannot drift apart. The Markdown flavor uses
/// CommonMark nodes, with block text spliced as cmark rendered it (see ``MarkdownFragment``);
/// the HTML flavor joins each section's pieces, rendered once by cmark (see ``PreparedGuide``),
/// into raw blocks that carry the `data-guide-*` attributes of seed 002, and can keep hidden
/// steps (with `hidden`) so the page's script can reveal them.
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
    let flavor: Flavor
    /// The catalogue's rendered parts, shared by every render.
    let cache: RenderCache
    /// The guide's texts, parsed and partly rendered.
    let prepared: PreparedGuide
    /// Whether the guide starts with its title as a level-1 heading.
    var titleHeading = true

    init(tailored: TailoredGuide, url: GuideURL, site: Site, variables: TextVariables, flavor: Flavor, cache: RenderCache) {
        self.tailored = tailored
        self.url = url
        self.site = site
        self.flavor = flavor
        self.cache = cache
        prepared = cache.preparedGuide(tailored, variables: variables, form: flavor == .markdown ? .markdown : .html)
    }

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
        // Front matter carries the title when there is some: static-site generators show it as the
        // page's heading, and a second `#` heading would be a second H1.
        if titleHeading { root.appendHeading(level: 1).appendText(title) }
        if let warning = prepared.warning {
            let container = isHTML ? root.appendRawBlock(enter: "<div class=\"sg-warning\" role=\"note\">\n", exit: "</div>\n") : root.appendBlockQuote()
            let paragraph = container.appendParagraph()
            paragraph.appendStrong("Warning:")
            paragraph.appendText(" ")
            if isHTML {
                if !warning.html.isEmpty { paragraph.appendRawInline(warning.html) }
            } else {
                paragraph.append(warning.nodes)
            }
        }
        if case .html(_, let panel?) = flavor {
            _ = root.appendRawBlock(enter: panel)
            // The panel shows the scopes; the notes say how the URL's answer was reached, and the
            // page's script hides them once the reader changes what the URL asked for.
            let notes = GuideNote.notes(for: tailored)
            if !notes.isEmpty {
                let container = root.appendRawBlock(enter: "<div class=\"sg-summary\" data-guide-notes>\n", exit: "</div>\n")
                for note in notes { note.append(to: container) }
            }
        } else {
            appendScopeSummary(to: root)
        }
        if let plan = tailored.stages {
            ConsentStagesPart(tailored: tailored, plan: plan, variables: url.variables).append(to: root, isHTML: isHTML)
        }
        let visible = Dictionary(uniqueKeysWithValues: tailored.sections.map { ($0.index, $0) })
        for index in tailored.guide.sections.indices {
            if let shown = visible[index] {
                appendSection(index, shown: shown, to: root)
            } else if includesHidden {
                appendSection(index, shown: nil, to: root)
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
        // The raw value: interpolating the enum itself reflected it (a Mirror) on every render.
        let key = "hub/\(format.rawValue)/\(tailored.connector.key)/\(tailored.method.slug)/\(tailored.kind.rawValue)"
        return cache.part(key) {
            let document = CMarkDocument()
            HubPart(tailored: tailored, site: site).append(to: document.root)
            return document.render(format)
        }
    }

    var title: String { GuideHeadline(tailored, site: site).title }

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
        let nothingToChange = resolution.grant.map { !$0.reconsent } ?? false
        if resolution.scopes.isEmpty || nothingToChange {
            paragraph.appendStrong("Scopes to grant:")
            paragraph.appendText(nothingToChange ? " none: nothing needs to change at the provider." : " none")
        } else {
            paragraph.appendStrong("Scopes to grant")
            paragraph.appendText(" (\(url.separator.rawValue)-separated):")
            container.appendCodeBlock(url.separator.join(resolution.scopes))
        }
        for note in GuideNote.notes(for: tailored) { note.append(to: container) }
        appendLinkLine("Dynamic guide URL:", url.description, to: container)
        if !nothingToChange, let authorize = AuthorizeURL.make(for: tailored.method, scopes: resolution.scopes, variables: url.variables) {
            let missing = AuthorizeURL.missingVariables(in: url.variables)
            if missing.isEmpty {
                appendLinkLine("Authorize URL:", authorize, to: container)
            } else {
                // A template is shown, not linked: opened, the provider would answer with an error page.
                let paragraph = container.appendParagraph()
                paragraph.appendStrong("Authorize URL template:")
                paragraph.appendText(" fill in " + missing.map { "{\($0)}" }.joined(separator: " and ")
                    + " (or give them as variables, e.g. " + missing.map { "var.\($0)=…" }.joined(separator: "&") + "): ")
                paragraph.appendCode(authorize)
            }
        }
    }

    private func appendLinkLine(_ label: String, _ target: String, to parent: CMarkNode) {
        let paragraph = parent.appendParagraph()
        paragraph.appendStrong(label)
        paragraph.appendText(" ")
        // The dynamic URL's base is the site's `docsBaseURL`, or the server's own address
        // (`http:` to any host) when it links to itself; any other scheme stays text.
        if WebAddress.isAllowed(target) || target.lowercased().hasPrefix("http://") {
            paragraph.appendLink(target, url: target)
        } else {
            paragraph.appendText(target)
        }
    }

    // MARK: Sections and steps

    /// `shown` is the tailored section, or `nil` for a hidden one kept for the page's script.
    private func appendSection(_ index: Int, shown: TailoredGuide.TailoredSection?, to root: CMarkNode) {
        let section = tailored.guide.sections[index], prepared = self.prepared.sections[index]
        let shownSteps = Dictionary(uniqueKeysWithValues: (shown?.steps ?? []).map { ($0.index, $0) })
        guard isHTML else {
            root.appendHeading(level: 2).append(prepared.title.nodes)
            appendMarkdownBody(prepared.body, followedByList: !section.steps.isEmpty, to: root)
            guard !section.steps.isEmpty else { return }
            let list = root.appendList(ordered: true, tight: false)
            for index in section.steps.indices {
                guard let tailoredStep = shownSteps[index] else { continue }
                appendMarkdownStep(prepared.steps[index], tailored: tailoredStep, to: list.appendItem())
            }
            return
        }
        // The section's HTML is joined from pieces cmark rendered when the guide was prepared
        // (see ``PreparedGuide``) and added as one block: cmark would print the same bytes for
        // the equivalent tree of blocks, at many times the cost.
        var html = "<section class=\"sg-section\" data-guide-section data-guide-scopes=\"\(prepared.scopesAttribute)\"\(shown == nil ? " hidden" : "")>\n"
        html += prepared.headHTML
        if !section.steps.isEmpty {
            html += "<ol class=\"sg-steps\">\n"
            for (index, step) in section.steps.enumerated() {
                if let tailoredStep = shownSteps[index] {
                    appendHTMLStep(step, prepared.steps[index], tailored: tailoredStep, to: &html)
                } else if includesHidden {
                    appendHTMLStep(step, prepared.steps[index], tailored: nil, to: &html)
                }
            }
            html += "</ol>\n"
        }
        html += "</section>\n"
        _ = root.appendRawBlock(enter: html)
    }

    private func appendMarkdownStep(_ step: PreparedGuide.PreparedStep, tailored: TailoredGuide.TailoredStep, to item: CMarkNode) {
        item.appendParagraph().appendStrong().append(step.title.nodes)
        if !tailored.badge.isEmpty {
            item.appendParagraph().appendEmphasis("Enables actions: " + tailored.badge.joined(separator: ", "))
        }
        appendMarkdownBody(step.body, followedByList: !tailored.displayScopes.isEmpty, to: item)
        if !tailored.displayScopes.isEmpty {
            let list = item.appendList(ordered: false)
            for scope in tailored.displayScopes {
                list.appendItem().appendParagraph().appendCode(scope.rawValue)
            }
        }
    }

    /// `tailored` is `nil` for a step the selection hides, kept for the page's script.
    private func appendHTMLStep(_ step: Step, _ prepared: PreparedGuide.PreparedStep, tailored: TailoredGuide.TailoredStep?, to html: inout String) {
        html += "<li class=\"sg-step\" data-guide-step data-guide-scopes=\"\(prepared.scopesAttribute)\" data-guide-display-scopes-list=\"\(prepared.displayScopesAttribute)\"\(tailored == nil ? " hidden" : "")>\n"
        html += prepared.titleHTML
        if !step.scopes.isEmpty {
            let badge = tailored?.badge ?? []
            html += "<div class=\"sg-badge\" data-guide-actions-badge data-guide-actions-badge-scopes=\"\(prepared.displayScopesAttribute)\"\(badge.isEmpty ? " hidden" : "")><span>Enables actions: </span><span data-guide-actions-badge-labels>"
            for (index, label) in badge.enumerated() {
                if index > 0 { html += ", " }
                html += HTMLEscaping.escape(label)
            }
            html += "</span></div>\n"
        }
        html += prepared.body.html
        let shown = tailored?.displayScopes ?? []
        if includesHidden ? !prepared.scopeItems.isEmpty : !shown.isEmpty {
            html += "<ul class=\"sg-scopes\" data-guide-display-scopes>\n"
            for item in prepared.scopeItems {
                // Display scopes are few (a handful per step), so a linear search beats a set.
                if shown.contains(item.scope) {
                    html += item.shown
                } else if includesHidden {
                    html += item.hidden
                }
            }
            html += "</ul>\n"
        }
        html += "</li>\n"
    }

    /// A body's content, spliced as cmark rendered it (see ``MarkdownFragment``), then its list
    /// as a bullet list rebuilt from the parsed nodes. `followedByList`: a list comes next.
    private func appendMarkdownBody(_ body: PreparedGuide.Body, followedByList: Bool, to parent: CMarkNode) {
        if let content = body.content {
            let text = content.commonMark(beforeList: followedByList || !body.list.isEmpty)
            if !text.isEmpty { parent.appendRenderedCommonMark(text) }
        }
        guard !body.list.isEmpty else { return }
        let bullets = parent.appendList(ordered: false)
        for entry in body.list {
            bullets.appendItem().appendParagraph().append(entry.nodes)
        }
    }
}
