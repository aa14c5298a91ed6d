import ScopeGuideCore

/// Turns a published StackOne guide page (the MDX-like markup of
/// `docs.stackone.com/connectors/<key>/guides/<link-account|connector-profile>/<method>`) into a
/// guide source: a link-account page into the method's `config` guide and `configFields`, a
/// connector-profile page into its `setup` guide and `setupFields` (see `PageTitle`; the older
/// page form with `##` headings is read too, see `PageReader.groupingHeadings`).
///
/// ```swift
/// let imported = try StackOnePageImporter(key: "front").importPage(text, file: "front.mdx")
/// print(imported.yaml)             // Guides/front/front.connector.yaml
/// imported.diagnostics.forEach { print($0) }
/// ```
///
/// What the page holds becomes the guide: the title gives the connector's name and the method's
/// label (and so its type: a label with "OAuth" is `oauth2`, "Client Credentials" selects that
/// grant); `<Warning>` the warning; `data-guide-actions-json` the actions and their
/// `requiredScopes` (all of an action's scopes); each `<section data-guide-section>` a section
/// and each `<Step>` a step, with `scopes` and `displayScopes` from the `data-guide-*` lists; the
/// hub's field list the fields (required unless marked "(Optional)"; labels with "Secret",
/// "Token", "Password" or "Key" are secret). HTML in text becomes Markdown: screenshots as
/// images, callouts and accordions as block quotes, code as fences, tables as lists.
///
/// `scopeDefinitions` lists the scopes in the order first seen in the sections and steps (the
/// order the provider's scope list uses), then those only the catalogue names. The page carries
/// no scope descriptions and no implications, so none are written.
///
/// Unknown markup is an error naming its line; content the renderer regenerates but that
/// differs from its wording is a warning. The YAML is loaded back with ``CatalogLoader`` before
/// it is returned, and the same page always gives the same text.
public struct StackOnePageImporter: Sendable {
    /// The connector key; `nil` takes the page's own (see `ConnectorKeyEvidence`): the prefix
    /// its action ids share, else a `connectors/<key>/` path or OAuth callback on the page, else
    /// the connector's name in kebab-case ("Capsule CRM" → `capsule-crm`).
    package var key: String?
    /// Markup the importer cannot convert keeps its text, with a warning, instead of failing.
    package var lenient: Bool

    /// The largest page imported, in bytes: real pages are tens of kilobytes, and the YAML of a
    /// larger one would pass `CatalogLoader/maximumFileSize` anyway. Checked before the page
    /// is read whole.
    package static let maximumPageSize = 16 << 20

    public init(key: String? = nil, lenient: Bool = false) {
        self.key = key
        self.lenient = lenient
    }

    /// A successful import.
    public struct Result: Sendable {
        public var connector: Connector
        /// The guide source, for `Guides/<key>/<key>.connector.yaml`.
        public var yaml: String
        /// Problems that did not stop the import, in line order.
        package var warnings: [ImportError]
        /// The warnings as diagnostics, as every importer gives them.
        public var diagnostics: [Diagnostic] { warnings.map(Diagnostic.init) }
    }

    /// Imports `text`, the page's markup; `file` names it in messages.
    /// - Throws: ``DiagnosticsError`` listing every error (and the warnings met on the way).
    public func importPage(_ text: String, file: String = "<input>") throws(DiagnosticsError) -> Result {
        // "\r\n" is one Character in Swift; as "\n" it splits and counts lines like any editor.
        let page = PageFrontMatter(text.replacingOccurrences(of: "\r\n", with: "\n"))
        var parser = MarkupParser(page.body)
        let nodes = parser.parse()
        var reader = PageReader()
        reader.lenient = lenient
        reader.problems = parser.problems
        if let problem = page.problem { reader.report(1, .invalidFrontMatter(problem)) }
        reader.readFrontMatter(title: page.title, description: page.description)
        reader.read(nodes)
        var problems = reader.problems.map { ImportError(file: file, line: $0.line, reason: $0.reason) }

        let name = reader.title?.connectorName ?? ""
        let connectorKey = key ?? ConnectorKeyEvidence(page: text, actionIDs: reader.actions.map(\.id)).key ?? AuthMethod.slug(for: name)
        if reader.title != nil, connectorKey.range(of: "^[a-z0-9_-]+$", options: .regularExpression) == nil {
            problems.append(ImportError(file: file, line: reader.titleLine, reason: .invalidKey(connectorKey)))
        }
        guard let title = reader.title, problems.allSatisfy({ $0.reason.severity == .warning }) else { throw DiagnosticsError(importing: problems) }

        var connector = Self.connector(key: connectorKey, title: title, reader: reader)
        // The values a rendered page shows for variables, written as the variables again.
        let callbackURL = Site().callbackURLPattern.replacingOccurrences(of: "{{connector}}", with: connectorKey)
        for (index, method) in connector.methods.enumerated() {
            for (kind, guide) in method.guides {
                let restored = guide.restoringVariables(callbackURL: callbackURL)
                connector.methods[index].guides[kind] = restored.guide
                for name in restored.variables where !connector.variables.contains(where: { $0.name == name }) {
                    connector.variables.append(Variable(name: name, label: name.prefix(1).uppercased() + name.dropFirst()))
                }
            }
        }
        let yaml: String
        do {
            yaml = try Self.yaml(for: connector)
            _ = try CatalogLoader().loadConnector(yaml: yaml, file: "\(connectorKey).connector.yaml")
        } catch {
            problems.append(ImportError(file: file, line: reader.titleLine, reason: .generatedGuideInvalid("\(error)")))
            throw DiagnosticsError(importing: problems)
        }
        return Result(connector: connector, yaml: yaml, warnings: problems.sorted(by: ImportError.lineOrder))
    }

