import Foundation
import ScopeGuideCore

/// Every file `scopeguide build` writes: each guide of each connector, untailored, as Markdown
/// (with `GuideFrontMatter`) and HTML where `SiteLayout` puts them, plus `index.html`,
/// `manifest.json` (`SiteManifest`) and `sitemap.xml` (`Sitemap`).
///
/// A large build can be split across machines: each runs ``run(_:writer:workers:shard:progress:)``
/// with its ``Shard`` into the same (or a copied-together) folder, then one runs
/// `merge(writer:)`, which writes the index, manifest and sitemap from the guides' files. The
/// folder is then byte-identical to one plain build's.
public struct SiteBuild: Sendable {
    package let renderer: GuideRenderer
    package let options: Options

    /// What a build writes besides the guides themselves.
    public struct Options: Hashable, Sendable {
        /// Whether each Markdown file starts with its `GuideFrontMatter`.
        public internal(set) var frontMatter: Bool
        /// Where the output folder is published (`https://guides.example.com/docs`): every
        /// dynamic guide URL, link, canonical address, index entry and sitemap entry is under
        /// it (`SiteLayout`); `nil`: the site's `docsBaseURL`, and pages link relatively.
        public internal(set) var baseURL: String?
        /// The guide files written, of ``RenderFormat/markdown``, ``RenderFormat/mdx`` (the Hub's
        /// page, front matter and all) and ``RenderFormat/html``, in `SiteBuild/formatOrder`.
        /// Without HTML there is no `index.html`, `sitemap.xml` or `assets/`, so a static-site
        /// generator can take the folder as its sources.
        public internal(set) var formats: Set<RenderFormat>
        /// Whether pages link `assets/guide-page.<hash>.js|css`, written once (the default), or
        /// each carries its own copy (``PageAssets/Placement/inline``).
        package internal(set) var linkedAssets: Bool
        /// A digest of the guide sources the catalogue was loaded from
        /// (``SiteBuild/sourcesDigest(of:)``), part of `SiteBuild/fingerprint`: shards record
        /// it and the merge compares it. Only sharded builds need it.
        package internal(set) var sources: String

        public init(
            frontMatter: Bool = true, baseURL: String? = nil, formats: Set<RenderFormat> = [.markdown, .html], linkedAssets: Bool = true,
            sources: String = ""
        ) {
            self.frontMatter = frontMatter
            self.baseURL = baseURL
            self.formats = formats.intersection(SiteBuild.formatOrder)
            self.linkedAssets = linkedAssets
            self.sources = sources
        }
    }

    /// The formats a build can write, in the order each guide's files are written and listed.
    package static let formatOrder: [RenderFormat] = [.markdown, .mdx, .html]

    /// Where the files go and how pages link.
    package var layout: SiteLayout { SiteLayout(baseURL: options.baseURL) }

    /// The guide formats this build writes, in `formatOrder`.
    var formats: [RenderFormat] { Self.formatOrder.filter(options.formats.contains) }

    /// Whether pages are written, and with them the index, the sitemap and the assets.
    private var writesPages: Bool { options.formats.contains(.html) }

    /// A digest of the guide sources under `guides`, for ``Options/sources``; with an unreadable
    /// file, one no other shard's digest equals (loading those sources fails anyway).
    package static func sourcesDigest(of guides: URL) -> String { ContentHash.folder(guides) ?? "unreadable" }

    /// What shards and their merge must agree on for the merged folder to be a plain build's:
    /// the guide sources and every option that changes a file.
    var fingerprint: String {
        let formats = self.formats.map(\.rawValue).joined(separator: ",")
        return ContentHash.hex(of: ["shard receipt 2", options.sources, "\(options.frontMatter)", "\(options.linkedAssets)", options.baseURL ?? "", formats].joined(separator: "\n"))
    }

    /// The folder linked assets are written to, under the output folder.
    package static let assetsFolder = "assets"

    /// `assets/guide-page.<hash>.css` and `.js`, which linked pages load.
    package static let linkedAssetFiles = [
        OutputFile(path: assetsFolder + "/" + PageAssets.styleFileName, contents: PageAssets.stylesheet),
        OutputFile(path: assetsFolder + "/" + PageAssets.scriptFileName, contents: PageAssets.script),
    ]

    /// ``linkedAssetFiles`` when pages link them; nothing otherwise.
    var assetFiles: [OutputFile] { options.linkedAssets && writesPages ? Self.linkedAssetFiles : [] }

