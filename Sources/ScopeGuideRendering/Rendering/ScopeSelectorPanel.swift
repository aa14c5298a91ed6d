import ScopeGuideCore

/// The "Select actions to adjust the guide" panel of seed 002, as generated HTML: a summary of
/// the selection that stays in view (a count and a removable chip per action), search over
/// actions and scopes, select all and clear, a checkbox row per selected action and per search
/// match (the first ``rowLimit``), an input per guide variable, the dynamic URL, the selected
/// scopes (with the separator choice, and each scope's description and privilege level), and the
/// "Already granted" and "Cannot grant" boxes, folded away until used, with the report of what
/// they change. Every value from a guide or request is escaped; the page script keeps the same
/// elements up to date.
struct ScopeSelectorPanel {
    /// Rows shown besides the selected actions: the first matches of the search (with no search,
    /// the first actions), so a catalogue of 10,000 actions does not put 10,000 rows on the page.
    static let rowLimit = 200

    /// Every action's checkbox row, unchecked, in catalogue order, with where its `checked`
    /// attribute would go: the same for every selection, so built once per catalogue, and a page
    /// copies the first ``rowLimit`` rows in a few pieces (cut at its selected actions) rather
    /// than row by row.
    struct ActionRows: Sendable {
        /// The rows, one after another.
        var text = ""
        /// Where each row of ``text`` starts, and its end.
        var starts: [String.Index] = []
        /// Where ` checked` goes in each row.
        var checkedAt: [String.Index] = []

        var count: Int { checkedAt.count }
        /// How many rows a page shows besides its selected actions.
        var leadingCount: Int { min(rowLimit, count) }
    }

    let tailored: TailoredGuide
    let url: GuideURL
    /// ``actionRows(for:)`` of the connector.
    let actionRows: ActionRows
    /// Numbers the connector's scopes, in `scopeDefinitions` order: finds a scope's definition.
    let graph: ScopeGraph

    static func actionRows(for connector: Connector) -> ActionRows {
        let e = HTMLEscaping.escape
        var rows = ActionRows()
        // Appended piece by piece into one text: a string per row and its interpolations made
        // this a tenth of a site build's page work.
        for action in connector.actions {
            let id = e(action.id.rawValue), label = e(action.label)
            rows.starts.append(rows.text.endIndex)
            rows.text += "<label class=\"sg-action\" data-guide-action=\""
            rows.text += id
            rows.text += "\" data-guide-action-label=\""
            rows.text += label
            rows.text += "\"><input type=\"checkbox\" value=\""
            rows.text += id
            rows.text += "\""
            rows.checkedAt.append(rows.text.endIndex)
            rows.text += "><span class=\"sg-action-label\">"
            rows.text += label
            rows.text += "</span><span class=\"sg-action-scopes\">"
            rows.text += e(action.requirement.alternatives.map { $0.map(\.rawValue).joined(separator: " + ") }.joined(separator: " or "))
            rows.text += "</span></label>\n"
        }
        rows.starts.append(rows.text.endIndex)
        return rows
    }

    /// The rows a page shows: the first ``rowLimit`` actions, then the selected actions after
    /// them, in catalogue order, each selected one checked.
    private func appendRows(to html: inout String) {
        let rows = actionRows
        // A selection lists its actions in catalogue order, so the positions come ascending.
        let positions = tailored.resolution.selection.actions.compactMap(tailored.connector.position(of:))
        var copied = 0
        func appendChecked(_ position: Int) {
            html += rows.text[rows.starts[position]..<rows.checkedAt[position]]
            html += " checked"
            html += rows.text[rows.checkedAt[position]..<rows.starts[position + 1]]
        }
        for position in positions where position < rows.leadingCount {
            html += rows.text[rows.starts[copied]..<rows.starts[position]]
            appendChecked(position)
            copied = position + 1
        }
        html += rows.text[rows.starts[copied]..<rows.starts[rows.leadingCount]]
        for position in positions where position >= rows.leadingCount { appendChecked(position) }
    }