    /// The guide source for `connector`, its header naming the kinds of page it came from (not
    /// the files, so importing the same pages in any order gives the same bytes).
    static func yaml(for connector: Connector) throws -> String {
        let kinds = GuideKind.allCases.filter { kind in connector.methods.contains { $0.guides[kind] != nil } }
        let pages = kinds.map(\.pathSegment).joined(separator: " and ") + " page" + (kinds.count == 1 ? "" : "s")
        return try ConnectorYAMLWriter.yaml(for: connector, header: [
            "\(connector.name), imported from StackOne's \(pages) by `scopeguide import`.",
            "Scope descriptions and `includes` are not on the pages; add them by hand.",
        ])
    }

    /// `imported` added to `existing`, the connector already in the guides folder (say, its
    /// link-account guide, when a connector-profile page is imported): one connector with one
    /// catalogue and both guides.
    ///
    /// The existing file wins where the two differ: its name, its scope definitions (which may
    /// have descriptions and `includes` added by hand) and its actions (a page action that differs
    /// is a warning). Scopes and actions only the page has are appended. The page's guide
    /// replaces the method's guide of the same kind, with that guide's fields; a method the
    /// file does not have is appended.
    /// - Parameters:
    ///   - imported: what the page gives.
    ///   - existing: the connector already in the guides folder.
    ///   - file: the page, named in warnings.
    package static func merge(_ imported: Result, into existing: Connector, file: String = "<input>") throws(DiagnosticsError) -> Result {
        var connector = existing
        var warnings = imported.warnings
        let existingActions = Dictionary(connector.actions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for action in imported.connector.actions {
            if let old = existingActions[action.id] {
                if old != action { warnings.append(ImportError(file: file, line: 1, reason: .actionDiffers(action.id.rawValue))) }
            } else {
                connector.actions.append(action)
            }
        }
        let defined = Set(connector.scopeDefinitions.map(\.scope))
        connector.scopeDefinitions += imported.connector.scopeDefinitions.filter { !defined.contains($0.scope) }
        connector.variables += imported.connector.variables.filter { variable in !connector.variables.contains { $0.name == variable.name } }
        for method in imported.connector.methods {
            guard let index = connector.methods.firstIndex(where: { $0.slug == method.slug }) else {
                connector.methods.append(method)
                continue
            }
            for (kind, guide) in method.guides {
                connector.methods[index].guides[kind] = guide
                switch kind {
                case .config: connector.methods[index].configFields = method.configFields
                case .setup: connector.methods[index].setupFields = method.setupFields
                }
            }
        }
        do {
            let yaml = try Self.yaml(for: connector)
            _ = try CatalogLoader().loadConnector(yaml: yaml, file: "\(connector.key).connector.yaml")
            return Result(connector: connector, yaml: yaml, warnings: warnings.sorted(by: ImportError.lineOrder))
        } catch {
            throw DiagnosticsError(importing: warnings + [ImportError(file: file, line: 1, reason: .generatedGuideInvalid("\(error)"))])
        }
    }

    private static func connector(key: String, title: PageTitle, reader: PageReader) -> Connector {
        var order: [Scope] = []
        var seen = Set<Scope>()
        func note(_ scopes: [Scope]) { for scope in scopes where seen.insert(scope).inserted { order.append(scope) } }
        for section in reader.sections {
            note(section.scopes)
            for step in section.steps { note(step.scopes + step.displayScopes) }
        }
        for action in reader.actions { note(action.alternatives.joined().map { Scope($0) }) }

        let label = title.methodLabel
        let isOAuth = label.lowercased().contains("oauth")
        let grant: AuthMethod.GrantType? = isOAuth
            ? (label.lowercased().contains("client credentials") ? .clientCredentials : .authorizationCode) : nil
        let methodKey = CamelCase.lower(label)
        let method = AuthMethod(
            key: methodKey.isEmpty ? "method" : methodKey, kind: isOAuth ? .oauth2 : .custom, label: label, grantType: grant,
            configFields: title.kind == .config ? reader.fields : [],
            setupFields: title.kind == .setup ? reader.fields : [],
            guides: [title.kind: Guide(warning: reader.warning, sections: reader.sections)])
        return Connector(
            key: key, name: title.connectorName,
            scopeDefinitions: order.map { ScopeDefinition(scope: $0) },
            actions: reader.actions.map { action in
                let requirement = action.anyOf.map { Requirement(alternatives: $0.map { $0.map { Scope($0) } }) } ?? Requirement(allOf: action.scopes.map { Scope($0) })
                return Action(id: ActionID(action.id), label: action.label, requirement: requirement)
            },
            methods: [method])
    }
}
