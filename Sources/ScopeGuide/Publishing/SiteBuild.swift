/// Every file `scopeguide build` writes: each guide of each connector, untailored, as Markdown
/// and HTML, plus an index page (SPEC §5).
public struct SiteBuild: Sendable {
    public let renderer: GuideRenderer

    public init(renderer: GuideRenderer) { self.renderer = renderer }

    /// The guides to render, in a stable order: connectors by key, methods as declared, config
    /// before setup.
    public var guideURLs: [GuideURL] {
        let catalog = renderer.tailor.catalog
        return catalog.connectors.flatMap { connector in
            connector.methods.flatMap { method in
                GuideKind.allCases.filter { method.guides[$0] != nil }.map { kind in
                    GuideURL(base: catalog.site.docsBaseURL, connector: connector.key, kind: kind, slug: method.slug)
                }
            }
        }
    }

    /// The files for one guide: `<key>/<kind>/<slug>.md` and `.html`.
    public func files(for url: GuideURL) throws(GuideURLError) -> [OutputFile] {
        let stem = "\(url.connector)/\(url.kind.pathSegment)/\(url.slug)"
        return [
            OutputFile(path: stem + ".md", contents: try renderer.render(url, as: .markdown)),
            OutputFile(path: stem + ".html", contents: try renderer.render(url, as: .html)),
        ]
    }

    /// `index.html`, linking every guide.
    public func indexFile() -> OutputFile {
        OutputFile(path: "index.html", contents: IndexPage(catalog: renderer.tailor.catalog, urls: guideURLs).html())
    }
}
