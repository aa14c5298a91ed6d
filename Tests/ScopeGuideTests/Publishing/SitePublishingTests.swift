import Foundation
import Testing
import Yams
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// What a docs pipeline needs around the guides: front matter, a manifest, a sitemap, and a
/// build split across machines that merges to the same folder.
@Suite struct SitePublishingTests {
    let build = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog))

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("sg-publish-\(UUID().uuidString)")
    }

    static func contents(of folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in OutputWriter(directory: folder).existingFiles() {
            files[path] = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
        }
        return files
    }

    @Test("each Markdown file starts with front matter a YAML reader understands, then the guide")
    func frontMatter() throws {
        let url = try Fixtures.catalog.guide(connector: "front")
        let markdown = try #require(try build.files(for: url).first { $0.path.hasSuffix(".md") }).contents
        #expect(markdown.hasPrefix("---\n"))
        let parts = markdown.components(separatedBy: "---\n")
        let fields = try #require(try Yams.load(yaml: parts[1]) as? [String: Any])
        #expect(fields["title"] as? String == "Connect Front with API Token")
        #expect(fields["connector"] as? String == "front")
        #expect(fields["method"] as? String == "API Token")
        #expect(fields["guide"] as? String == "link-account")
        #expect(fields["guideURL"] as? String == "https://docs.stackone.com/connectors/front/guides/link-account/api-token")
        #expect((fields["scopes"] as? [String])?.count == 24)
        #expect(fields["description"] as? String
            == "Link a Front account in the StackOne Hub using API Token. End-user guide to authorize the integration and start using Front actions.")
        #expect(Set(fields.keys) == Set(GuideFrontMatter.keys))
        // The front matter's title is the page's one H1: the Markdown has no `#` title of its own.
        let full = GuideRenderer(catalog: Fixtures.catalog).render(url, as: .markdown)
        #expect(full.hasPrefix("# Connect Front with API Token\n\n"))
        #expect(markdown.hasSuffix("---\n\n" + full.dropFirst("# Connect Front with API Token\n\n".count)))
        #expect(!markdown.contains("\n# "))
        let without = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog), options: .init(frontMatter: false))
        #expect(try without.files(for: url)[0].contents == full)
    }

    @Test("manifest.json lists every guide with its files' SHA-256 and sizes; sitemap.xml every page")
    func manifestAndSitemap() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try build.run(.write, writer: OutputWriter(directory: folder))
        let files = Self.contents(of: folder)
        let manifest = try JSONDecoder().decode(SiteManifest.self, from: try #require(files["manifest.json"]))
        #expect(manifest.guides.map(\.guideURL) == build.guides.map(\.url.description))
        #expect(manifest.guides.map(\.files.count) == Array(repeating: 2, count: build.guides.count))
        for file in manifest.guides.flatMap(\.files) {
            let data = try #require(files[file.path])
            #expect(file.bytes == data.count)
            #expect(file.sha256 == SiteManifest.File(path: file.path, contents: String(decoding: data, as: UTF8.self)).sha256)
            #expect(file.sha256.count == 64)
        }
        #expect(manifest.guides.first { $0.connector == "front" }?.scopes.count == 24)
        // A known digest, so the hash is SHA-256 and not any stable function.
        #expect(SiteManifest.File(path: "x", contents: "abc").sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")

        let sitemap = String(decoding: try #require(files["sitemap.xml"]), as: UTF8.self)
        #expect(sitemap.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        #expect(sitemap.components(separatedBy: "<loc>").count - 1 == build.guides.count)
        #expect(sitemap.contains("<loc>https://docs.stackone.com/connectors/front/guides/link-account/api-token</loc>"))
        let published = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog), options: .init(baseURL: "https://guides.example.com/a&b/"))
        _ = try published.run(.write, writer: OutputWriter(directory: folder))
        let moved = Self.contents(of: folder)
        let movedSitemap = String(decoding: try #require(moved["sitemap.xml"]), as: UTF8.self)
        #expect(movedSitemap.contains("<loc>https://guides.example.com/a&amp;b/connectors/front/guides/link-account/api-token</loc>"))
        #expect(!movedSitemap.contains("docs.stackone.com"))
        // The base moves every dynamic URL, canonical address and link with the sitemap.
        let movedManifest = try JSONDecoder().decode(SiteManifest.self, from: try #require(moved["manifest.json"]))
        #expect(movedManifest.guides.allSatisfy { $0.guideURL.hasPrefix("https://guides.example.com/a&b/connectors/") })
        let page = String(decoding: try #require(moved["connectors/front/guides/link-account/api-token/index.html"]), as: UTF8.self)
        #expect(page.contains("<link rel=\"canonical\" href=\"https://guides.example.com/a&amp;b/connectors/front/guides/link-account/api-token\">"))
        #expect(page.contains("<a href=\"https://guides.example.com/a&amp;b/\">All connector setup guides</a>"))
        #expect(page.contains("href=\"https://guides.example.com/a&amp;b/assets/" + PageAssets.styleFileName + "\""))
        #expect(!page.contains("docs.stackone.com/connectors"))
    }

    @Test("check reports a stale manifest or a missing sitemap")
    func checkCoversSiteFiles() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder)
        _ = try build.run(.write, writer: writer)
        try Data("{}".utf8).write(to: folder.appendingPathComponent("manifest.json"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("sitemap.xml"))
        #expect(try build.run(.check, writer: writer).differences == [.missing("sitemap.xml"), .stale("manifest.json")])
    }

    @Test("shards 1/3, 2/3, 3/3 into one folder, then merge, give the bytes of one plain build", arguments: [1, 2, 3, 5])
    func shardsMerge(count: Int) throws {
        let plain = Self.temporaryFolder(), sharded = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: plain); try? FileManager.default.removeItem(at: sharded) }
        _ = try build.run(.write, writer: OutputWriter(directory: plain))
        var guides = 0
        for index in 1...count {
            let summary = try build.run(.write, writer: OutputWriter(directory: sharded), shard: SiteBuild.Shard(index: index, count: count))
            guides += summary.guides
            #expect(Self.contents(of: sharded)["manifest.json"] == nil)
        }
        #expect(guides == build.guides.count)
        #expect(try build.run(.check, writer: OutputWriter(directory: sharded)).differences.count == 3)  // index, manifest, sitemap
        let merged = try build.merge(writer: OutputWriter(directory: sharded))
        #expect(merged.files == 5 && merged.written == 3)  // the assets were there already
        #expect(Self.contents(of: sharded) == Self.contents(of: plain))
    }

    @Test("merge before every shard ran names the missing shard; shards need 1 <= i <= n")
    func mergeErrors() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: SiteBuild.MergeError.noShards) { try build.merge(writer: OutputWriter(directory: folder)) }
        _ = try build.run(.write, writer: OutputWriter(directory: folder), shard: SiteBuild.Shard(index: 1, count: 2))
        #expect(throws: SiteBuild.MergeError.missingShards([2], count: 2)) { try build.merge(writer: OutputWriter(directory: folder)) }
        // A receipt of another split copied in beside it.
        _ = try build.run(.write, writer: OutputWriter(directory: folder.appendingPathComponent("other")), shard: SiteBuild.Shard(index: 3, count: 3))
        try FileManager.default.copyItem(at: folder.appendingPathComponent("other/.scopeguide-shard-3-of-3.json"), to: folder.appendingPathComponent(".scopeguide-shard-3-of-3.json"))
        #expect(throws: SiteBuild.MergeError.mixedSplits([2, 3])) { try build.merge(writer: OutputWriter(directory: folder)) }
        #expect(SiteBuild.Shard(index: 0, count: 2) == nil && SiteBuild.Shard(index: 3, count: 2) == nil && SiteBuild.Shard(index: 1, count: 0) == nil)
        #expect(SiteBuild.Shard(index: 1, count: SiteBuild.Shard.maximumCount) != nil && SiteBuild.Shard(index: 1, count: SiteBuild.Shard.maximumCount + 1) == nil)
    }

    @Test("forged receipts are unreadable, never a trap or a long run", arguments: [
        (1, 0), (1, -1), (-1, 3), (0, 0), (1, 100_000_000), (1, Int.max), (Int.min, Int.max),
    ])
    func forgedReceipts(shard: Int, count: Int) throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = ShardReceipt.fileName(shard: shard, count: count)
        let forged = #"{"shard": \#(shard), "count": \#(count), "build": "\#(String(repeating: "a", count: 64))", "files": {}}"#
        try Data(forged.utf8).write(to: folder.appendingPathComponent(name))
        #expect(throws: SiteBuild.MergeError.unreadableReceipt(name)) { try build.merge(writer: OutputWriter(directory: folder)) }
    }

    @Test("a receipt's fields are checked: hashes, paths outside the folder, its name, its size")
    func receiptFields() throws {
        let hash = String(repeating: "b", count: 64), name = ShardReceipt.fileName(shard: 1, count: 1)
        let receipt = { (build: String, files: String) in Data(#"{"shard": 1, "count": 1, "build": "\#(build)", "files": {\#(files)}}"#.utf8) }
        #expect(ShardReceipt.decode(receipt(hash, #""a/b.md": "\#(hash)""#), name: name) != nil)
        #expect(ShardReceipt.decode(receipt(hash, #""a/b.md": "\#(hash)""#), name: ShardReceipt.fileName(shard: 1, count: 2)) == nil)
        #expect(ShardReceipt.decode(receipt("x", ""), name: name) == nil)
        #expect(ShardReceipt.decode(receipt(hash, #""a/b.md": "zz""#), name: name) == nil)
        for path in ["../b.md", "/etc/passwd", "", "a//b.md"] {
            #expect(ShardReceipt.decode(receipt(hash, #""\#(path)": "\#(hash)""#), name: name) == nil, "\(path)")
        }
        #expect(ShardReceipt.decode(Data([0xFF, 0x00, 0x7B]), name: name) == nil)
    }

    @Test("the sources digest is equal for two copies of the guides and changes with any byte or file name")
    func sourcesDigest() throws {
        let root = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let one = root.appendingPathComponent("one"), two = root.appendingPathComponent("two")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for copy in [one, two] { try FileManager.default.copyItem(at: Fixtures.guidesDirectory, to: copy) }
        let digest = SiteBuild.sourcesDigest(of: one)
        #expect(digest.count == 64 && digest == SiteBuild.sourcesDigest(of: two))
        // An editor's hidden file does not change it.
        try Data("swap".utf8).write(to: two.appendingPathComponent("front/.front.connector.yaml.swp"))
        #expect(SiteBuild.sourcesDigest(of: two) == digest)
        let file = two.appendingPathComponent("front/front.connector.yaml")
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 2] ^= 1
        try bytes.write(to: file)
        #expect(SiteBuild.sourcesDigest(of: two) != digest)
        bytes[bytes.count - 2] ^= 1
        try bytes.write(to: file)
        try FileManager.default.moveItem(at: file, to: two.appendingPathComponent("front/front.actions.yaml"))
        #expect(SiteBuild.sourcesDigest(of: two) != digest)
    }

    @Test("merge refuses what no plain build would give: files left by an earlier build, a shard from other sources or options, a file edited since its shard")
    func mergeRefusesStaleShards() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder)
        let shards = [SiteBuild.Shard(index: 1, count: 2)!, SiteBuild.Shard(index: 2, count: 2)!]
        // A plain build earlier, then only shard 1 of a new split: shard 2's files are old ones.
        _ = try build.run(.write, writer: writer)
        _ = try build.run(.write, writer: writer, shard: shards[0])
        #expect(throws: SiteBuild.MergeError.missingShards([2], count: 2)) { try build.merge(writer: writer) }
        // Shard 2 from other sources (another commit) or with other options than the merge's.
        let otherSources = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog), options: .init(sources: "another commit"))
        _ = try otherSources.run(.write, writer: writer, shard: shards[1])
        #expect(throws: SiteBuild.MergeError.otherBuild(shard: 2, count: 2)) { try build.merge(writer: writer) }
        let otherOptions = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog), options: .init(frontMatter: false))
        _ = try otherOptions.run(.write, writer: writer, shard: shards[1])
        #expect(throws: SiteBuild.MergeError.otherBuild(shard: 2, count: 2)) { try build.merge(writer: writer) }
        // The right shard 2, then a guide file edited.
        _ = try build.run(.write, writer: writer, shard: shards[1])
        let edited = try #require(build.guides.last).connector.key
        let path = try #require(OutputWriter(directory: folder).existingFiles().first { $0.hasPrefix("connectors/" + edited + "/") && $0.hasSuffix(".md") })
        let original = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(path).path))
        try (original + Data("edited\n".utf8)).write(to: folder.appendingPathComponent(path))
        #expect(throws: SiteBuild.MergeError.changedFile(path)) { try build.merge(writer: writer) }
        try original.write(to: folder.appendingPathComponent(path))
        _ = try build.merge(writer: writer)
        #expect(ShardReceipt.names(writer: OutputWriter(directory: folder)).isEmpty)
        #expect(try build.run(.check, writer: writer).differences == [])
    }
}

