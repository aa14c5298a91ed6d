/// The "Select actions to adjust the guide" panel of seed 002, as generated HTML: search, select
/// all and clear, one checkbox per action with its scopes, the dynamic URL and the selected
/// scopes with the separator choice. Every value from a guide or request is escaped.
struct ScopeSelectorPanel {
    /// One action's checkbox row, as the HTML before and after the `checked` attribute; the same
    /// for every selection, so built once per catalogue.
    struct ActionRow: Sendable {
        var id: ActionID
        var beforeChecked: String
        var afterChecked: String
    }

    let tailored: TailoredGuide
    let url: GuideURL
    /// ``actionRows(for:)`` of the connector.
    let actionRows: [ActionRow]

    static func actionRows(for connector: Connector) -> [ActionRow] {
        let e = HTMLEscaping.escape
        return connector.actions.map { action in
            let id = e(action.id.rawValue)
            let scopes = e(action.requirement.alternatives.map { $0.map(\.rawValue).joined(separator: " + ") }.joined(separator: " or "))
            return ActionRow(
                id: action.id,
                beforeChecked: "<label class=\"sg-action\" data-guide-action=\"\(id)\" data-guide-action-label=\"\(e(action.label))\">"
                    + "<input type=\"checkbox\" value=\"\(id)\"",
                afterChecked: "><span class=\"sg-action-label\">\(e(action.label))</span>"
                    + "<span class=\"sg-action-scopes\">\(scopes)</span></label>\n")
        }
    }

    func html() -> String {
        let selected = Set(tailored.resolution.selection.actions)
        let e = HTMLEscaping.escape
        var html = """
            <section class="sg-panel" data-guides-scope-selector aria-labelledby="sg-panel-title">
            <h2 id="sg-panel-title">Select actions to adjust the guide</h2>
            <p class="sg-muted">Some actions may require additional configuration in the provider to be accessible. Choose the actions you need and the guide will be updated.</p>
            <div class="sg-toolbar">
            <input type="search" class="sg-input" placeholder="Search actions..." aria-label="Search actions" data-guide-action-search>
            <button type="button" class="sg-button" data-guide-select-all>Select all</button>
            <button type="button" class="sg-button" data-guide-clear>Clear</button>
            </div>
            <div class="sg-action-list" role="group" aria-label="Actions" data-guide-action-list>
            <div class="sg-action-header" aria-hidden="true"><span></span><span>Action</span><span>Scope(s)</span></div>

            """
        html.reserveCapacity(html.utf8.count + actionRows.count * 256 + 4096)
        for row in actionRows {
            html += row.beforeChecked
            if selected.contains(row.id) { html += " checked" }
            html += row.afterChecked
        }
        html += """
            <p class="sg-muted sg-no-results" data-guide-no-results hidden>No actions match your search.</p>
            </div>
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
        let method = tailored.method
        if let authorize = AuthorizeURL.make(for: method, scopes: tailored.resolution.scopes), let base = method.authorizationURL {
            html += "<p class=\"sg-muted\">Authorize URL: <a class=\"sg-mono\" data-guide-authorize-url data-authorize-base=\"\(e(base))\" "
                + "data-scope-delimiter=\"\(e(method.scopeDelimiter))\" href=\"\(e(authorize))\">\(e(authorize))</a></p>\n"
        }
        return html + "</div>\n</section>\n"
    }
}
