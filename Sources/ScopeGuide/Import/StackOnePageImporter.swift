/// Turns a published StackOne Hub guide page (the MDX-like markup of
/// `docs.stackone.com/connectors/<key>/guides/link-account/<method>`) into a guide source.
///
/// ```swift
/// let imported = try StackOnePageImporter(key: "front").importPage(text, file: "front.mdx")
/// print(imported.yaml)             // Guides/front/front.connector.yaml
/// imported.warnings.forEach { print($0) }
/// ```
///
/// What the page holds becomes the guide: the title gives the connector's name and the method's
/// label (and so its type: a label with "OAuth" is `oauth2`, "Client Credentials" selects that
/// grant); `<Warning>` the warning; `data-guide-actions-json` the actions and their
/// `requiredScopes` (all of an action's scopes); each `<section data-guide-section>` a section
/// and each `<Step>` a step, with `scopes` and `displayScopes` from the `data-guide-*` lists; the
/// hub's field list the `configFields` (required unless marked "(Optional)"; labels with
/// "Secret", "Token", "Password" or "Key" are secret). HTML in text becomes Markdown.
///
/// `scopeDefinitions` lists the scopes in the order first seen in the sections and steps (the
/// order the provider's scope list uses), then those only the catalogue names. The page carries
/// no scope descriptions and no implications, so none are written.
///
/// Unknown markup is an error naming its line; content the renderer regenerates but that
/// differs from its wording is a warning. The YAML is loaded back with ``CatalogLoader`` before
/// it is returned, and the same page always gives the same text.
public struct StackOnePageImporter: Sendable {
    /// The connector key; `nil` derives it from the page's connector name ("Capsule CRM" →
    /// `capsule-crm`).
    public var key: String?

    public init(key: String? = nil) { self.key = key }

    /// A successful import.
    public struct Result: Sendable {
        public var connector: Connector
        /// The guide source, for `Guides/<key>/<key>.connector.yaml`.
        public var yaml: String
        /// Problems that did not stop the import, in line order.
        public var warnings: [ImportError]
    }

    /// Imports `text`, the page's markup; `file` names it in messages and in the YAML's header.
    /// - Throws: ``ImportFailure`` listing every error (and the warnings met on the way).
    public func importPage(_ text: String, file: String = "<input>") throws(ImportFailure) -> Result {
        // "\r\n" is one Character in Swift; as "\n" it splits and counts lines like any editor.
        var parser = MarkupParser(text.replacingOccurrences(of: "\r\n", with: "\n"))
        let nodes = parser.parse()
        var reader = PageReader()
        reader.problems = parser.problems
        reader.read(nodes)
        var problems = reader.problems.map { ImportError(file: file, line: $0.line, reason: $0.reason) }

        let name = reader.title?.connectorName ?? ""
        let connectorKey = key ?? AuthMethod.slug(for: name)
        if reader.title != nil, connectorKey.range(of: "^[a-z0-9_-]+$", options: .regularExpression) == nil {
            problems.append(ImportError(file: file, line: reader.titleLine, reason: .invalidKey(connectorKey)))
        }
        guard let title = reader.title, problems.allSatisfy(\.isWarning) else { throw ImportFailure(problems: problems) }

        let connector = Self.connector(key: connectorKey, title: title, reader: reader)
        let yaml: String
        do {
            let source = file.split(separator: "/").last.map(String.init) ?? file
            yaml = try ConnectorYAMLWriter.yaml(for: connector, header: [
                "\(title.connectorName), imported from the StackOne Hub page \"\(source)\" by `scopeguide import`.",
                "Scope descriptions and `includes` are not on the page; add them by hand.",
            ])
            _ = try CatalogLoader().loadConnector(yaml: yaml, file: "\(connectorKey).connector.yaml")
        } catch {
            problems.append(ImportError(file: file, line: reader.titleLine, reason: .generatedGuideInvalid("\(error)")))
            throw ImportFailure(problems: problems)
        }
        return Result(connector: connector, yaml: yaml, warnings: ImportFailure(problems: problems).problems)
    }

    private static func connector(key: String, title: PageTitle, reader: PageReader) -> Connector {
        var order: [Scope] = []
        var seen = Set<Scope>()
        func note(_ scopes: [Scope]) { for scope in scopes where seen.insert(scope).inserted { order.append(scope) } }
        for section in reader.sections {
            note(section.scopes)
            for step in section.steps { note(step.scopes + step.displayScopes) }
        }
        for action in reader.actions { note(action.scopes.map { Scope($0) }) }

        let label = title.methodLabel
        let isOAuth = label.lowercased().contains("oauth")
        let grant: AuthMethod.GrantType? = isOAuth
            ? (label.lowercased().contains("client credentials") ? .clientCredentials : .authorizationCode) : nil
        let methodKey = CamelCase.lower(label)
        let method = AuthMethod(
            key: methodKey.isEmpty ? "method" : methodKey, kind: isOAuth ? .oauth2 : .custom, label: label, grantType: grant,
            configFields: reader.fields,
            guides: [.config: Guide(warning: reader.warning, sections: reader.sections)])
        return Connector(
            key: key, name: title.connectorName,
            scopeDefinitions: order.map { ScopeDefinition(scope: $0) },
            actions: reader.actions.map { Action(id: ActionID($0.id), label: $0.label, requirement: Requirement(allOf: $0.scopes.map { Scope($0) })) },
            methods: [method])
    }
}