extension SitePublishingTests {
    @Test("built pages link one copy of the hashed assets; a single page carries them inline")
    func linkedAssets() throws {
        let url = try Fixtures.catalog.guide(connector: "front")
        let page = try #require(try build.files(for: url).first { $0.path.hasSuffix(".html") }).contents
        #expect(page.contains("<link rel=\"stylesheet\" href=\"../../../../../assets/\(PageAssets.styleFileName)\">"))
        #expect(page.contains("<script src=\"../../../../../assets/\(PageAssets.scriptFileName)\"></script>"))
        #expect(!page.contains(PageAssets.inlineScript))
        #expect(PageAssets.styleFileName.range(of: #"^guide-page\.[0-9a-f]{16}\.css$"#, options: .regularExpression) != nil)
        #expect(build.assetFiles.map(\.path) == ["assets/" + PageAssets.styleFileName, "assets/" + PageAssets.scriptFileName])
        #expect(build.assetFiles.map(\.contents) == [PageAssets.stylesheet, PageAssets.script])
        let single = GuideRenderer(catalog: Fixtures.catalog).render(url, as: .html)
        #expect(single.contains(PageAssets.inlineScript) && single.contains(PageAssets.inlineStyle))
        // The linked page is the single page less its inline copies.
        #expect(page.utf8.count + 45_000 < single.utf8.count)
        let inline = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog), options: .init(linkedAssets: false))
        // With the site's links, a meta description and canonical address the single page has too (less the links).
        let inlinePage = try inline.files(for: url)[1].contents
        #expect(inlinePage.replacingOccurrences(of: #"<link rel="canonical"[^>]*>\n|<p class="sg-nav">.*</p>\n"#, with: "", options: .regularExpression) == single)
        #expect(inline.assetFiles.isEmpty)
    }
}

