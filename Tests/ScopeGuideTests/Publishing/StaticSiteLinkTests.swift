import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// A fresh build served by a plain static file server answers every link it holds: every link
/// and asset of the pages and the index, every entry of the sitemap and the manifest, every
/// dynamic guide URL the pages, the Markdown and the front matter give, and those URLs tailored
/// with `?actions=`.
@Suite(.serialized) struct StaticSiteLinkTests {
    /// What a crawl found: each URL fetched with its status, and the dynamic guide URLs seen.
    struct Crawl {
        var statuses: [String: Int] = [:]
        var dynamicURLs: Set<String> = []
        var failures: [String] { statuses.filter { $0.value != 200 }.map { "\($0.value) \($0.key)" }.sorted() }
    }

    /// Fetches the index, the sitemap and the manifest under `root`, then every URL they and the
    /// pages and Markdown they lead to hold that is under `root`, once each. `docsBaseURL`: dynamic
    /// URLs there are looked up under `root` (a build without a base URL names the docs site).
    static func crawl(root: String, docsBaseURL: String? = nil) throws -> Crawl {
        var crawl = Crawl()
        var queue = [root + "/", root + "/index.html", root + "/sitemap.xml", root + "/manifest.json"]
        func local(_ url: String) -> String? {
            if url.hasPrefix(root + "/") || url == root { return url }
            if let docsBaseURL, url.hasPrefix(docsBaseURL + "/connectors/") { return root + url.dropFirst(docsBaseURL.count) }
            return nil
        }
        while let next = queue.popLast() {
            let url = String(next.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
            guard crawl.statuses[url] == nil else { continue }
            let (status, body) = try StaticServer.get(url)
            crawl.statuses[url] = status
            guard status == 200 else { continue }
            for found in links(in: body, of: url) {
                if found.contains("/connectors/"), !found.hasSuffix(".md"), !found.hasSuffix(".mdx"), !found.hasSuffix("/index.html") {
                    crawl.dynamicURLs.insert(found)
                }
                if let target = local(found) { queue.append(target) }
            }
        }
        return crawl
    }

    /// The absolute URLs `body` (fetched from `url`) links: `href`/`src` attributes, a page's
    /// dynamic URL (`base` + `path` in its data), Markdown links and autolinks, `guideURL:` and
    /// the manifest's `guideURL` and file paths, sitemap `<loc>`s.
    static func links(in body: String, of url: String) -> [String] {
        var raw: [String] = []
        for match in body.matches(of: /(?:href|src)="([^"]*)"/) { raw.append(String(match.1).replacingOccurrences(of: "&amp;", with: "&")) }
        for match in body.matches(of: /<loc>([^<]*)<\/loc>/) { raw.append(String(match.1).replacingOccurrences(of: "&amp;", with: "&")) }
        for match in body.matches(of: /"base":"([^"]*)"[^{}]*?"path":"([^"]*)"/) { raw.append(String(match.1) + String(match.2)) }
        for match in body.matches(of: /\]\(([^)\s]+)\)/) { raw.append(String(match.1)) }
        for match in body.matches(of: /<(https?:\/\/[^>\s]+)>/) { raw.append(String(match.1)) }
        for match in body.matches(of: /guideURL"?\s*:\s*"?([^"\s]+)/) { raw.append(String(match.1)) }
        if url.hasSuffix("manifest.json") {
            for match in body.matches(of: /"path" : "([^"]+)"/) { raw.append(String(match.1)) }
        }
        guard let base = URL(string: url) else { return [] }
        return raw.compactMap { link in
            guard !link.hasPrefix("mailto:"), let resolved = URL(string: link, relativeTo: base)?.absoluteURL else { return nil }
            return resolved.absoluteString
        }
    }

    @Test("a build with --base-url under a path, served statically: every link and dynamic guide URL answers 200", .requires(.python3))
    func baseURLBuild() throws {
        let folder = SitePublishingTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try StaticServer(serving: folder)
        defer { server.stop() }
        let root = server.origin + "/docs/guides"
        let build = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog), options: .init(baseURL: root + "/"))
        _ = try build.run(.write, writer: OutputWriter(directory: folder.appendingPathComponent("docs/guides")))

        let crawl = try Self.crawl(root: root)
        #expect(crawl.failures.isEmpty, "\(crawl.failures)")
        // Every guide's page, Markdown and dynamic URL was reached, so an empty crawl cannot pass.
        for request in build.guides {
            #expect(crawl.dynamicURLs.contains(request.url.description), "\(request.url) not linked")
            #expect(crawl.statuses[root + "/" + SiteLayout.path(of: request, format: .markdown)] == 200)
        }
        #expect(crawl.statuses.count > 3 * build.guides.count)
        // Nothing in the site points at the docs site instead.
        #expect(!crawl.dynamicURLs.contains { !$0.hasPrefix(root + "/") }, "\(crawl.dynamicURLs.sorted())")

        // The tailored forms: the page answers, and it is the guide's.
        for request in build.guides {
            var tailored = request
            try tailored.select([try #require(request.connector.actions.last?.id)])
            let (status, body) = try StaticServer.get(tailored.url.description)
            #expect(status == 200, "\(tailored.url)")
            #expect(body.contains("<link rel=\"canonical\" href=\"\(request.url.description)\">"), "\(tailored.url)")
        }
    }

    @Test("a build without a base URL, served statically: relative links answer, and every dynamic URL's path does", .requires(.python3))
    func relativeBuild() throws {
        let folder = SitePublishingTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try StaticServer(serving: folder)
        defer { server.stop() }
        let build = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog))
        _ = try build.run(.write, writer: OutputWriter(directory: folder))

        let crawl = try Self.crawl(root: server.origin, docsBaseURL: Fixtures.catalog.site.docsBaseURL)
        #expect(crawl.failures.isEmpty, "\(crawl.failures)")
        for request in build.guides {
            #expect(crawl.dynamicURLs.contains(request.url.description), "\(request.url) not linked")
            #expect(crawl.statuses[server.origin + request.url.path] == 200, "\(request.url.path)")
        }
        // Pages link each other relatively, so the folder can move: no page links the server's origin.
        let index = try StaticServer.get(server.origin + "/index.html").body
        #expect(!index.contains(server.origin) && index.contains("href=\"connectors/front/guides/link-account/api-token/index.html\""))
    }
}
