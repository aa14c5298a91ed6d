import ArgumentParser
import Foundation
import ScopeGuide

extension ScopeGuideCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn a published StackOne Hub guide page into a guide source.",
            discussion: """
                Reads the page's MDX-like markup (the text of a docs.stackone.com connector guide \
                page: a link-account page, "Connect <Name> with <Method> – StackOne Hub", or a \
                connector-profile page, "<Name> <Method> connector profile – StackOne setup guide", \
                in the current form with <section> elements or the older one with ## headings) and \
                writes <output>/<key>/<key>.connector.yaml: the action catalogue with its scopes, \
                the sections and steps (screenshots, callouts, accordions, code blocks and tables \
                as Markdown), the warning and the hub's fields (config fields for a link-account \
                page, setup fields for a connector-profile page). The file is written atomically; \
                importing the same page again gives the same file.

                When that file already exists (say, the connector's link-account page was imported \
                and now its connector-profile page is), the page is merged into it: one catalogue, \
                both guides. The file's own scopes, actions and name are kept; a page action that \
                differs from the file's is a warning.

                Markup the importer does not know is an error naming its line (exit 1, nothing \
                written); with --lenient its text is kept with a warning. Page content it leaves to \
                the renderer but that differs from the renderer's wording is printed as a warning.

                Example: scopeguide import front.mdx --output Guides
                """
        )

        @Argument(help: "The page to import (a file holding the page's markup).")
        var file: String

        @Option(help: "The connector key (default: the key the page's action ids or connectors/<key>/ URLs carry, else the connector's name in kebab-case).")
        var key: String?

        @Option(help: "The guides folder to write into.")
        var output: String = "Guides"

        @Flag(help: "Keep the text of markup that cannot be converted, with a warning, instead of failing.")
        var lenient = false

        func run() throws {
            // At most one byte past the cap is read, whatever the file is (a FIFO has no size to stat).
            guard let handle = FileHandle(forReadingAtPath: file), let data = try? handle.read(upToCount: StackOnePageImporter.maximumPageSize + 1) ?? Data() else {
                throw ReadError(message: "cannot read '\(file)'")
            }
            try? handle.close()
            guard data.count <= StackOnePageImporter.maximumPageSize else {
                throw ReadError(message: "'\(file)' is larger than \(StackOnePageImporter.maximumPageSize) bytes: not a guide page (pages are at most 16 MiB)")
            }
            guard let text = String(data: data, encoding: .utf8) else { throw ReadError(message: "'\(file)' is not UTF-8 text") }
            var imported: StackOnePageImporter.Result
            do {
                imported = try StackOnePageImporter(key: key, lenient: lenient).importPage(text, file: file)
                let existingPath = "\(output)/\(imported.connector.key)/\(imported.connector.key).connector.yaml"
                if let existing = FileManager.default.contents(atPath: existingPath) {
                    let loaded = try loadExisting(existing, path: existingPath)
                    imported = try StackOnePageImporter.merge(imported, into: loaded, file: file)
                }
            } catch let failure as ImportFailure {
                // One problem per line, as editors parse them, then exit 1 (invalid input).
                FileHandle.standardError.write(Data((failure.description + "\n").utf8))
                throw ExitCode(1)
            }
            for warning in imported.warnings {
                FileHandle.standardError.write(Data((warning.description + "\n").utf8))
            }
            let key = imported.connector.key
            let path = "\(key)/\(key).connector.yaml"
            let change = try OutputWriter(directory: URL(fileURLWithPath: output)).write(OutputFile(path: path, contents: imported.yaml))
            let guides = imported.connector.methods.flatMap { method in
                GuideKind.allCases.compactMap { kind in method.guides[kind].map { "\(kind.pathSegment)/\(method.slug): \($0.sections.count) sections" } }
            }
            let summary = "\(imported.connector.actions.count) actions, \(imported.connector.scopeDefinitions.count) scopes; "
                + guides.joined(separator: ", ")
            print("\(change == .written ? "wrote" : "unchanged:") \(output)/\(path) (\(summary))")
        }

        /// The connector already at `path`, which the page is merged into; a file that does not
        /// load stops the import (exit 1) rather than being overwritten.
        private func loadExisting(_ data: Data, path: String) throws -> Connector {
            guard let yaml = String(data: data, encoding: .utf8) else { throw ReadError(message: "'\(path)' is not UTF-8 text") }
            do {
                return try CatalogLoader().loadConnector(yaml: yaml, file: path).connector
            } catch {
                FileHandle.standardError.write(Data(("\(error)\n" + "\(path) does not load, so the page is not merged into it; nothing was written\n").utf8))
                throw ExitCode(1)
            }
        }

        /// A page file that cannot be read.
        struct ReadError: Error, CustomStringConvertible {
            var message: String
            var description: String { message }
        }
    }
}
