import Foundation

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
        let stem = Self.stem(of: url)
        return [
            OutputFile(path: stem + ".md", contents: try renderer.render(url, as: .markdown)),
            OutputFile(path: stem + ".html", contents: try renderer.render(url, as: .html)),
        ]
    }

    /// `index.html`, linking every guide.
    public func indexFile() -> OutputFile {
        OutputFile(path: "index.html", contents: IndexPage(catalog: renderer.tailor.catalog, urls: guideURLs).html())
    }

    /// Whether ``run(_:writer:workers:progress:)`` writes files or only compares them.
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
        /// How the folder differs from the build, in file order, then extra files, then temporary
        /// files left by killed runs (``Mode/check``).
        public var differences: [OutputWriter.Difference] = []
    }

    /// Renders every guide and writes its files (or compares them), several guides at a time.
    ///
    /// Each worker renders a guide and writes it before taking the next, so the build never
    /// holds the whole site in memory. The outcome does not depend on the number of workers:
    /// results are gathered in guide order, and of several failures the first guide's is thrown.
    ///
    /// - Parameters:
    ///   - workers: guides rendered at once; by default one per processor.
    ///   - progress: called as each guide is done, with the number done so far, from any thread.
    /// - Throws: ``GuideURLError`` if a guide cannot be rendered, or the writer's error.
    public func run(
        _ mode: Mode, writer: OutputWriter, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (_ done: Int, _ of: Int, _ url: GuideURL) -> Void)? = nil
    ) throws -> Summary {
        let urls = guideURLs
        // A run killed between writing a temporary file and renaming it leaves the file behind;
        // a build removes those of earlier runs, and a check reports them.
        if mode == .write { writer.removeStaleTemporaryFiles() }
        let outcomes = Outcomes(count: urls.count)
        let handle: @Sendable (Int) -> Void = { index in
            let outcome = Result { () throws -> Outcome in
                let files = try files(for: urls[index])
                return try Self.apply(mode, files, writer: writer)
            }
            let done = outcomes.set(index, outcome)
            progress?(done, urls.count, urls[index])
        }
        Self.perform(urls.count, workers: max(1, workers), handle)

        var summary = Summary(guides: urls.count)
        for outcome in outcomes.all() {
            summary.add(try outcome.get())
        }
        summary.add(try Self.apply(mode, [indexFile()], writer: writer))
        if mode == .check {
            let expected = Set(urls.flatMap { url in ["md", "html"].map { Self.stem(of: url) + "." + $0 } } + ["index.html"])
            summary.differences += writer.existingFiles().filter { !expected.contains($0) }.map(OutputWriter.Difference.extra)
            summary.differences += writer.staleTemporaryFiles().map(OutputWriter.Difference.temporary)
        }
        return summary
    }

    private static func stem(of url: GuideURL) -> String { "\(url.connector)/\(url.kind.pathSegment)/\(url.slug)" }

    /// One guide's share of a ``Summary``.
    fileprivate struct Outcome: Sendable {
        var files: Int
        var bytes: Int
        var written: Int
        var differences: [OutputWriter.Difference]
    }

    private static func apply(_ mode: Mode, _ files: [OutputFile], writer: OutputWriter) throws -> Outcome {
        var outcome = Outcome(files: files.count, bytes: files.reduce(0) { $0 + $1.contents.utf8.count }, written: 0, differences: [])
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
