import Foundation
import TestTools
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// `build --formats md` read by the static-site generators docs teams publish with: MkDocs (with
/// the Material theme, `--strict`) and Hugo (Debian's). Each builds a site from the Markdown
/// beside the site's own home page, without a warning; every guide becomes a page at its dynamic
/// guide URL's path, titled by the front matter, with one H1 and the guide's meta description.
@Suite(.serialized) struct SiteGeneratorTests {
    let build = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog), options: .init(formats: [.markdown]))

    /// A folder holding `docs/`: the build's Markdown beside the site's own home page, `home`.
    func sources(home: String) throws -> URL {
        let root = SitePublishingTests.temporaryFolder()
        _ = try build.run(.write, writer: OutputWriter(directory: root.appendingPathComponent("docs")))
        try Data("---\ntitle: Home\n---\n\nThe site's own home page.\n".utf8).write(to: root.appendingPathComponent("docs/" + home))
        return root
    }

    /// Runs `tool` in `directory`; its exit status and everything it printed.
    static func run(_ tool: ExternalTool, _ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try tool.required())
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // Material prints a notice about MkDocs 2.0 on every run; not a warning about the site.
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_MKDOCS_2_WARNING": "1"]) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Every guide is a page at its URL's path in `site`, titled by its front matter, with one
    /// `<h1>` and its description as the meta description.
    func expectEveryGuide(in site: URL, generator: String) throws {
        for request in build.guides {
            let page = site.appendingPathComponent(SiteLayout.stem(of: request) + "/index.html")
            let html = try #require(try? String(contentsOf: page, encoding: .utf8), "\(generator) wrote no page at \(request.url.path)")
            let frontMatter = build.frontMatter(for: request)
            let headings = html.matches(of: /<h1[^>]*>([\s\S]*?)<\/h1>/).map { String($0.1).replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression) }
            #expect(headings.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } == [frontMatter.title], "\(generator) \(request.url.path): \(headings)")
            #expect(html.contains("<meta name=\"description\" content=\"\(frontMatter.description)\">"), "\(generator) \(request.url.path)")
        }
    }

    @Test("mkdocs build --strict (Material) builds every guide beside the site's own index.md, with no warning", .requires(.mkdocs))
    func mkdocs() throws {
        let root = try sources(home: "index.md")
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("site_name: Connector guides\ntheme:\n  name: material\n".utf8).write(to: root.appendingPathComponent("mkdocs.yml"))
        let result = try Self.run(.mkdocs, ["build", "--strict"], in: root)
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.output.contains("WARNING"), "\(result.output)")
        try expectEveryGuide(in: root.appendingPathComponent("site"), generator: "MkDocs")
        // The site's own home page and sitemap are MkDocs's: the build wrote none to collide.
        #expect(try String(contentsOf: root.appendingPathComponent("site/index.html"), encoding: .utf8).contains("The site's own home page."))
    }

    @Test("hugo builds every guide beside the site's own _index.md, with no warning (--panicOnWarning)", .requires(.hugo))
    func hugo() throws {
        let root = try sources(home: "_index.md")
        defer { try? FileManager.default.removeItem(at: root) }
        // The smallest site a theme would give: each page's front-matter title as its H1.
        let layouts = root.appendingPathComponent("layouts/_default")
        try FileManager.default.createDirectory(at: layouts, withIntermediateDirectories: true)
        let files = [
            "config.toml": "baseURL = \"https://guides.example.com/\"\ntitle = \"Connector guides\"\ncontentDir = \"docs\"\ndisableKinds = [\"taxonomy\", \"term\"]\n",
            "layouts/_default/baseof.html": "<!DOCTYPE html>\n<html><head><title>{{ .Title }}</title><meta name=\"description\" content=\"{{ .Description }}\"></head>\n<body>{{ block \"main\" . }}{{ end }}</body></html>\n",
            "layouts/_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}{{ end }}\n",
            "layouts/_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}<ul>{{ range .RegularPagesRecursive }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
        ]
        for (path, text) in files { try Data(text.utf8).write(to: root.appendingPathComponent(path)) }
        let result = try Self.run(.hugo, ["--panicOnWarning", "--destination", "public"], in: root)
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.output.contains("WARN") && !result.output.contains("ERROR"), "\(result.output)")
        try expectEveryGuide(in: root.appendingPathComponent("public"), generator: "Hugo")
        // One section, named for the URL's first segment (the old layout gave "Capsules", "Fronts").
        let sections = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("public").path).filter { !$0.contains(".") }
        #expect(sections == ["connectors"], "\(sections)")
    }
}
