import ArgumentParser
import Foundation
import ScopeGuide

extension ScopeGuideCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn a published guide page or a provider's permission data into a guide source.",
            discussion: """
                --from says what FILE is:

                stackone-page (the default): the MDX-like markup of a docs.stackone.com connector \
                guide page (a link-account page, "Connect <Name> with <Method> – StackOne Hub", or a \
                connector-profile page, "<Name> <Method> connector profile – StackOne setup guide", \
                in the current form with <section> elements or the older one with ## headings). It \
                gives the action catalogue with its scopes, the sections and steps (screenshots, \
                callouts, accordions, code blocks and tables as Markdown), the warning and the hub's \
                fields (config fields for a link-account page, setup fields for a connector-profile \
                page). Markup the importer does not know is an error naming its line; with --lenient \
                its text is kept with a warning. Page content it leaves to the renderer but that \
                differs from the renderer's wording is printed as a warning.

                github-fine-grained: GitHub's fine-grained personal access token permission file \
                (fine-grained-pat-permissions.json from github/docs). It gives one action per REST \
                endpoint, the scopes <permission>:read, :write and :admin, and the guide to create \
                such a token (key "github" unless --key says otherwise). Comments at the top of the \
                guide say which endpoints take any one of their permissions and where that was read. \
                A malformed file is an error naming its JSON path.

                The result is written to <output>/<key>/<key>.connector.yaml, atomically; importing \
                the same input again gives the same file. When that file already exists (say, the \
                connector's link-account page was imported and now its connector-profile page is), \
                the import is merged into it: one catalogue, every guide. The file's own scopes, \
                actions and name are kept; an imported action that differs from the file's is a \
                warning.

                Errors exit 1 and write nothing. Inputs are limited in size (16 MiB for a page, \
                32 MiB for a permission file), checked before the whole file is read.

                Examples:
                  scopeguide import front.mdx --output Guides
                  scopeguide import --from github-fine-grained fine-grained-pat-permissions.json
                """
        )

        /// The kinds of input `import` reads.
        enum Source: String, CaseIterable, ExpressibleByArgument {
            case stackonePage = "stackone-page"
            case githubFineGrained = "github-fine-grained"
        }

        @Argument(help: "The file to import: a guide page's markup, or a permission file (see --from).")
        var file: String

        @Option(help: "What the file is: \(Source.allCases.map(\.rawValue).joined(separator: ", ")).")
        var from: Source = .stackonePage

        @Option(help: "The connector key (stackone-page: the key the page's action ids or connectors/<key>/ URLs carry, else the connector's name in kebab-case; github-fine-grained: github).")
        var key: String?

        @Option(help: "The guides folder to write into.")
        var output: String = "Guides"

        @Flag(help: "stackone-page: keep the text of markup that cannot be converted, with a warning, instead of failing.")
        var lenient = false

        func validate() throws {
            if lenient, from != .stackonePage {
                throw ValidationError("--lenient applies only to --from stackone-page")
            }
        }

        func run() throws {
            switch from {
            case .stackonePage: try importPage()
            case .githubFineGrained: try importGitHubFineGrained()
            }
        }

        private func importPage() throws {
            let data = try Self.read(file, limit: StackOnePageImporter.maximumPageSize, what: "a guide page")
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
            try write(imported.connector, yaml: imported.yaml, warnings: imported.warnings.map(\.description))
        }

        private func importGitHubFineGrained() throws {
            let data = try Self.read(file, limit: GitHubFineGrainedImporter.maximumInputSize, what: "a permission file")
            var imported: GitHubFineGrainedImporter.Result
            do {
                imported = try GitHubFineGrainedImporter(key: key ?? "github").importFile(data, file: file)
                let existingPath = "\(output)/\(imported.connector.key)/\(imported.connector.key).connector.yaml"
                if let existing = FileManager.default.contents(atPath: existingPath) {
                    let loaded = try loadExisting(existing, path: existingPath)
                    imported = try GitHubFineGrainedImporter.merge(imported, into: loaded, file: file)
                }
            } catch let failure as GitHubFineGrainedImportError {
                FileHandle.standardError.write(Data((failure.description + "\n").utf8))
                throw ExitCode(1)
            }
            try write(imported.connector, yaml: imported.yaml, warnings: imported.warnings.map(\.description))
        }

        /// The whole of `path`, reading at most one byte past `limit` whatever the file is (a
        /// FIFO has no size to stat), so an oversized input is refused without being read.
        static func read(_ path: String, limit: Int, what: String) throws -> Data {
            guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.read(upToCount: limit + 1) ?? Data() else {
                throw ReadError(message: "cannot read '\(path)'")
            }
            try? handle.close()
            guard data.count <= limit else {
                throw ReadError(message: "'\(path)' is larger than \(limit) bytes: not \(what) (at most \(limit >> 20) MiB)")
            }
            return data
        }

        /// Prints the warnings, writes the guide source and says what was written.
        private func write(_ connector: Connector, yaml: String, warnings: [String]) throws {
            for warning in warnings {
                FileHandle.standardError.write(Data((warning + "\n").utf8))
            }
            let path = "\(connector.key)/\(connector.key).connector.yaml"
            let change = try OutputWriter(directory: URL(fileURLWithPath: output)).write(OutputFile(path: path, contents: yaml))
            let guides = connector.methods.flatMap { method in
                GuideKind.allCases.compactMap { kind in method.guides[kind].map { "\(kind.pathSegment)/\(method.slug): \($0.sections.count) sections" } }
            }
            let summary = "\(connector.actions.count) actions, \(connector.scopeDefinitions.count) scopes; " + guides.joined(separator: ", ")
            print("\(change == .written ? "wrote" : "unchanged:") \(output)/\(path) (\(summary))")
        }

        /// The connector already at `path`, which the import is merged into; a file that does not
        /// load stops the import (exit 1) rather than being overwritten.
        private func loadExisting(_ data: Data, path: String) throws -> Connector {
            guard let yaml = String(data: data, encoding: .utf8) else { throw ReadError(message: "'\(path)' is not UTF-8 text") }
            do {
                return try CatalogLoader().loadConnector(yaml: yaml, file: path).connector
            } catch {
                FileHandle.standardError.write(Data(("\(error)\n" + "\(path) does not load, so the import is not merged into it; nothing was written\n").utf8))
                throw ExitCode(1)
            }
        }

        /// An input file that cannot be read.
        struct ReadError: Error, CustomStringConvertible {
            var message: String
            var description: String { message }
        }
    }
}
