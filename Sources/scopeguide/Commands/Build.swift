import ArgumentParser
import Foundation
import ScopeGuide

extension ScopeGuideCommand {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render every guide, untailored, into the output folder.",
            discussion: """
                Every guide goes where its dynamic guide URL points, so any static file server \
                answers those URLs (query and all): <output>/connectors/<key>/guides/\
                <link-account|connector-profile>/<slug>/index.html, the page, and <slug>.md beside \
                it (starting with YAML front matter for static-site generators, title and \
                description among it, unless --no-front-matter). Then <output>/index.html, \
                <output>/manifest.json (every guide with its files, their SHA-256 and its scopes), \
                <output>/sitemap.xml and the pages' shared stylesheet and script, \
                <output>/assets/guide-page.<hash>.css and .js. Pages link one another and the \
                assets relatively, so the folder opens from disk or any static host; with \
                --base-url every link, dynamic guide URL, canonical address, index entry and \
                sitemap entry is absolute under that address instead. --formats md writes only the \
                Markdown (and the manifest): no index.html, sitemap.xml or assets for a static-site \
                generator to collide with. Files are written atomically and only when their \
                contents change; the same sources always give byte-identical files.

                A build deletes the files an earlier build recorded as its own (in manifest.json, \
                with their SHA-256; and earlier versions of the hashed assets) that it no longer \
                writes and that still hold the recorded bytes. Everything else in the output \
                folder (a README, a 404.html, your own pages beside the guides) is never touched; \
                nothing is written through a symbolic link below the output folder.

                With --check nothing is written: the command lists missing, stale and extra files \
                and exits 2 if there are any (for CI).

                Guides are linted as `check` lints them first: with any lint error nothing is \
                built and the command exits 2 (warnings do not block). Exit codes: 0 built (or up \
                to date with --check); 1 the guides do not load, bad options, a file that cannot \
                be written (a link in place of a folder, say) or a failed merge; 2 lint errors, or \
                out of date with --check.

                To spread a large build over machines, run --shard 1/n … n/n (each writes its share \
                of the guides into the output folder, with a receipt .scopeguide-shard-<i>-of-<n>.json), \
                gather the folders into one, then run --merge there with the same guides and options: \
                it checks that every shard ran from those sources and that their files are as \
                written, writes the index, manifest and sitemap, deletes the receipts, and the folder \
                equals a plain build's.

                On a terminal a progress line shows guides done and the rate; --progress prints it \
                on pipes and CI logs too (a line at most once a second).
                """
        )

        @OptionGroup var folder: GuidesFolderOption

        @Option(help: "The folder to write rendered guides to.")
        var output: String = "Output"

        @Flag(help: "Compare instead of writing; exit 2 if the output folder is out of date.")
        var check = false

        @Option(help: ArgumentHelp("Guides rendered at once (default: one per processor).", valueName: "n"))
        var jobs: Int?

        @Option(help: "text: a summary line (and one line per out-of-date file with --check); json: an object with guides, connectors, files, bytes, written, unchanged and removed, or upToDate and differences with --check.")
        var format: OutputFormat = .text

        @Flag(inversion: .prefixedNo, help: "Start each Markdown file with YAML front matter (title, description, connector, connectorName, method, methodSlug, guide, guideURL, scopes), and no # title.")
        var frontMatter = true

        @Option(help: ArgumentHelp(
            "Where the output folder is published (an absolute http or https URL): every link, dynamic guide URL, canonical address, index entry and sitemap entry is then under it (default: pages link relatively; dynamic URLs and the sitemap use docsBaseURL from site.yaml).",
            valueName: "url"))
        var baseURL: String?

        @Option(help: ArgumentHelp("The guide files to write, comma-separated: md (Markdown), mdx (the Hub's MDX page), html (pages, with the index, sitemap and assets).", valueName: "formats"))
        var formats = SiteFormats([.markdown, .html])

        // Unconditional, so `--shard -1/3` is refused for its value, not read as a flag.
        @Option(parsing: .unconditional, help: ArgumentHelp("Build only share i of n of the guides (1-based), and no index, manifest or sitemap; see --merge.", valueName: "i/n"))
        var shard: String?

        @Flag(help: "Write the index, manifest and sitemap for the guides that --shard runs wrote into the output folder.")
        var merge = false

        @Flag(help: "Print progress on pipes and in CI logs too (on a terminal it is always shown).")
        var progress = false

        @Option(help: "linked: pages link <output>/assets/guide-page.<hash>.css and .js, written once; inline: each page carries its own copy.")
        var assets: AssetsOption = .linked

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if let baseURL, !Self.isSiteURL(baseURL) {
                throw ValidationError("--base-url takes an absolute http or https URL with no query or fragment, such as https://guides.example.com/docs")
            }
            if formats.formats.isEmpty { throw ValidationError("--formats takes at least one of md, mdx, html") }
            if shard != nil, try parsedShard() == nil { throw ValidationError("--shard takes i/n with 1 <= i <= n <= \(SiteBuild.Shard.maximumCount), such as 2/3") }
            if merge, shard != nil || check { throw ValidationError("--merge runs alone, after every --shard run (not with --shard or --check)") }
        }

        /// Whether `text` can prefix the site's addresses: `http(s)://host[/path]`, no
        /// query, fragment, credentials or characters a URL cannot hold as they are.
        static func isSiteURL(_ text: String) -> Bool {
            guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
                scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
                components.query == nil, components.fragment == nil, components.user == nil, components.password == nil
            else { return false }
            return !text.contains { $0.isWhitespace || "<>\"'&".contains($0) }
        }

        private func parsedShard() throws -> SiteBuild.Shard? {
            guard let shard else { return nil }
            let parts = shard.split(separator: "/", omittingEmptySubsequences: false)
            // Digits only: Int("+1") would also read.
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                let index = Int(parts[0]), let count = Int(parts[1])
            else { return nil }
            return SiteBuild.Shard(index: index, count: count)
        }

        func run() throws {
            let start = ContinuousClock.now
            let catalog = try CatalogLoader().load(directory: folder.url).catalog
            // A wrong --guides path or a misnamed folder would otherwise build an empty site.
            guard !catalog.connectors.isEmpty else {
                FileHandle.standardError.write(Data("\(folder.noConnectorError)\n".utf8))
                throw ExitCode(1)
            }
            // The lint `check` runs: a guide with lint errors (an action's scope that no step
            // displays, say) is not published; warnings do not block.
            let lintErrors = Lint.findings(for: catalog).map(Diagnostic.init).filter { $0.severity == .error }
            guard lintErrors.isEmpty else {
                let lines = lintErrors.map(\.description) + ["\(lintErrors.count) lint error\(lintErrors.count == 1 ? "" : "s"): nothing built (scopeguide check lists every finding)"]
                FileHandle.standardError.write(Data(lines.map { $0 + "\n" }.joined().utf8))
                throw ExitCode(2)
            }
            // Shards and their merge must agree on the sources (ShardReceipt); a plain build needs no digest.
            let sources = shard != nil || merge ? SiteBuild.sourcesDigest(of: folder.url) : ""
            let build = SiteBuild(
                renderer: GuideRenderer(catalog: catalog),
                options: .init(frontMatter: frontMatter, baseURL: baseURL, formats: formats.formats, linkedAssets: assets == .linked, sources: sources))
            let writer = OutputWriter(directory: URL(fileURLWithPath: output))
            if merge {
                let summary: SiteBuild.Summary
                do {
                    summary = try build.merge(writer: writer)
                } catch let error as SiteBuild.MergeError {
                    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                    throw ExitCode(1)
                }
                if format == .json {
                    print(try JSONOutput.encode(Report(summary, connectors: catalog.connectors.count, check: false)))
                } else {
                    print("merged \(build.guides.count) guides: \(summary.files) site files, \(summary.written) written" + Self.removedNote(summary))
                }
                return
            }
            let meter = ProgressMeter(enabled: progress || isatty(STDERR_FILENO) == 1, isTerminal: isatty(STDERR_FILENO) == 1)
            var report: (@Sendable (Int, Int, GuideRequest) -> Void)?
            if meter.isEnabled { report = { done, total, _ in meter.update(done: done, of: total) } }
            // Ends the progress line before an error is printed, too.
            defer { meter.finish() }
            let summary = try build.run(
                check ? .check : .write, writer: writer, workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                shard: try parsedShard(), progress: report)
            meter.finish()
            let elapsed = ContinuousClock.now - start

            if format == .json {
                print(try JSONOutput.encode(Report(summary, connectors: catalog.connectors.count, check: check)))
                ScopeGuideCommand.end(with: check && !summary.differences.isEmpty ? 2 : 0, keeping: catalog, build)
            }
            if check {
                for difference in summary.differences { print(difference) }
                guard summary.differences.isEmpty else {
                    print("\(summary.differences.count) file(s) in \(output)/ are out of date; run 'swift run scopeguide build'")
                    ScopeGuideCommand.end(with: 2, keeping: catalog, build)
                }
                print("\(output)/ is up to date: \(summary.guides) guides, \(summary.files) files, \(summary.bytes) bytes")
                ScopeGuideCommand.end(keeping: catalog, build)
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let count = { (n: Int, noun: String) in "\(n) \(noun)\(n == 1 ? "" : "s")" }
            print("rendered \(count(summary.guides, "guide")) of \(count(catalog.connectors.count, "connector")): \(count(summary.files, "file")), \(summary.bytes) bytes, \(summary.written) written, \(summary.files - summary.written) unchanged\(Self.removedNote(summary)), in \(String(format: "%.2f", seconds)) s")
            ScopeGuideCommand.end(keeping: catalog, build)
        }

        /// ", n removed" when the build deleted files it no longer writes.
        private static func removedNote(_ summary: SiteBuild.Summary) -> String {
            summary.removed == 0 ? "" : ", \(summary.removed) removed"
        }
    }

    /// `build --format json`, for scripts: the counts and, with `--check`, the differences (no timings).
    private struct Report: Encodable {
        struct Difference: Encodable {
            var kind: String
            var path: String
            /// Why the path cannot be written (`blocked` only).
            var reason: String?
        }

        var guides: Int
        var connectors: Int
        var files: Int
        var bytes: Int
        var written: Int?
        var unchanged: Int?
        var removed: Int?
        var upToDate: Bool?
        var differences: [Difference]?

        init(_ summary: SiteBuild.Summary, connectors: Int, check: Bool) {
            guides = summary.guides
            self.connectors = connectors
            files = summary.files
            bytes = summary.bytes
            if check {
                upToDate = summary.differences.isEmpty
                differences = summary.differences.map { difference in
                    switch difference {
                    case .missing(let path): Difference(kind: "missing", path: path)
                    case .stale(let path): Difference(kind: "stale", path: path)
                    case .extra(let path): Difference(kind: "extra", path: path)
                    case .temporary(let path): Difference(kind: "temporary", path: path)
                    case .blocked(let path, let reason): Difference(kind: "blocked", path: path, reason: reason)
                    }
                }
            } else {
                written = summary.written
                unchanged = summary.files - summary.written
                removed = summary.removed
            }
        }
    }
}
