import Foundation
import Testing
import Yams
@testable import ScopeGuide

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
        #expect(fields["url"] as? String == "https://docs.stackone.com/connectors/front/guides/link-account/api-token")
        #expect((fields["scopes"] as? [String])?.count == 24)
        #expect((fields["description"] as? String)?.hasPrefix("Link a Front account using API Token") == true)
        #expect(markdown.hasSuffix(GuideRenderer(catalog: Fixtures.catalog).render(url, as: .markdown)))
        let without = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog), options: .init(frontMatter: false))
        #expect(try without.files(for: url)[0].contents.hasPrefix("# Connect Front with API Token"))
    }

    @Test("manifest.json lists every guide with its files' SHA-256 and sizes; sitemap.xml every page")
    func manifestAndSitemap() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try build.run(.write, writer: OutputWriter(directory: folder))
        let files = Self.contents(of: folder)
        let manifest = try JSONDecoder().decode(SiteManifest.self, from: try #require(files["manifest.json"]))
        #expect(manifest.guides.map(\.url) == build.guides.map(\.description))
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
        let published = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog), options: .init(siteURL: "https://guides.example.com/a&b/"))
        _ = try published.run(.write, writer: OutputWriter(directory: folder))
        let moved = String(decoding: try #require(Self.contents(of: folder)["sitemap.xml"]), as: UTF8.self)
        #expect(moved.contains("<loc>https://guides.example.com/a&amp;b/front/link-account/api-token.html</loc>"))
    }

    @Test("check reports a stale manifest or a missing sitemap")
    func checkCoversSiteFiles() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder)
        _ = try build.run(.write, writer: writer)
        try Data("{}".utf8).write(to: folder.appendingPathComponent("manifest.json"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("sitemap.xml"))
        #expect(try build.run(.check, writer: writer).differences == [.stale("manifest.json"), .missing("sitemap.xml")])
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
        let path = try #require(OutputWriter(directory: folder).existingFiles().first { $0.hasPrefix(edited + "/") && $0.hasSuffix(".md") })
        let original = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(path).path))
        try (original + Data("edited\n".utf8)).write(to: folder.appendingPathComponent(path))
        #expect(throws: SiteBuild.MergeError.changedFile(path)) { try build.merge(writer: writer) }
        try original.write(to: folder.appendingPathComponent(path))
        _ = try build.merge(writer: writer)
        #expect(ShardReceipt.names(in: folder).isEmpty)
        #expect(try build.run(.check, writer: writer).differences == [])
    }
}

extension SitePublishingTests {
    @Test("built pages link one copy of the hashed assets; a single page carries them inline")
    func linkedAssets() throws {
        let url = try Fixtures.catalog.guide(connector: "front")
        let page = try #require(try build.files(for: url).first { $0.path.hasSuffix(".html") }).contents
        #expect(page.contains("<link rel=\"stylesheet\" href=\"../../assets/\(PageAssets.styleFileName)\">"))
        #expect(page.contains("<script src=\"../../assets/\(PageAssets.scriptFileName)\"></script>"))
        #expect(!page.contains(PageAssets.inlineScript))
        #expect(PageAssets.styleFileName.range(of: #"^guide-page\.[0-9a-f]{16}\.css$"#, options: .regularExpression) != nil)
        #expect(build.assetFiles.map(\.path) == ["assets/" + PageAssets.styleFileName, "assets/" + PageAssets.scriptFileName])
        #expect(build.assetFiles.map(\.contents) == [PageAssets.stylesheet, PageAssets.script])
        let single = GuideRenderer(catalog: Fixtures.catalog).render(url, as: .html)
        #expect(single.contains(PageAssets.inlineScript) && single.contains(PageAssets.inlineStyle))
        // The linked page is the single page less its inline copies.
        #expect(page.utf8.count + 45_000 < single.utf8.count)
        let inline = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog), options: .init(linkedAssets: false))
        #expect(try inline.files(for: url)[1].contents == single)
        #expect(inline.assetFiles.isEmpty)
    }
}

