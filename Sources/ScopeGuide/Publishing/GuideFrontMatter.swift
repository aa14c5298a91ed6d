import Yams

/// The YAML front matter a built guide's Markdown starts with, so static-site generators (Hugo,
/// Jekyll, Docusaurus, MkDocs, Astro…) can title, describe and index the page:
///
/// ```yaml
/// ---
/// title: Connect Front with API Token
/// description: 'Link a Front account using API Token: the scopes to grant and where.'
/// connector: front
/// connectorName: Front
/// method: API Token
/// methodSlug: api-token
/// guide: link-account
/// url: https://docs.stackone.com/connectors/front/guides/link-account/api-token
/// scopes: [accounts:read, accounts:write]
/// ---
/// ```
///
/// `url` is the guide's canonical dynamic URL; `scopes` are those the untailored guide asks for.
/// Keys always come in this order; values are quoted by libyaml where YAML needs it.
public struct GuideFrontMatter: Hashable, Sendable {
    public var title: String
    public var description: String
    public var connector: String
    public var connectorName: String
    public var method: String
    public var methodSlug: String
    public var guide: GuideKind
    public var url: String
    public var scopes: [String]

    /// The front matter of the guide `tailored` is, at `url`.
    public init(_ tailored: TailoredGuide, url: String) {
        let name = tailored.connector.name, label = tailored.method.label
        switch tailored.kind {
        case .config:
            title = "Connect \(name) with \(label)"
            description = "Link a \(name) account using \(label): the scopes to grant and the steps to follow."
        case .setup:
            title = "\(name) \(label) connector profile"
            description = "Set up the \(label) connector profile for \(name): the app to register, the scopes to grant and the fields to fill in."
        }
        connector = tailored.connector.key
        connectorName = name
        method = label
        methodSlug = tailored.method.slug
        guide = tailored.kind
        self.url = url
        scopes = tailored.resolution.scopes.map(\.rawValue)
    }

    /// `---`, the keys, `---`, then a blank line.
    public func yaml() -> String {
        func string(_ text: String) -> Node { .scalar(.init(text)) }
        let pairs: [(Node, Node)] = [
            ("title", string(title)), ("description", string(description)), ("connector", string(connector)),
            ("connectorName", string(connectorName)), ("method", string(method)), ("methodSlug", string(methodSlug)),
            ("guide", string(guide.pathSegment)), ("url", string(url)),
            ("scopes", .sequence(.init(scopes.map(string), .implicit, .flow))),
        ]
        // Serialising a mapping of strings cannot fail; an empty block would only drop the header.
        let body = (try? Yams.serialize(node: .mapping(.init(pairs)), width: -1, allowUnicode: true)) ?? ""
        return "---\n" + body + "---\n\n"
    }
}
