import ArgumentParser
import Foundation
import ScopeGuide

extension ScopeGuideCommand {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render every guide, untailored, into the output folder.",
            discussion: """
                Writes <output>/<key>/<link-account|connector-profile>/<slug>.md and .html for \
                every guide, plus <output>/index.html. Files are written atomically and only when \
                their contents change; the same sources always give byte-identical files.

                With --check nothing is written: the command lists missing, stale and extra files \
                and exits 2 if there are any (for CI).
                """
        )

        @Option(help: "The folder holding the guide sources.")
        var guides: String = "Guides"

        @Option(help: "The folder to write rendered guides to.")
        var output: String = "Output"

        @Flag(help: "Compare instead of writing; exit 2 if the output folder is out of date.")
        var check = false

        @Option(help: ArgumentHelp("Guides rendered at once (default: one per processor).", valueName: "n"))
        var jobs: Int?

        @Option(help: "text: a summary line (and one line per out-of-date file with --check); json: an object with guides, connectors, files, bytes, written and unchanged, or upToDate and differences with --check.")
        var format: OutputFormat = .text

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run() throws {
            let start = ContinuousClock.now
            let catalog = try CatalogLoader().load(directory: URL(fileURLWithPath: guides)).catalog
            let build = SiteBuild(renderer: GuideRenderer(catalog: catalog))
            let writer = OutputWriter(directory: URL(fileURLWithPath: output))
            // Progress only on a terminal: logs and scripts get the one-line summary.
            var progress: (@Sendable (Int, Int, GuideURL) -> Void)?
            if isatty(STDERR_FILENO) == 1 {
                progress = { done, total, url in
                    FileHandle.standardError.write(Data("[\(done)/\(total)] \(url.connector) \(url.kind.pathSegment)/\(url.slug)\n".utf8))
                }
            }
            let summary = try build.run(
                check ? .check : .write, writer: writer, workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount, progress: progress)
            let elapsed = ContinuousClock.now - start

            if format == .json {
                print(try JSONOutput.encode(Report(summary, connectors: catalog.connectors.count, check: check)))
                if check && !summary.differences.isEmpty { throw ExitCode(2) }
                return
            }
            if check {
                for difference in summary.differences { print(difference) }
                guard summary.differences.isEmpty else {
                    print("\(summary.differences.count) file(s) in \(output)/ are out of date; run 'swift run scopeguide build'")
                    throw ExitCode(2)
                }
                print("\(output)/ is up to date: \(summary.guides) guides, \(summary.files) files, \(summary.bytes) bytes")
                return
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("rendered \(summary.guides) guides of \(catalog.connectors.count) connectors: \(summary.files) files, \(summary.bytes) bytes, \(summary.written) written, \(summary.files - summary.written) unchanged, in \(String(format: "%.2f", seconds)) s")
        }
    }

    /// `build --format json`, for scripts: the counts and, with `--check`, the differences (no timings).
    private struct Report: Encodable {
        struct Difference: Encodable {
            var kind: String
            var path: String
        }

        var guides: Int
        var connectors: Int
        var files: Int
        var bytes: Int
        var written: Int?
        var unchanged: Int?
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
                    }
                }
            } else {
                written = summary.written
                unchanged = summary.files - summary.written
            }
        }
    }
}
