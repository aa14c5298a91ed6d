import ScopeGuideCore

/// A guide's texts made ready for rendering once, so a tailored render only picks and joins
/// pieces: every Markdown text parsed (``MarkdownFragment``), and each section's and step's
/// HTML that does not depend on the selection rendered by cmark in advance.
///
/// What stays per request is what the selection changes: which steps and sections are hidden,
/// the badges and the displayed scopes. ``RenderCache`` keeps one per guide and whitelabel
/// variant when no customer value reaches the texts; otherwise one is prepared per render.
struct PreparedGuide: Sendable {
    struct PreparedSection: Sendable {
        var title: MarkdownFragment
        var body: Body
        /// `data-guide-scopes` of the section, escaped.
        var scopesAttribute: String
        /// `<h2>` and the body, as cmark renders them.
        var headHTML: String
        var steps: [PreparedStep]
    }

    struct PreparedStep: Sendable {
        var title: MarkdownFragment
        var body: Body
        /// `data-guide-scopes` and `data-guide-display-scopes-list` of the step, escaped.
        var scopesAttribute: String
        var displayScopesAttribute: String
        /// `<h3>` with the title, as cmark renders it.
        var titleHTML: String
        /// One `<li>` per display scope, shown and hidden, in display order.
        var scopeItems: [ScopeItem]
    }

    struct ScopeItem: Sendable {
        var scope: Scope
        var shown: String
        var hidden: String
    }

    /// A section's or step's `content` and `list`.
    struct Body: Sendable {
        var content: MarkdownFragment?
        var list: [MarkdownFragment]
        /// The content then the list as a bullet list, as cmark renders them.
        var html: String
    }

    var warning: MarkdownFragment?
    var sections: [PreparedSection]

    /// Prepares `guide`'s texts with `variables` substituted for the output `form` (``MarkdownFragment/Forms/html``
    /// or ``MarkdownFragment/Forms/markdown``), taking fragments from `cache`. The HTML pieces
    /// are empty when preparing for Markdown.
    init(_ guide: Guide, variables: TextVariables, cache: RenderCache, form: MarkdownFragment.Forms) {
        let makesHTML = form.contains(.html)
        func fragment(_ markdown: String, _ kind: MarkdownFragment.Kind) -> MarkdownFragment {
            let substituted = variables.substitute(markdown)
            return cache.fragment(
                substituted.markdown, kind: kind, customerValues: substituted.customerValues, isCacheable: variables.isCacheable(markdown),
                forms: form)
        }
        func html(_ build: (CMarkNode) -> Void) -> String { makesHTML ? Self.html(build) : "" }
        func body(content: String?, list: [String]) -> Body {
            let content = content.map { fragment($0, .block) }
            let list = list.map { fragment($0, .inline) }
            return Body(content: content, list: list, html: html { Self.appendHTML(content: content, list: list, to: $0) })
        }
        warning = guide.warning.map { fragment($0, .inline) }
        sections = guide.sections.map { section in
            let title = fragment(section.title, .inline)
            let sectionBody = body(content: section.content, list: section.list)
            let steps = section.steps.map { step in
                let title = fragment(step.title, .inline)
                return PreparedStep(
                    title: title, body: body(content: step.content, list: step.list),
                    scopesAttribute: Self.attribute(step.scopes), displayScopesAttribute: Self.attribute(step.displayScopes),
                    titleHTML: html { $0.appendHeading(level: 3).appendRawInline(title.html) },
                    scopeItems: makesHTML ? step.displayScopes.map(Self.scopeItem) : [])
            }
            return PreparedSection(
                title: title, body: sectionBody, scopesAttribute: Self.attribute(section.scopes),
                headHTML: html { $0.appendHeading(level: 2).appendRawInline(title.html) } + sectionBody.html,
                steps: steps)
        }
    }

    /// Appends `content`'s HTML, then `list` as a bullet list of its items' HTML.
    static func appendHTML(content: MarkdownFragment?, list: [MarkdownFragment], to parent: CMarkNode) {
        if let content, !content.html.isEmpty { _ = parent.appendRawBlock(enter: content.html) }
        guard !list.isEmpty else { return }
        let bullets = parent.appendList(ordered: false)
        for entry in list {
            let paragraph = bullets.appendItem().appendParagraph()
            if !entry.html.isEmpty { paragraph.appendRawInline(entry.html) }
        }
    }

    /// What cmark renders for the nodes `build` appends to an empty document. The pieces end in a
    /// newline (or are empty), so joining them gives the bytes one document holding them all would.
    private static func html(_ build: (CMarkNode) -> Void) -> String {
        let document = CMarkDocument()
        build(document.root)
        return document.render(.html)
    }

    private static func scopeItem(_ scope: Scope) -> ScopeItem {
        let name = HTMLEscaping.escape(scope.rawValue)
        let button = "<button type=\"button\" class=\"sg-copy\" data-copy=\"\(name)\" aria-label=\"Copy \(name)\" title=\"Copy scope\">"
            + "<code>\(name)</code>" + copyIcon + "</button></li>\n"
        return ScopeItem(
            scope: scope,
            shown: "<li data-guide-display-scope=\"\(name)\">" + button,
            hidden: "<li data-guide-display-scope=\"\(name)\" hidden>" + button)
    }

    /// Scopes comma-joined and escaped, as the `data-guide-*scopes*` attributes hold them.
    static func attribute(_ scopes: [Scope]) -> String {
        HTMLEscaping.escape(scopes.map(\.rawValue).joined(separator: ","))
    }

    /// Two overlapping sheets, drawn by the stylesheet: the "⧉" of the seed is missing from common
    /// fonts, and an inline SVG here was 285 bytes on every display scope, a sixth of a built page.
    static let copyIcon = "<span class=\"sg-copy-icon\" aria-hidden=\"true\"></span>"
}