extension SitePublishingTests {
    @Test("a build removes earlier versions of the hashed assets (their bytes give their name), and nothing else in assets/")
    func outdatedAssets() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder)
        _ = try build.run(.write, writer: writer)
        let assets = folder.appendingPathComponent("assets")
        // An earlier version: its name carries the hash of its bytes, as a build names it.
        let old = "/* an earlier stylesheet */\n"
        let oldName = "guide-page.\(ContentHash.hex(of: old, bytes: 8)).css"
        try Data(old.utf8).write(to: assets.appendingPathComponent(oldName))
        // Named like one, but not by a build: the owner's.
        try Data("old".utf8).write(to: assets.appendingPathComponent("guide-page.0123456789abcdef.js"))
        try Data("mine".utf8).write(to: assets.appendingPathComponent("logo.css"))
        #expect(try build.run(.check, writer: writer).differences == [.extra("assets/" + oldName)])
        #expect(try build.run(.write, writer: writer).removed == 1)
        let left = try FileManager.default.contentsOfDirectory(atPath: assets.path).sorted()
        #expect(left == [PageAssets.styleFileName, PageAssets.scriptFileName, "guide-page.0123456789abcdef.js", "logo.css"].sorted())
    }

    /// The build of the catalogue without its last connector: as if that connector's guides were removed.
    private var buildWithoutLastConnector: SiteBuild {
        let catalog = Fixtures.catalog
        return SiteBuild(renderer: GuideRenderer(catalog: Catalog(site: catalog.site, connectors: Array(catalog.connectors.dropLast()))))
    }

    /// A folder built once from every guide, then given the files a site owner adds, some of them
    /// where guides live; and the paths of the files of the last connector, which
    /// ``buildWithoutLastConnector`` no longer writes.
    private func builtFolderWithStrangers() throws -> (folder: URL, owners: [String], removedGuide: [String]) {
        let folder = Self.temporaryFolder()
        _ = try build.run(.write, writer: OutputWriter(directory: folder))
        let last = try #require(Fixtures.catalog.connectors.last).key
        let removedGuide = OutputWriter(directory: folder).existingFiles().filter { $0.hasPrefix("connectors/" + last + "/") }
        let owners = [
            "README.md", "404.html", "assets/custom.css", ".well-known/security.json", "connectors/front/notes.md",
            "connectors/front/guides/link-account/deep/x.md", "front/link-account/NOTES.md",
            // Where a build writes guides, but no build wrote them (issue 22: these were deleted).
            "connectors/.well-known/guides/link-account/x/index.html", "docs/connector-profile/howto.md",
            "connectors/front/guides/link-account/NOTES.md", "connectors/" + last + "/guides/link-account/NOTES.md",
        ]
        for path in owners {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        return (folder, owners, removedGuide)
    }

    @Test("check reports the recorded files of a removed guide as extra, never a site owner's; build deletes them and the folders that empties")
    func removedGuides() throws {
        let (folder, owners, removedGuide) = try builtFolderWithStrangers()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder), smaller = buildWithoutLastConnector
        #expect(!removedGuide.isEmpty)
        #expect(try build.run(.check, writer: writer).differences == [])
        #expect(try smaller.run(.check, writer: writer).differences.filter { if case .extra = $0 { true } else { false } } == removedGuide.map(OutputWriter.Difference.extra))
        let rebuilt = try smaller.run(.write, writer: writer)
        #expect(rebuilt.removed == removedGuide.count)
        #expect(try smaller.run(.check, writer: writer).differences == [])
        let exists = { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        #expect(owners.allSatisfy(exists), "\(owners.filter { !exists($0) })")
        #expect(!removedGuide.contains(where: exists))
        // The owner's NOTES.md keeps the removed connector's folder.
        #expect(exists("connectors/" + Fixtures.catalog.connectors.last!.key))
    }

    @Test("a recorded file edited since the build is its editor's: not reported, not deleted")
    func editedRecordedFile() throws {
        let (folder, _, removedGuide) = try builtFolderWithStrangers()
        defer { try? FileManager.default.removeItem(at: folder) }
        let edited = try #require(removedGuide.first)
        try Data("my edits".utf8).write(to: folder.appendingPathComponent(edited))
        let smaller = buildWithoutLastConnector, writer = OutputWriter(directory: folder)
        #expect(try smaller.run(.write, writer: writer).removed == removedGuide.count - 1)
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(edited).path) == Data("my edits".utf8))
    }

    @Test("the owner's files survive a build, a changed build and a merge")
    func ownersSurviveEveryBuild() throws {
        let (folder, owners, _) = try builtFolderWithStrangers()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder), smaller = buildWithoutLastConnector
        _ = try build.run(.write, writer: writer)
        _ = try smaller.run(.write, writer: writer)
        _ = try build.run(.write, writer: writer)
        for index in 1...3 { _ = try smaller.run(.write, writer: writer, shard: SiteBuild.Shard(index: index, count: 3)) }
        _ = try smaller.merge(writer: writer)
        let exists = { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        #expect(owners.allSatisfy(exists), "\(owners.filter { !exists($0) })")
    }

    @Test("a shard's check reports the same extra files as a whole build's; a shard deletes nothing, the merge does")
    func removedGuidesWithShards() throws {
        let (folder, _, removedGuide) = try builtFolderWithStrangers()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder), shard = SiteBuild.Shard(index: 2, count: 3), smaller = buildWithoutLastConnector
        let extras = { (differences: [OutputWriter.Difference]) in differences.filter { if case .extra = $0 { true } else { false } } }
        #expect(extras(try smaller.run(.check, writer: writer, shard: shard).differences) == removedGuide.map(OutputWriter.Difference.extra))
        for index in [2, 1, 3] { #expect(try smaller.run(.write, writer: writer, shard: SiteBuild.Shard(index: index, count: 3)).removed == 0) }
        #expect(removedGuide.allSatisfy { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) })
        let merged = try smaller.merge(writer: writer)
        #expect(merged.removed == removedGuide.count && merged.guides == smaller.guides.count)
        #expect(try smaller.run(.check, writer: writer).differences == [])
    }
}