    /// The site files' names, at the top of the output folder: the manifest, and with pages the
    /// index and the sitemap.
    var siteFileNames: [String] { writesPages ? [SiteLayout.indexPath, "manifest.json", "sitemap.xml"] : ["manifest.json"] }

    /// The paths of every file a whole build writes: each guide's, the site files and the assets.
    private func expectedPaths() -> Set<String> {
        Set(guides.flatMap { request in formats.map { SiteLayout.path(of: request, format: $0) } })
            .union(siteFileNames).union(assetFiles.map(\.path))
    }

    /// The files an earlier build left in the folder as its own, by path with their SHA-256:
    /// the guide files its `manifest.json` lists, and the versions of the hashed page assets
    /// (`assets/guide-page.<hash>.css|js` whose bytes give the hash in their name).
    ///
    /// Ownership is by record, not by where a file sits: a docs team's
    /// `front/link-account/NOTES.md` or `.well-known/link-account/x.html` is in no manifest, so
    /// no build reports or deletes it. Read before the build writes its own manifest.
    func recordedFiles(writer: OutputWriter) -> [String: String] {
        var recorded: [String: String] = [:]
        if let data = writer.contents(of: "manifest.json"), let manifest = try? JSONDecoder().decode(SiteManifest.Record.self, from: data),
            manifest.generator == "scopeguide"
        {
            for file in manifest.guides.flatMap(\.files) + (manifest.files ?? []) { recorded[file.path] = file.sha256 }
        }
        for name in writer.fileNames(in: Self.assetsFolder) {
            guard let match = name.wholeMatch(of: /guide-page\.([0-9a-f]{16})\.(css|js)/), let data = writer.contents(of: Self.assetsFolder + "/" + name) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            if ContentHash.hex(of: text, bytes: 8) == match.1 { recorded[Self.assetsFolder + "/" + name] = ContentHash.hex(of: text) }
        }
        return recorded
    }

    /// The recorded files (`recordedFiles(writer:)`) that the build no longer writes and that
    /// still hold the bytes recorded (a file edited since is its editor's now), sorted.
    private func outdatedFiles(writer: OutputWriter, recorded: [String: String]) -> [String] {
        let expected = expectedPaths()
        return recorded.filter { path, hash in
            !expected.contains(path) && writer.contents(of: path).map { ContentHash.hex(of: String(decoding: $0, as: UTF8.self)) } == hash
        }.keys.sorted()
    }

    /// How the page at `page` reaches the assets.
    private func placement(from page: String) -> PageAssets.Placement {
        options.linkedAssets ? .linked(prefix: layout.link(to: Self.assetsFolder + "/", from: page)) : .inline
    }

    /// Shard `index` of `count` (1-based): every `count`-th guide from the `index`-th, in guide
    /// order, so shards are disjoint, together cover every guide, and are stable while the
    /// catalogue is.
    public struct Shard: Hashable, Sendable, CustomStringConvertible {
        public let index: Int
        public let count: Int

        /// The most shards a build splits into: more would give shards of no guide on any
        /// catalogue this tool serves, and each shard leaves a receipt the merge reads.
        package static let maximumCount = 1_000

        /// `nil` unless `1 <= index <= count <= ` `maximumCount`.
        public init?(index: Int, count: Int) {
            guard (1...Self.maximumCount).contains(count), (1...count).contains(index) else { return nil }
            self.index = index
            self.count = count
        }

        public var description: String { "\(index)/\(count)" }

        func contains(_ position: Int) -> Bool { position % count == index - 1 }
    }

    public init(renderer: GuideRenderer, options: Options = Options()) {
        // Every guide is rendered as Markdown and as a page: its texts are prepared for both at once.
        self.renderer = renderer.preparingBothForms()
        self.options = options
    }

    /// The guides to render, in a stable order: connectors by key, methods as declared, config
    /// before setup; their dynamic URLs are under the base URL when there is one.
    package var guides: [GuideRequest] {
        let requests = renderer.tailor.catalog.allGuides
        guard let baseURL = layout.baseURL else { return requests }
        return requests.map { request in
            var moved = request
            moved.base = baseURL
            return moved
        }
    }

    /// The files for one guide, in `formatOrder`, where `SiteLayout` puts them: the Markdown
    /// (front matter first, if enabled, and then no `#` title) and the page.
    package func files(for request: GuideRequest) -> [OutputFile] {
        formats.map { format in
            let path = SiteLayout.path(of: request, format: format)
            switch format {
            case .html:
                let options = GuideRenderer.Options(assets: placement(from: path), links: layout.pageLinks(for: request))
                return OutputFile(path: path, contents: renderer.render(request, as: .html, options: options))
            case .mdx:
                // The Hub's page carries its own front matter, title and description.
                return OutputFile(path: path, contents: renderer.render(request, as: .mdx))
            default:
                return OutputFile(path: path, contents: renderer.render(request, as: format, options: .init(frontMatter: options.frontMatter)))
            }
        }
    }