    func html() -> String {
        let e = HTMLEscaping.escape
        var html = """
            <section class="sg-panel" data-guides-scope-selector aria-labelledby="sg-panel-title">
            <h2 id="sg-panel-title">Select actions to adjust the guide</h2>
            <p class="sg-muted">Some actions may require additional configuration in the provider to be accessible. Choose the actions you need and the guide will be updated.</p>

            """
        html += selectionSummaryHTML()
        html += """
            <div class="sg-toolbar">
            <input type="search" class="sg-input" placeholder="Search actions or scopes..." aria-label="Search actions and scopes" data-guide-action-search>
            <button type="button" class="sg-button" data-guide-select-all>Select all</button>
            <button type="button" class="sg-button" data-guide-clear>Clear</button>
            </div>
            <div class="sg-scope-matches" aria-live="polite" data-guide-scope-matches hidden></div>
            <div class="sg-action-list" role="group" aria-label="Actions" data-guide-action-list data-guide-action-limit="\(Self.rowLimit)">
            <div class="sg-action-header" aria-hidden="true"><span></span><span>Action</span><span>Scope(s)</span></div>

            """
        html.reserveCapacity(html.utf8.count + actionRows.text.utf8.distance(from: actionRows.text.startIndex, to: actionRows.starts[actionRows.leadingCount]) + tailored.resolution.selection.actions.count * 512 + 8192)
        appendRows(to: &html)
        html += """
            <p class="sg-muted sg-no-results" data-guide-no-results\(actionRows.count == 0 ? "" : " hidden")>No actions match your search.</p>
            </div>
            <p class="sg-muted" aria-live="polite" data-guide-action-count>\(Self.grouped(min(Self.rowLimit, actionRows.count))) of \(Self.grouped(actionRows.count)) matching actions shown</p>

            """
        html += variablesHTML()
        html += """
            <p class="sg-error" role="alert" data-guide-url-error hidden></p>
            <div class="sg-output">
            <label class="sg-muted" for="sg-url">Dynamic Guide URL</label>
            <div class="sg-row">
            <input id="sg-url" type="text" class="sg-input sg-mono" readonly value="\(e(url.description))" data-guide-url>
            <button type="button" class="sg-button sg-primary" data-guide-copy-url>Copy URL</button>
            </div>
            <label class="sg-muted" for="sg-scopes">Scopes Selected</label>
            <div class="sg-row">
            <pre id="sg-scopes" class="sg-input sg-mono sg-scopes-output" role="textbox" aria-readonly="true" tabindex="0" data-guide-scopes-output>\(e(url.separator.join(tailored.resolution.scopes)))</pre>
            <div class="sg-column">
            <label class="sg-muted" for="sg-separator">Separator</label>
            <select id="sg-separator" class="sg-input" data-guide-scope-delimiter>

            """
        for separator in Separator.allCases {
            html += "<option value=\"\(separator.rawValue)\"\(separator == url.separator ? " selected" : "")>\(separator.label)</option>\n"
        }
        html += """
            </select>
            <button type="button" class="sg-button sg-primary" data-guide-copy-scopes>Copy scopes</button>
            </div>
            </div>

            """
        html += scopeDetailsHTML()
        let method = tailored.method
        if let authorize = AuthorizeURL.make(for: method, scopes: tailored.resolution.scopes, variables: url.variables), let base = method.authorizationURL {
            // A template (client_id or redirect_uri not given) has no href: not a link to an error page.
            let href = AuthorizeURL.missingVariables(in: url.variables).isEmpty ? " href=\"\(e(authorize))\"" : ""
            html += "<p class=\"sg-muted sg-authorize\">Authorize URL: <a class=\"sg-mono\" data-guide-authorize-url data-authorize-base=\"\(e(base))\" "
                + "data-scope-delimiter=\"\(e(method.scopeDelimiter))\" data-grant-change=\"\(method.grantChange.rawValue)\"\(href)>\(e(authorize))</a></p>\n"
        }
        if method.prefill != nil {
            // The script rebuilds the link for each selection (prefillLink in guide-engine.js).
            let link = tailored.resolution.grant?.reconsent == false ? nil
                : PrefillLink.make(for: method, of: tailored.connector, scopes: tailored.resolution.scopes, actions: tailored.resolution.selection.actions)
            let label = link?.kind.openLabel ?? method.prefill!.kind.openLabel
            let anchor = link?.url.map { "<a class=\"sg-mono\" data-guide-prefill-url href=\"\(e($0))\">\(e($0))</a>" }
                ?? "<a class=\"sg-mono\" data-guide-prefill-url></a>"
            html += "<p class=\"sg-muted\" data-guide-prefill\(link?.url == nil ? " hidden" : "")><span data-guide-prefill-label>\(e(label))</span> \(anchor)</p>\n"
        }
        html += "</div>\n"
        html += constraintsHTML()
        return html + "</section>\n"
    }