extension SitePublishingTests {
    @Test("--formats md: only the Markdown and the manifest, no index.html, sitemap.xml or assets for a generator to collide with")
    func markdownOnlyBuild() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let markdownOnly = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog), options: .init(formats: [.markdown]))
        let summary = try markdownOnly.run(.write, writer: OutputWriter(directory: folder))
        let paths = Set(Self.contents(of: folder).keys)
        #expect(paths == Set(build.guides.map { SiteLayout.path(of: $0, format: .markdown) } + ["manifest.json"]))
        #expect(summary.files == build.guides.count + 1)
        #expect(try markdownOnly.run(.check, writer: OutputWriter(directory: folder)).differences.isEmpty)
        // A later full build into the folder adds the pages; going back removes them again.
        _ = try build.run(.write, writer: OutputWriter(directory: folder))
        #expect(Self.contents(of: folder)["index.html"] != nil)
        // The pages, the two assets, the index and the sitemap: the manifest recorded them all.
        #expect(try markdownOnly.run(.write, writer: OutputWriter(directory: folder)).removed == build.guides.count + 4)
        #expect(Set(Self.contents(of: folder).keys) == paths)
    }

    @Test("built files are clean: no whitespace-only line, one H1, a meta description and a link to the index on every page; the index lists every guide")
    func outputHygiene() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try build.run(.write, writer: OutputWriter(directory: folder))
        let files = Self.contents(of: folder).mapValues { String(decoding: $0, as: UTF8.self) }
        for request in build.guides {
            let markdown = try #require(files[SiteLayout.path(of: request, format: .markdown)])
            let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(!lines.contains { !$0.isEmpty && $0.allSatisfy { $0 == " " || $0 == "\t" } }, "\(request.url.path): whitespace-only line")
            // The front matter's title is the only H1: no `#` heading in the body.
            #expect(lines.filter { $0.hasPrefix("# ") }.isEmpty, "\(request.url.path)")
            let page = try #require(files[SiteLayout.path(of: request, format: .html)])
            #expect(page.components(separatedBy: "<h1>").count == 2, "\(request.url.path): one <h1>")
            let description = build.frontMatter(for: request).description
            #expect(page.contains("<meta name=\"description\" content=\"\(HTMLEscaping.escape(description))\">"))
            #expect(page.contains("<a href=\"../../../../../index.html\">All connector setup guides</a>"))
            #expect(files["index.html"]?.contains("href=\"\(SiteLayout.path(of: request, format: .html))\"") == true, "\(request.url.path) not on the index")
        }
        // The renderer's own Markdown too, without front matter (cmark indents blank lines in list items).
        let rendered = GuideRenderer(catalog: Fixtures.catalog).render(try Fixtures.catalog.guide(connector: "front"), as: .markdown)
        #expect(!rendered.contains("\n    \n") && !rendered.contains("\n  \n") && rendered.contains("1.  **"))
    }
}

extension SitePublishingTests {
    @Test("--formats mdx writes each guide's Hub page beside where its Markdown would be")
    func mdxBuild() throws {
        let mdx = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog), options: .init(formats: [.mdx]))
        let url = try Fixtures.catalog.guide(connector: "front")
        let files = mdx.files(for: url)
        #expect(files.map(\.path) == ["connectors/front/guides/link-account/api-token.mdx"])
        #expect(files[0].contents == GuideRenderer(catalog: Fixtures.catalog).render(url, as: .mdx))
        #expect(mdx.siteFileNames == ["manifest.json"])
    }
}
