import ScopeGuideCore
import Yams

/// A guide as the MDX page StackOne publishes it on its Mintlify docs site, the form
/// `scopeguide import` reads: front matter (`title`, `description`), then the warning as
/// `<Warning>`, the scope selector `<Panel>` (``MDXScopeSelectorPanel``), each shown section as
/// `<section data-guide-section data-guide-scopes>` with its `<Steps>`, each `<Step title>`
/// holding a `<div data-guide-step data-guide-scopes data-guide-display-scopes-list>` with its
/// "Enables actions" badge, text and copyable scopes, and the hub part (``MDXHubPart``).
///
/// Tailored, it holds the sections and steps the selection shows, their badges and the scopes
/// to grant among their display scopes (the attributes keep each step's full lists, which the
/// Hub's script reads). Text is written by ``MDXText``; variables take their values, as in every
/// output (`{{platformName}}` the platform's name, a variable without a value `‹name›`).
struct MDXPage {
    let tailored: TailoredGuide
    let url: GuideURL
    let site: Site
    let variables: TextVariables

    func render() -> String {
        var blocks: [String] = []
        if let warning = tailored.guide.warning { blocks.append("<Warning>" + MDXText.inline(inlines(warning)) + "</Warning>") }
        if let panel = MDXScopeSelectorPanel.mdx(for: tailored.connector) { blocks.append(panel) }
        for shown in tailored.sections { blocks.append(section(shown)) }
        if !url.isWhitelabel { blocks.append(MDXHubPart(tailored: tailored, site: site).mdx()) }
        return frontMatter() + blocks.joined(separator: "\n\n") + "\n"
    }

    /// `---`, `title` and `description` (Mintlify's keys, which its page shows as the H1 and the
    /// summary under it), `---`, then a blank line.
    private func frontMatter() -> String {
        let headline = GuideHeadline(tailored, site: site, isWhitelabel: url.isWhitelabel)
        let pairs: [(Node, Node)] = [
            (Node("title"), .scalar(GuideFrontMatter.scalar(headline.title))),
            (Node("description"), .scalar(GuideFrontMatter.scalar(headline.description))),
        ]
        // Serialising a mapping of strings cannot fail; an empty block would only drop the header.
        let body = (try? Yams.serialize(node: .mapping(.init(pairs)), width: -1, allowUnicode: true)) ?? ""
        return "---\n" + body + "---\n\n"
    }

    // MARK: Sections and steps

    private func section(_ shown: TailoredGuide.TailoredSection) -> String {
        let section = shown.section
        var children = ["  <h2>" + MDXText.inline(inlines(section.title)) + "</h2>"]
        children += body(section.content, list: section.list, indent: 2)
        if !shown.steps.isEmpty {
            children.append("  <Steps>\n" + shown.steps.map(step).joined(separator: "\n\n") + "\n  </Steps>")
        }
        let open = "<section data-guide-section data-guide-scopes=\"\(Self.scopeList(section.scopes))\">"
        return open + "\n" + children.joined(separator: "\n\n") + "\n</section>"
    }

    private func step(_ shown: TailoredGuide.TailoredStep) -> String {
        let step = shown.step
        let display = Self.scopeList(step.displayScopes)
        var children: [String] = []
        if !step.scopes.isEmpty {
            children.append(
                "        <div className=\"connector-guide-actions-badge\" data-guide-actions-badge data-guide-actions-badge-scopes=\"\(display)\" style={{ display: 'block', width: 'fit-content', maxWidth: '100%', padding: '2px 8px', borderRadius: '8px', fontSize: '12px', marginBottom: '8px', marginTop: '-10px', whiteSpace: 'nowrap', overflowX: 'auto', overflowY: 'hidden', msOverflowStyle: 'none', scrollbarWidth: 'none' }}>\n"
                    + "          <span>Enables actions: </span><span data-guide-actions-badge-labels>"
                    + shown.badge.map(MDXText.escaped).joined(separator: ", ") + "</span>\n"
                    + "        </div>")
        }
        children += body(step.content, list: step.list, indent: 8)
        if !shown.displayScopes.isEmpty { children.append(Self.displayScopes(shown.displayScopes)) }
        let title = MDXText.attribute(MarkdownNode.plainText(inlines(step.title)))
        let open = "      <div data-guide-step data-guide-scopes=\"\(Self.scopeList(step.scopes))\" data-guide-display-scopes-list=\"\(display)\">"
        return "    <Step title=\"\(title)\">\n" + open + "\n"
            + (children.isEmpty ? "" : children.joined(separator: "\n\n") + "\n") + "      </div>\n    </Step>"
    }

    /// A section's or step's text, then its list, as blocks at `indent`.
    private func body(_ content: String?, list: [String], indent: Int) -> [String] {
        var blocks = content.map { MDXText.blocks(nodes($0), indent: indent) } ?? []
        if !list.isEmpty { blocks.append(MDXText.list(list.map { MDXText.inline(inlines($0)) }, ordered: false, indent: indent)) }
        return blocks
    }

    /// The step's scopes to grant, each a button that copies it.
    private static func displayScopes(_ scopes: [Scope]) -> String {
        let items = scopes.map { scope in
            let name = MDXText.attribute(scope.rawValue)
            return """
                              <li style={{ overflowWrap: 'anywhere', wordBreak: 'break-word' }} data-guide-display-scope="\(name)">
                                <button type="button" className="connector-guide-scope-copy" aria-label="Copy \(name)" title="Copy scope" data-copy="\(name)">
                                  <span className="connector-guide-scope-copy__label">\(MDXText.escaped(scope.rawValue))</span>
                                  <span className="connector-guide-scope-copy__icon" aria-hidden="true">⧉</span>
                                </button>
                              </li>
                """
        }
        return """
                    <div style={{ marginTop: '8px' }} data-guide-display-scopes>
                      <div className="connector-guide-scopes-container connector-guide-scopes-container--scrollable">
                        <ul className="not-prose" style={{ listStyleType: "'- '", paddingLeft: '1em', margin: 0 }}>
            \(items.joined(separator: "\n\n"))
                        </ul>
                      </div>
                    </div>
            """
    }

    /// Scopes as the `data-guide-*` attributes list them: comma-separated.
    private static func scopeList(_ scopes: [Scope]) -> String { MDXText.attribute(scopes.map(\.rawValue).joined(separator: ",")) }

    // MARK: Text

    /// A guide text, its variables given their values, parsed.
    private func nodes(_ text: String) -> [MarkdownNode] {
        let substituted = variables.substitute(text)
        return CMarkDocument.markdownNodes(parsing: substituted.markdown, customerValues: substituted.customerValues)
    }

    /// A one-line text (a title, a list item, the warning): its paragraph's inlines; text that is
    /// not one paragraph (`# x`, `1. x`) as it is, as plain text, as every output shows it.
    private func inlines(_ text: String) -> [MarkdownNode] {
        let parsed = nodes(text)
        if parsed.count == 1, case .paragraph(let children) = parsed[0] { return children }
        if !parsed.isEmpty, parsed.allSatisfy({ if case .paragraph = $0 { true } else { false } }) {
            // Several paragraphs on one line (a warning): joined by spaces.
            let paragraphs = parsed.map { node -> [MarkdownNode] in
                if case .paragraph(let children) = node { return children }
                return []
            }
            return Array(paragraphs.joined(separator: [MarkdownNode.text(" ")]))
        }
        let substituted = variables.substitute(text)
        return [.text(CustomerText.filling(substituted.markdown, with: substituted.customerValues, CustomerText.asText))]
    }
}
