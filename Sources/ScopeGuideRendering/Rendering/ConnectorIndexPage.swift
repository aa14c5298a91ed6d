import ScopeGuideCore

/// The home page of `scopeguide serve`: a search box and every connector's guides, optionally
/// filtered by a search over connector keys and names, method labels and actions.
///
/// A search term list (split on spaces, case-insensitive) matches a connector when every term
/// occurs in its key, name, a method label, an action id or an action label. Actions that match
/// every term on their own are offered as a tailored link, so "send message" leads straight to
/// the guide with that action selected.
package struct ConnectorIndexPage: Sendable {
    package struct Match: Hashable, Sendable {
        package var connector: Connector
        /// Actions whose id or label contains every term; empty without a search.
        package var actions: [ActionID]
    }

    package let catalog: Catalog
    /// The search text as typed; empty shows every connector.
    package let search: String
    /// Where the search form submits and what guide links are relative to, such as `/`.
    let rootPath: String
    /// Keys of connectors whose guide source does not load: listed as unavailable.
    package let unavailable: [String]

    package init(catalog: Catalog, search: String = "", rootPath: String = "/", unavailable: [String] = []) {
        self.catalog = catalog
        self.search = search
        self.rootPath = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
        self.unavailable = unavailable
    }

    var terms: [String] { search.lowercased().split(whereSeparator: \.isWhitespace).map(String.init) }

    /// The connectors the search matches, by key.
    package var matches: [Match] {
        let terms = terms
        return catalog.connectors.compactMap { connector in
            guard !terms.isEmpty else { return Match(connector: connector, actions: []) }
            let own = ([connector.key, connector.name] + connector.methods.map(\.label)).map { $0.lowercased() }
            let actionTexts = connector.actions.map { ($0.id, $0.id.rawValue.lowercased() + "\n" + $0.label.lowercased()) }
            let matchesAll = terms.allSatisfy { term in
                own.contains { $0.contains(term) } || actionTexts.contains { $0.1.contains(term) }
            }
            guard matchesAll else { return nil }
            let actions = actionTexts.filter { text in terms.allSatisfy { text.1.contains($0) } }.map(\.0)
            return Match(connector: connector, actions: actions)
        }
    }

    package func html() -> String {
        let document = CMarkDocument()
        let root = document.root
        root.appendHeading(level: 1).appendText("Connector setup guides")
        root.appendParagraph().appendText(
            "Find a connector, open its guide and tick the customer's actions: the guide, the scopes and the shareable link follow.")
        let e = HTMLEscaping.escape
        _ = root.appendRawBlock(enter: """
            <form class="sg-toolbar" method="get" action="\(e(rootPath))" role="search">
            <input type="search" class="sg-input" name="q" value="\(e(search))" placeholder="Search connectors and actions..." aria-label="Search connectors and actions" data-index-search>
            <button type="submit" class="sg-button sg-primary">Search</button>
            </form>

            """)
        let matches = matches
        if !terms.isEmpty {
            let summary = root.appendParagraph()
            let count = matches.count == 1 ? "1 connector matches" : "\(matches.count) connectors match"
            summary.appendText("\(count) “\(search)”. ")
            summary.appendLink("Show all", url: rootPath)
        }
        for match in matches {
            let connector = match.connector
            root.appendHeading(level: 2).appendText(connector.name)
            let list = root.appendList(ordered: false)
            for var request in catalog.guides(of: connector) {
                request.base = String(rootPath.dropLast())
                let link = request.url.description
                let paragraph = GuideListItem.append(request, page: link, markdown: link + ".md", to: list)
                guard !match.actions.isEmpty, (try? request.select(match.actions)) != nil else { continue }
                let labels = request.selection.actions.compactMap { connector.action($0)?.label }
                let shown = labels.prefix(5).joined(separator: ", ") + (labels.count > 5 ? ", …" : "")
                paragraph.appendText(" — ")
                paragraph.appendLink("tailored to \(labels.count == 1 ? "the matching action" : "the \(labels.count) matching actions") (\(shown))",
                                     url: request.url.description)
            }
        }
        if matches.isEmpty {
            root.appendParagraph().appendText("No connector matches. Try a connector name, an action such as “send message”, or an action id.")
        }
        if !unavailable.isEmpty {
            root.appendHeading(level: 2).appendText("Unavailable")
            root.appendParagraph().appendText(
                "The guide sources of these connectors have errors, so their guides are not served until they are fixed: "
                    + unavailable.joined(separator: ", ") + ".")
        }
        return PageShell.html(title: "Connector setup guides", main: document.render(.html))
    }
}
