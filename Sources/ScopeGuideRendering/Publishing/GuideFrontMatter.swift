import ScopeGuideCore
import Yams

/// The YAML front matter a built guide's Markdown starts with, so static-site generators (Hugo,
/// Docusaurus, MkDocs, Mintlify, Jekyll, Astro…) can title, describe and index the page:
///
/// ```yaml
/// ---
/// title: Connect Front with API Token
/// description: Link a Front account in the StackOne Hub using API Token. End-user guide to …
/// connector: front
/// connectorName: Front
/// method: API Token
/// methodSlug: api-token
/// guide: link-account
/// guideURL: https://docs.stackone.com/connectors/front/guides/link-account/api-token
/// scopes: [accounts:read, accounts:write]
/// ---
/// ```
///
/// `title` and `description` are the keys every one of those generators reads for the page's
/// title (shown as its one H1: the Markdown then has no `#` title) and meta description. The
/// others are ScopeGuide's own and none of them is reserved by Hugo, Docusaurus, MkDocs
/// (Material) or Mintlify, which is why the canonical dynamic URL is `guideURL`: Hugo and
/// Mintlify read `url` as the page's own address. `scopes` are those the untailored guide asks
/// for. Keys always come in this order; values are quoted by libyaml where YAML needs it.
package struct GuideFrontMatter: Hashable, Sendable {
    package var title: String
    package var description: String
    package var connector: String
    package var connectorName: String
    package var method: String
    package var methodSlug: String
    package var guide: GuideKind
    /// The guide's canonical dynamic URL.
    package var guideURL: String
    package var scopes: [String]

    /// The keys, in the order ``yaml()`` writes them.
    package static let keys = ["title", "description", "connector", "connectorName", "method", "methodSlug", "guide", "guideURL", "scopes"]

    /// The front matter of the guide `tailored` is, published for `site`, at `url`.
    package init(_ tailored: TailoredGuide, site: Site, url: String) {
        let headline = GuideHeadline(tailored, site: site)
        title = headline.title
        description = headline.description
        connector = tailored.connector.key
        connectorName = tailored.connector.name
        method = tailored.method.label
        methodSlug = tailored.method.slug
        guide = tailored.kind
        guideURL = url
        scopes = tailored.resolution.scopes.map(\.rawValue)
    }

    /// `---`, the keys, `---`, then a blank line.
    package func yaml() -> String {
        func string(_ text: String) -> Node { .scalar(Self.scalar(text)) }
        func key(_ name: String) -> Node { .scalar(Node.Scalar(name, Self.stringTag)) }
        let pairs: [(Node, Node)] = [
            (key("title"), string(title)), (key("description"), string(description)), (key("connector"), string(connector)),
            (key("connectorName"), string(connectorName)), (key("method"), string(method)), (key("methodSlug"), string(methodSlug)),
            (key("guide"), string(guide.pathSegment)), (key("guideURL"), string(guideURL)),
            (key("scopes"), .sequence(.init(scopes.map(string), Self.sequenceTag, .flow))),
        ]
        // Serialising a mapping of strings cannot fail; an empty block would only drop the header.
        let body = (try? Yams.serialize(node: .mapping(.init(pairs)), width: -1, allowUnicode: true)) ?? ""
        return "---\n" + body + "---\n\n"
    }

    /// `text` as a string scalar that reads back as the same string: quoted when YAML would read
    /// it as another type (`yes`, `1`, `null`), as Yams' `String.represented()` does, but without
    /// Yams' tag resolution where the answer is known: resolving runs a regular expression per
    /// YAML type on every value, which was 4.5% of a whole build. A text starting with an ASCII
    /// letter can only resolve to a boolean or null (numbers and timestamps start with a digit,
    /// sign or dot), and then only as one of their exact words.
    static func scalar(_ text: String) -> Node.Scalar {
        guard let first = text.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20),
            !booleanAndNullWords.contains(text)
        else { return text.represented() }
        return Node.Scalar(text, stringTag)
    }

    /// One `!!str` and one `!!seq` tag for every node: each `Tag(…)` builds Yams' default
    /// constructor table and an implicit tag runs its resolver's regular expressions, which made
    /// up most of a front matter's cost. Shared safely: Yams only changes a tag's name while it
    /// is implicit or non-specific, and these are neither.
    nonisolated(unsafe) private static let stringTag = Tag(.str)
    nonisolated(unsafe) private static let sequenceTag = Tag(.seq)

    /// The words YAML 1.1 (Yams' default resolver) reads as booleans or null.
    static let booleanAndNullWords: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
    ]
}
