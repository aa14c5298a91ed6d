import ScopeGuideCore

/// The scopes of the answer as a list under the copyable text: each with its privilege level
/// (when the connector gives levels) and its description from `scopeDefinitions`. The script
/// rebuilds the same items (`makeScopeItem` in guide-page.js) and adds to each a "Can't grant"
/// button, which a page without script could not use.
extension ScopeSelectorPanel {
    func scopeDetailsHTML() -> String {
        let connector = tailored.connector
        // As the page data's `levels`: shown only when the levels say something.
        let showsLevels = connector.scopeDefinitions.contains { $0.privilege != 1 }
        var html = "<ul class=\"sg-scope-details\" aria-label=\"What each selected scope allows\" data-guide-scope-details>\n"
        for scope in tailored.resolution.scopes {
            let definition = graph.number(of: scope).flatMap { $0 < connector.scopeDefinitions.count ? connector.scopeDefinitions[$0] : nil }
            html += Self.scopeItemHTML(scope, definition: definition, showsLevel: showsLevels)
        }
        return html + "</ul>\n"
    }

    /// One item: `<code>` name, level, description; every value escaped.
    static func scopeItemHTML(_ scope: Scope, definition: ScopeDefinition?, showsLevel: Bool) -> String {
        let e = HTMLEscaping.escape
        var html = "<li data-guide-scope-detail=\"\(e(scope.rawValue))\"><code>\(e(scope.rawValue))</code>"
        if showsLevel, let level = definition?.privilege {
            html += "<span class=\"sg-level\" data-level=\"\(level)\" title=\"Privilege level: how much a grant exposes, from 1 (the least)\">level \(level)</span>"
        }
        if let description = definition?.description, !description.isEmpty {
            html += "<span class=\"sg-scope-description\">\(e(description))</span>"
        }
        return html + "</li>\n"
    }
}
