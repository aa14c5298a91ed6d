import ArgumentParser
import Foundation
import ScopeGuide

extension ScopeGuideCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn a published guide page or a provider's permission data into a guide source.",
            discussion: """
                --from says what FILE is (default stackone-page); '-' reads standard input:

                stackone-page: a StackOne Hub guide page's MDX-like markup (the text of a \
                docs.stackone.com connector guide page: a link-account page, "Connect <Name> with \
                <Method> – StackOne Hub", or a connector-profile page, "<Name> <Method> connector \
                profile – StackOne setup guide", in the current form with <section> elements or the \
                older one with ## headings; or the MDX source with front matter title and \
                description, as 'render --format mdx' writes it). It gives the action catalogue with its scopes, the \
                sections and steps (screenshots, callouts, accordions, code blocks and tables as \
                Markdown), the warning and the hub's fields (config fields for a link-account page, \
                setup fields for a connector-profile page). Markup the importer does not know is an \
                error naming its line; with --lenient its text is kept with a warning. Page content \
                it leaves to the renderer but that differs from the renderer's wording is printed as \
                a warning. At most 16 MiB.

                google-discovery: a Google API discovery document (JSON; google-api-python-client \
                ships them in googleapiclient/discovery_cache/documents/). One action per method \
                (id from the method's id in snake_case, label from its description's first \
                sentence), requiring any one of the scopes Google lists for it; every scope with \
                Google's description; an OAuth 2.0 method with Google's endpoints and the Google \
                Cloud console steps (enable the API, consent screen, scopes, a Web application \
                client) — or an API key, for a document that lists no scope. Add-on scopes \
                (.addons.) are left out unless --include-addon-scopes, or unless nothing else \
                authorizes a method. Malformed input is an error naming its JSON path. At most 32 MiB.

                github-fine-grained: GitHub's fine-grained personal access token permission file \
                (fine-grained-pat-permissions.json from github/docs). One action per REST endpoint, \
                the scopes <permission>:read, :write and :admin, and the guide to create such a \
                token (key "github" unless --key says otherwise). Comments at the top of the guide \
                say which endpoints take any one of their permissions and where that was read. A \
                malformed file is an error naming its JSON path. At most 32 MiB.

                Each writes <output>/<key>/<key>.connector.yaml, atomically; importing the same \
                input again gives the same file ("unchanged"). When that file already exists (say, \
                the connector's link-account page was imported and now its connector-profile page \
                is), the input is merged into it: one catalogue, all guides. The file's own scopes, \
                actions and name are kept; an imported action that differs from the file's is a \
                warning. Errors exit 1 and write nothing.

                Examples:
                  scopeguide import front.mdx --output Guides
                  scopeguide import - --output Guides < front.mdx
                  scopeguide import --from google-discovery drive.v3.json --key google-drive
                  scopeguide import --from github-fine-grained fine-grained-pat-permissions.json
                """
        )

        @Argument(help: "The file to import ('-': standard input).")
        var file: String

        @Option(help: "What the file is: stackone-page (a StackOne guide page), google-discovery (a Google API discovery document) or github-fine-grained (GitHub's fine-grained token permission file).")
        var from: ImportSource = .stackOnePage

        @Option(help: "The connector key (default: for a page, the key its action ids or connectors/<key>/ URLs carry, else the connector's name in kebab-case; for a discovery document, the API's name in kebab-case; for GitHub's file, github).")
        var key: String?

        @Option(help: "The guides folder to write into.")
        var output: String = "Guides"

        @Flag(help: "stackone-page: keep the text of markup that cannot be converted, with a warning, instead of failing.")
        var lenient = false

        @Flag(help: "google-discovery: keep add-on scopes (.addons.) among each method's alternatives.")
        var includeAddonScopes = false

        func validate() throws {
            if lenient, from != .stackOnePage { throw ValidationError("--lenient applies to --from stackone-page only") }
            if includeAddonScopes, from != .googleDiscovery { throw ValidationError("--include-addon-scopes applies to --from google-discovery only") }
        }

        func run() throws {
            let data = try Self.read(file, limit: from.maximumSize)
            let imported: Imported
            do {
                imported = try importAndMerge(data)
            } catch let failure as DiagnosticsError {
                // One problem per line, as editors parse them, then exit 1 (invalid input).
                FileHandle.standardError.write(Data((failure.description + "\n").utf8))
                throw ExitCode(1)
            }
            for warning in imported.warnings {
                FileHandle.standardError.write(Data((warning + "\n").utf8))
            }
            let connector = imported.connector
            let path = "\(connector.key)/\(connector.key).connector.yaml"
            let change = try OutputWriter(directory: URL(fileURLWithPath: output)).write(OutputFile(path: path, contents: imported.yaml))
            let guides = connector.methods.flatMap { method in
                GuideKind.allCases.compactMap { kind in method.guides[kind].map { "\(kind.pathSegment)/\(method.slug): \($0.sections.count) sections" } }
            }
            let summary = "\(connector.actions.count) actions, \(connector.scopeDefinitions.count) scopes; " + guides.joined(separator: ", ")
            print("\(change == .written ? "wrote" : "unchanged:") \(output)/\(path) (\(summary))")
        }

        /// What any importer gives the command: the connector, its YAML and the warnings as printed.
        private struct Imported {
            var connector: Connector
            var yaml: String
            var warnings: [String]
        }

        /// The input imported by the importer `--from` names, merged into the connector already
        /// in the output folder, if any.
        private func importAndMerge(_ data: Data) throws -> Imported {
            switch from {
            case .stackOnePage:
                guard let text = String(data: data, encoding: .utf8) else { throw ReadError(message: "'\(file)' is not UTF-8 text") }
                var result = try StackOnePageImporter(key: key, lenient: lenient).importPage(text, file: file)
                if let existing = try loadExisting(key: result.connector.key) {
                    result = try StackOnePageImporter.merge(result, into: existing, file: file)
                }
                return Imported(connector: result.connector, yaml: result.yaml, warnings: result.diagnostics.map(\.description))
            case .googleDiscovery:
                var result = try GoogleDiscoveryImporter(key: key, includeAddOnScopes: includeAddonScopes).importDocument(data, file: file)
                if let existing = try loadExisting(key: result.connector.key) {
                    result = try GoogleDiscoveryImporter.merge(result, into: existing, file: file)
                }
                return Imported(connector: result.connector, yaml: result.yaml, warnings: result.diagnostics.map(\.description))
            case .githubFineGrained:
                var result = try GitHubFineGrainedImporter(key: key ?? "github").importFile(data, file: file)
                if let existing = try loadExisting(key: result.connector.key) {
                    result = try GitHubFineGrainedImporter.merge(result, into: existing, file: file)
                }
                return Imported(connector: result.connector, yaml: result.yaml, warnings: result.diagnostics.map(\.description))
            }
        }

        /// The file's bytes: at most `limit`, else an error. At most one byte past the cap is
        /// read, whatever the file is (a FIFO has no size to stat, a pasted blob may be huge).
        static func read(_ file: String, limit: Int) throws -> Data {
            let handle = file == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: file)
            guard let handle, let data = try? handle.read(upToCount: limit + 1) ?? Data() else {
                throw ReadError(message: "cannot read '\(file)'")
            }
            if file != "-" { try? handle.close() }
            guard data.count <= limit else {
                throw ReadError(message: "'\(file)' is larger than \(limit) bytes (\(limit >> 20) MiB), the most this kind of input may be")
            }
            return data
        }

        /// The connector already at `<output>/<key>/<key>.connector.yaml`, which the input is
        /// merged into; `nil` when there is none. A file that does not load stops the import
        /// (exit 1) rather than being overwritten.
        private func loadExisting(key: String) throws -> Connector? {
            let path = "\(output)/\(key)/\(key).connector.yaml"
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            guard let yaml = String(data: data, encoding: .utf8) else { throw ReadError(message: "'\(path)' is not UTF-8 text") }
            do {
                return try CatalogLoader().loadConnector(yaml: yaml, file: path).connector
            } catch {
                FileHandle.standardError.write(Data(("\(error)\n" + "\(path) does not load, so the input is not merged into it; nothing was written\n").utf8))
                throw ExitCode(1)
            }
        }

        /// A file that cannot be read.
        struct ReadError: Error, CustomStringConvertible {
            var message: String
            var description: String { message }
        }
    }
}