    /// What the guide `request` names says about itself.
    package func frontMatter(for request: GuideRequest) -> GuideFrontMatter {
        GuideFrontMatter(renderer.tailoredGuide(for: request), site: renderer.tailor.catalog.site, url: request.url.description)
    }

    /// `index.html`, linking every guide.
    func indexFile() -> OutputFile {
        let page = IndexPage(
            catalog: renderer.tailor.catalog, guides: guides, layout: layout, linksMarkdown: options.formats.contains(.markdown),
            assets: placement(from: SiteLayout.indexPath))
        return OutputFile(path: SiteLayout.indexPath, contents: page.html())
    }

    /// The files written once per site, after the guides: the index, the manifest of `entries`
    /// (in guide order) and the sitemap, or only the manifest when no pages are written.
    private func siteFiles(_ entries: [SiteManifest.Guide]) -> [OutputFile] {
        // Each page's canonical address: its dynamic URL, under the base URL when there is one.
        let pages = writesPages ? [indexFile(), OutputFile(path: "sitemap.xml", contents: Sitemap.xml(locations: guides.map(\.url.description)))] : []
        let manifest = SiteManifest(guides: entries, files: pages.map { SiteManifest.File(path: $0.path, contents: $0.contents) })
        return pages + [OutputFile(path: "manifest.json", contents: manifest.json())]
    }

    /// Why `merge(writer:)` cannot write the site files.
    package enum MergeError: Error, Hashable, Sendable, CustomStringConvertible {
        /// No shard left its receipt in the folder: no `--shard` run wrote into it.
        case noShards
        /// These shards of a split in `count` left no receipt: they did not run into this folder.
        case missingShards([Int], count: Int)
        /// A receipt that is not one: damaged, or not written by a shard.
        case unreadableReceipt(String)
        /// Receipts of splits into these different numbers of shards.
        case mixedSplits([Int])
        /// Shard `shard` of `count` ran from other guide sources or with other options.
        case otherBuild(shard: Int, count: Int)
        /// A guide's file is not in the folder, or no shard wrote it.
        case missingFile(String)
        /// A guide's file differs from what its shard wrote: edited, or left by another build.
        case changedFile(String)

        public var description: String {
            switch self {
            case .noShards:
                "no shard ran into this folder: run every shard (build --shard i/n) into it before --merge"
            case .missingShards(let shards, let count):
                "shard\(shards.count == 1 ? "" : "s") \(shards.prefix(10).map { "\($0)/\(count)" }.joined(separator: ", "))"
                    + (shards.count > 10 ? " and \(shards.count - 10) more" : "")
                    + " did not run into this folder: run every shard (build --shard i/n) into it before --merge"
            case .unreadableReceipt(let name):
                "\(name) is not a shard's receipt: run that shard again"
            case .mixedSplits(let counts):
                "the folder holds shards of splits in \(counts.map(String.init).joined(separator: " and ")): run every shard of one split into it"
            case .otherBuild(let shard, let count):
                "shard \(shard)/\(count) ran from other guide sources or with other options than this merge: run every shard and the merge from the same sources and options"
            case .missingFile(let path):
                "\(path) is missing: run every shard (build --shard i/n) into this folder before --merge"
            case .changedFile(let path):
                "\(path) is not the file its shard wrote (edited since, or left by another build): run its shard again"
            }
        }
    }

    /// Writes the index, manifest and sitemap for the guide files the shards wrote into the
    /// writer's folder, reading them back for the manifest's hashes, then deletes what no guide
    /// writes any more and the shards' receipts.
    ///
    /// Every shard of one split must have run into the folder from the merge's sources and
    /// options, and every guide file must be the one its shard wrote (`ShardReceipt`).
    /// - Throws: ``MergeError``; the writer's error.
    package func merge(writer: OutputWriter) throws -> Summary {
        let written = try shardFiles(writer: writer)
        // Before the new manifest replaces the record.
        let recorded = recordedFiles(writer: writer)
        var entries: [SiteManifest.Guide] = []
        for request in guides {
            let files = try formats.map { format throws -> SiteManifest.File in
                let path = SiteLayout.path(of: request, format: format)
                guard let data = writer.contents(of: path), let hash = written[path] else {
                    throw MergeError.missingFile(path)
                }
                let file = SiteManifest.File(path: path, contents: String(decoding: data, as: UTF8.self))
                guard file.sha256 == hash else { throw MergeError.changedFile(path) }
                return file
            }
            entries.append(SiteManifest.Guide(frontMatter(for: request), files: files))
        }
        // The guides merged; their files are the shards' and not counted again.
        var summary = Summary(guides: entries.count)
        summary.add(try Self.apply(.write, assetFiles + siteFiles(entries), writer: writer))
        summary.removed = try removeOutdatedFiles(writer: writer, recorded: recorded)
        for name in ShardReceipt.names(writer: writer) { try writer.remove(name) }
        return summary
    }

