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

        func run() throws {
            let start = ContinuousClock.now
            let catalog = try CatalogLoader().load(directory: URL(fileURLWithPath: guides)).catalog
            let build = SiteBuild(renderer: GuideRenderer(catalog: catalog))
            let writer = OutputWriter(directory: URL(fileURLWithPath: output))
            let urls = build.guideURLs
            let showProgress = isatty(STDERR_FILENO) == 1
            var files: [OutputFile] = []
            for (index, url) in urls.enumerated() {
                if showProgress {
                    FileHandle.standardError.write(Data("[\(index + 1)/\(urls.count)] \(url.connector) \(url.kind.pathSegment)/\(url.slug)\n".utf8))
                }
                files += try build.files(for: url)
            }
            files.append(build.indexFile())
            let bytes = files.reduce(0) { $0 + $1.contents.utf8.count }
            let elapsed = ContinuousClock.now - start

            if check {
                let differences = writer.differences(from: files)
                for difference in differences { print(difference) }
                guard differences.isEmpty else {
                    print("\(differences.count) file(s) in \(output)/ are out of date; run 'swift run scopeguide build'")
                    throw ExitCode(2)
                }
                print("\(output)/ is up to date: \(urls.count) guides, \(files.count) files, \(bytes) bytes")
                return
            }
            var written = 0
            for file in files where try writer.write(file) == .written { written += 1 }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("rendered \(urls.count) guides of \(catalog.connectors.count) connectors: \(files.count) files, \(bytes) bytes, \(written) written, \(files.count - written) unchanged, in \(String(format: "%.2f", seconds)) s")
        }
    }
}
