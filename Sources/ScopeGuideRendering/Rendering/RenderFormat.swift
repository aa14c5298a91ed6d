import ScopeGuideCore

/// What ``GuideRenderer`` produces.
public enum RenderFormat: String, CaseIterable, Hashable, Sendable {
    /// CommonMark, rendered by cmark.
    case markdown = "md"
    /// A standalone HTML5 page with the interactive scope selector.
    case html
    /// The guide's HTML without page chrome or script, for embedding in another site.
    case fragment
    /// The `ResolutionReport` as JSON.
    case json
    /// The MDX page StackOne publishes on its Mintlify docs site, which `scopeguide import` reads.
    case mdx

    /// The file extension for outputs in this format.
    var fileExtension: String {
        switch self {
        case .markdown: "md"
        case .html, .fragment: "html"
        case .json: "json"
        case .mdx: "mdx"
        }
    }
}