    /// The SHA-256 of every guide file the shards' receipts in `folder` list, by path, once
    /// every shard of the split is there and ran from this build's `fingerprint`.
    private func shardFiles(writer: OutputWriter) throws(MergeError) -> [String: String] {
        var receipts: [ShardReceipt] = []
        for name in ShardReceipt.names(writer: writer) {
            guard let receipt = ShardReceipt.read(name, writer: writer) else { throw .unreadableReceipt(name) }
            receipts.append(receipt)
        }
        // A shard deletes the receipts of other splits in its folder; folders copied together
        // from runs of different splits still mix them.
        let counts = Set(receipts.map(\.count)).sorted()
        guard let count = counts.first else { throw .noShards }
        guard counts.count == 1 else { throw .mixedSplits(counts) }
        receipts.sort { $0.shard < $1.shard }
        let missing = Set(1...count).subtracting(receipts.map(\.shard)).sorted()
        guard missing.isEmpty else { throw .missingShards(missing, count: count) }
        if let other = receipts.first(where: { $0.build != fingerprint }) { throw .otherBuild(shard: other.shard, count: count) }
        return receipts.reduce(into: [:]) { files, receipt in files.merge(receipt.files) { first, _ in first } }
    }

    /// Whether `run(_:writer:workers:progress:)` writes files or only compares them.
    public enum Mode: Sendable {
        case write
        /// Compare with the output folder; write nothing.
        case check
    }

    /// What a build did.
    public struct Summary: Sendable {
        public var guides = 0
        public var files = 0
        public var bytes = 0
        /// Files written because they were missing or different (``Mode/write``).
        public var written = 0
        /// Files an earlier build recorded as its own that this one no longer writes, deleted
        /// (``Mode/write``, whole builds and merges only; see `SiteBuild/recordedFiles(writer:)`).
        package internal(set) var removed = 0
        /// How the folder differs from the build, in file order, then extra files, then temporary
        /// files left by killed runs (``Mode/check``).
        package internal(set) var differences: [OutputWriter.Difference] = []
    }

    /// Renders every guide and writes its files (or compares them), several guides at a time.
    ///
    /// Each worker renders a guide and writes it before taking the next, so the build never
    /// holds the whole site in memory. The outcome does not depend on the number of workers:
    /// results are gathered in guide order, and of several failures the first guide's is thrown.
    ///
    /// - Parameters:
    ///   - mode: write the files (``Mode/write``) or compare them with the folder (``Mode/check``).
    ///   - writer: the output folder's writer.
    ///   - workers: guides rendered at once; by default one per processor.
    ///   - shard: only this share of the guides, and none of the site files (see `merge(writer:)`);
    ///     with ``Mode/check``, files of other shards' guides are not reported as extra; with
    ///     ``Mode/write``, nothing is deleted (the merge deletes what no guide writes any more).
    ///   - progress: called as each guide is done, with the number done so far, from any thread.
    /// - Throws: the writer's error.
    public func run(
        _ mode: Mode, writer: OutputWriter, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        shard: Shard? = nil, progress: (@Sendable (_ done: Int, _ of: Int, _ request: GuideRequest) -> Void)? = nil
    ) throws -> Summary {
        let all = guides
        let requests = shard.map { shard in all.enumerated().filter { shard.contains($0.offset) }.map(\.element) } ?? all
        // A run killed between writing a temporary file and renaming it leaves the file behind;
        // a build removes those of earlier runs, and a check reports them.
        if mode == .write { writer.removeStaleTemporaryFiles() }
        // Before the new manifest replaces the record.
        let recorded = recordedFiles(writer: writer)
        let outcomes = Outcomes(count: requests.count)
        let handle: @Sendable (Int) -> Void = { index in
            let outcome = Result { () throws -> Outcome in
                let files = files(for: requests[index])
                var outcome = try Self.apply(mode, files, writer: writer)
                outcome.manifest = SiteManifest.Guide(frontMatter(for: requests[index]), files: files.map { SiteManifest.File(path: $0.path, contents: $0.contents) })
                return outcome
            }
            let done = outcomes.set(index, outcome)
            progress?(done, requests.count, requests[index])
        }
        Self.perform(requests.count, workers: max(1, workers), handle)

        var summary = Summary(guides: requests.count)
        // Every shard writes the shared assets: each machine's folder then works on its own.
        summary.add(try Self.apply(mode, assetFiles, writer: writer))
        var manifest: [SiteManifest.Guide] = []
        for outcome in outcomes.all() {
            let outcome = try outcome.get()
            summary.add(outcome)
            if let entry = outcome.manifest { manifest.append(entry) }
        }
        if shard == nil { summary.add(try Self.apply(mode, siteFiles(manifest), writer: writer)) }
        switch mode {
        case .check:
            // A shard knows every guide, so it reports the same extra files as a whole build.
            summary.differences += outdatedFiles(writer: writer, recorded: recorded).map(OutputWriter.Difference.extra)
            summary.differences += writer.staleTemporaryFiles().map(OutputWriter.Difference.temporary)
        case .write:
            // Only a whole build removes: a shard's folder may be one machine's part of the site.
            if let shard {
                try writeReceipt(shard, files: manifest.flatMap(\.files), writer: writer)
            } else {
                summary.removed = try removeOutdatedFiles(writer: writer, recorded: recorded)
            }
        }
        return summary
    }