    /// The report under the "Already granted" and "Cannot grant" boxes, line by line: its key
    /// (`data-guide-report`), label and text, `nil` for a line not shown. What the grant enables,
    /// what to add, re-consent, what replacing the grant drops or what could be revoked, what is
    /// unavailable. The page script writes the same lines (`reportLines` in guide-engine.js,
    /// held to these by the engine vectors, reportLines.json).
    static func reportLines(for tailored: TailoredGuide) -> [(key: String, label: String, text: String?)] {
        let resolution = tailored.resolution
        let labels = { (ids: [ActionID]) in
            let connector = tailored.connector
            return Set(ids.compactMap(connector.position(of:))).sorted().map { connector.actions[$0].label }.joined(separator: ", ")
        }
        let grant = resolution.grant
        return [
            ("enabled", "Already enabled by the grant:", grant.map { $0.enabled.isEmpty ? "none of the selected actions" : labels($0.enabled) }),
            ("add", "Scopes to add:", grant.map { $0.add.isEmpty ? "nothing" : $0.add.map(\.rawValue).joined(separator: " ") }),
            ("reconsent", "Re-consent:", grant.map {
                GuideNote.reconsentText(needed: $0.reconsent, someUnavailable: !resolution.unavailable.isEmpty, change: $0.change, text: tailored.method.grantChangeText)
            }),
            ("dropped", "Dropped:", grant.flatMap { $0.change.replacesGrant && $0.reconsent && !$0.drop.isEmpty ? GuideNote.droppedText($0.drop, change: $0.change) : nil }),
            ("unneeded", "Granted but not needed (candidates to revoke):", grant.flatMap { $0.change.replacesGrant || $0.unneeded.isEmpty ? nil : $0.unneeded.map(\.rawValue).joined(separator: " ") }),
            ("unavailable", "Unavailable (every way needs a refused scope):", resolution.unavailable.isEmpty ? nil : labels(resolution.unavailable)),
        ]
    }

    /// The "Already granted" and "Cannot grant" boxes (scope names, any of the separators
    /// `granted=` accepts) in a `<details>` that is open when the URL gives either, so they do not
    /// crowd the URL and scopes of a customer who has neither; then the report of the resolution
    /// (``reportLines(for:)``). Each scope of the answer gets its "Can't grant" button in the
    /// scope list (``scopeDetailsHTML()``).
    private func constraintsHTML() -> String {
        let e = HTMLEscaping.escape
        let lines = Self.reportLines(for: tailored)
        let constraints = url.constraints
        var html = """
            <details class="sg-constraints" data-guide-constraints\(constraints.isEmpty ? "" : " open")>
            <summary>Existing grant and refused scopes<span class="sg-muted" data-guide-constraints-summary>\(e(Self.constraintsSummary(granted: constraints.granted.count, refused: constraints.refused.count)))</span></summary>
            <div class="sg-constraint-boxes">
            <div class="sg-column sg-grow">
            <label class="sg-muted" for="sg-granted">Already granted: the scopes the customer's credential has (any separator)</label>
            <textarea id="sg-granted" class="sg-input sg-mono" rows="2" spellcheck="false" data-guide-granted>\(e(constraints.granted.map(\.rawValue).joined(separator: " ")))</textarea>
            </div>
            <div class="sg-column sg-grow">
            <label class="sg-muted" for="sg-refused">Cannot grant: scopes the customer's admin will not grant</label>
            <textarea id="sg-refused" class="sg-input sg-mono" rows="2" spellcheck="false" data-guide-refused>\(e(constraints.refused.map(\.rawValue).joined(separator: " ")))</textarea>
            </div>
            </div>
            <p class="sg-error" role="alert" data-guide-constraint-error hidden></p>
            </details>
            <div class="sg-report" aria-live="polite" data-guide-constraint-report\(lines.allSatisfy { $0.text == nil } ? " hidden" : "")>

            """
        for line in lines {
            html += "<p data-guide-report=\"\(line.key)\"\(line.text == nil ? " hidden" : "")><strong>\(e(line.label))</strong> "
                + "<span data-guide-report-text>\(e(line.text ?? ""))</span></p>\n"
        }
        return html + "</div>\n"
    }

    /// What the folded boxes hold, after their title: ": 2 granted, 1 refused", or nothing.
    /// The script writes the same (`constraintsSummary` in guide-page.js).
    static func constraintsSummary(granted: Int, refused: Int) -> String {
        let parts = (granted > 0 ? ["\(grouped(granted)) granted"] : []) + (refused > 0 ? ["\(grouped(refused)) refused"] : [])
        return parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")
    }

    /// `count` with its digits grouped by commas ("4,312"), as the script writes it.
    static func grouped(_ count: Int) -> String {
        let digits = Array(String(count))
        return String(digits.enumerated().flatMap { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
        })
    }
}