extension SitePublishingTests {
    @Test("a build removes earlier versions of the hashed assets, and nothing else in assets/")
    func outdatedAssets() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder)
        _ = try build.run(.write, writer: writer)
        let assets = folder.appendingPathComponent("assets")
        try Data("old".utf8).write(to: assets.appendingPathComponent("guide-page.0123456789abcdef.js"))
        try Data("mine".utf8).write(to: assets.appendingPathComponent("logo.css"))
        #expect(try build.run(.check, writer: writer).differences == [.extra("assets/guide-page.0123456789abcdef.js")])
        #expect(try build.run(.write, writer: writer).removed == 1)
        let left = try FileManager.default.contentsOfDirectory(atPath: assets.path).sorted()
        #expect(left == [PageAssets.styleFileName, PageAssets.scriptFileName, "logo.css"].sorted())
    }

    /// A folder built once, then given the files a site owner adds and the files of a guide that
    /// has since been removed.
    private func builtFolderWithStrangers() throws -> (folder: URL, owners: [String], removedGuide: [String]) {
        let folder = Self.temporaryFolder()
        _ = try build.run(.write, writer: OutputWriter(directory: folder))
        let owners = ["README.md", "404.html", "assets/custom.css", ".well-known/security.json", "front/notes.md", "front/link-account/deep/x.md"]
        let removedGuide = ["gone/connector-profile/oauth.html", "gone/link-account/api-key.html", "gone/link-account/api-key.md"]
        for path in owners + removedGuide {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        return (folder, owners, removedGuide)
    }

    @Test("check reports the files of a removed guide as extra, never a site owner's; build deletes them and their emptied folders")
    func removedGuides() throws {
        let (folder, owners, removedGuide) = try builtFolderWithStrangers()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder)
        #expect(try build.run(.check, writer: writer).differences == removedGuide.map(OutputWriter.Difference.extra))
        let rebuilt = try build.run(.write, writer: writer)
        #expect(rebuilt.removed == removedGuide.count && rebuilt.written == 0)
        #expect(try build.run(.check, writer: writer).differences == [])
        let exists = { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        #expect(owners.allSatisfy(exists))
        #expect(!exists("gone"))
    }

    @Test("a shard's check reports the same extra files as a whole build's; a shard deletes nothing, the merge does")
    func removedGuidesWithShards() throws {
        let (folder, _, removedGuide) = try builtFolderWithStrangers()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder), shard = SiteBuild.Shard(index: 2, count: 3)
        #expect(try build.run(.check, writer: writer, shard: shard).differences == removedGuide.map(OutputWriter.Difference.extra))
        for index in [2, 1, 3] { #expect(try build.run(.write, writer: writer, shard: SiteBuild.Shard(index: index, count: 3)).removed == 0) }
        #expect(removedGuide.allSatisfy { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) })
        let merged = try build.merge(writer: writer)
        #expect(merged.removed == removedGuide.count && merged.guides == build.guides.count)
        #expect(try build.run(.check, writer: writer).differences == [])
    }

    @Test("what a build owns: guide files at <key>/<kind>/<slug>.md|html, the site files, the hashed assets", arguments: [
        ("front/link-account/api-token.md", true), ("front/connector-profile/oauth-2-0.html", true), ("index.html", true),
        ("manifest.json", true), ("sitemap.xml", true), ("assets/guide-page.0123456789abcdef.css", true),
        ("front/link-account/.api-token.md.12.tmp", false), ("front/setup/x.md", false), ("front/link-account/x.json", false),
        ("README.md", false), ("404.html", false), ("assets/guide-page.css", false), ("assets/custom.css", false),
        ("front/index.html", false), ("a/link-account/b/c.md", false), ("/link-account/x.md", false),
    ])
    func ownership(path: String, owned: Bool) {
        #expect(SiteBuild.owns(path) == owned)
    }
}