    /// Leaves the `ShardReceipt` of `shard` for the merge, and deletes those of other splits
    /// (a run of 2/4 after an earlier split in 3 starts a new split).
    private func writeReceipt(_ shard: Shard, files: [SiteManifest.File], writer: OutputWriter) throws(OutputWriteError) {
        let receipt = ShardReceipt(shard: shard.index, count: shard.count, build: fingerprint, files: Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.sha256) }))
        for name in ShardReceipt.names(writer: writer) where ShardReceipt.read(name, writer: writer)?.count != shard.count {
            try writer.remove(name)
        }
        try writer.write(receipt.file())
    }

    /// Deletes ``outdatedFiles(writer:recorded:)``, and the folders that leaves empty; returns how many files.
    private func removeOutdatedFiles(writer: OutputWriter, recorded: [String: String]) throws(OutputWriteError) -> Int {
        let outdated = outdatedFiles(writer: writer, recorded: recorded)
        for path in outdated { try writer.remove(path) }
        return outdated.count
    }

    /// One guide's share of a ``Summary``.
    fileprivate struct Outcome: Sendable {
        var files: Int
        var bytes: Int
        var written: Int
        var differences: [OutputWriter.Difference]
        /// The guide's manifest entry; none for the site files.
        var manifest: SiteManifest.Guide?
    }

    private static func apply(_ mode: Mode, _ files: [OutputFile], writer: OutputWriter) throws -> Outcome {
        var outcome = Outcome(files: files.count, bytes: files.reduce(0) { $0 + $1.contents.utf8.count }, written: 0, differences: [], manifest: nil)
        switch mode {
        case .write:
            for file in files where try writer.write(file) == .written { outcome.written += 1 }
        case .check:
            outcome.differences = files.compactMap(writer.difference(for:))
        }
        return outcome
    }

    /// Calls `body` for each index below `count`, from up to `workers` threads, each taking the
    /// next index as it finishes one (guides differ in size).
    private static func perform(_ count: Int, workers: Int, _ body: @Sendable (Int) -> Void) {
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: min(workers, count)) { _ in
            while case let index = next.increment(), index < count { body(index) }
        }
    }

    /// Results by guide index, filled in from the workers.
    private final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Result<Outcome, any Error>?]
        private var done = 0

        init(count: Int) { results = Array(repeating: nil, count: count) }

        /// Stores the result for `index` and returns how many are stored.
        func set(_ index: Int, _ result: Result<Outcome, any Error>) -> Int {
            lock.withLock {
                results[index] = result
                done += 1
                return done
            }
        }

        func all() -> [Result<Outcome, any Error>] { lock.withLock { results.map { $0! } } }
    }

    /// Hands out indices 0, 1, 2… to the workers.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func increment() -> Int {
            lock.withLock {
                defer { value += 1 }
                return value
            }
        }
    }
}

extension SiteBuild.Summary {
    fileprivate mutating func add(_ outcome: SiteBuild.Outcome) {
        files += outcome.files
        bytes += outcome.bytes
        written += outcome.written
        differences += outcome.differences
    }
}
