import ArgumentParser
import Foundation
import ScopeGuide

extension ScopeGuideCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn a published StackOne Hub guide page into a guide source.",
            discussion: """
                Reads the page's MDX-like markup (the text of a docs.stackone.com connector guide \
                page, as in the project's seeds) and writes <output>/<key>/<key>.connector.yaml: the action catalogue with its scopes, the \
                sections and steps, the warning and the hub's config fields. The file is written \
                atomically; importing the same page again gives the same file.

                Markup the importer does not know is an error naming its line (exit 1, nothing \
                written). Page content it leaves to the renderer but that differs from the \
                renderer's wording is printed as a warning.

                Example: scopeguide import front.mdx --key front --output Guides
                """
        )

        @Argument(help: "The page to import (a file holding the page's markup).")
        var file: String

        @Option(help: "The connector key (default: the connector's name in kebab-case).")
        var key: String?

        @Option(help: "The guides folder to write into.")
        var output: String = "Guides"

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ReadError(message: "cannot read '\(file)'") }
            guard let text = String(data: data, encoding: .utf8) else { throw ReadError(message: "'\(file)' is not UTF-8 text") }
            let imported: StackOnePageImporter.Result
            do {
                imported = try StackOnePageImporter(key: key).importPage(text, file: file)
            } catch {
                // One problem per line, as editors parse them, then exit 1 (invalid input).
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode(1)
            }
            for warning in imported.warnings {
                FileHandle.standardError.write(Data((warning.description + "\n").utf8))
            }
            let key = imported.connector.key
            let path = "\(key)/\(key).connector.yaml"
            let change = try OutputWriter(directory: URL(fileURLWithPath: output)).write(OutputFile(path: path, contents: imported.yaml))
            let summary = "\(imported.connector.actions.count) actions, \(imported.connector.scopeDefinitions.count) scopes, "
                + "\(imported.connector.methods.first?.guides[.config]?.sections.count ?? 0) sections"
            print("\(change == .written ? "wrote" : "unchanged:") \(output)/\(path) (\(summary))")
        }

        /// A page file that cannot be read.
        struct ReadError: Error, CustomStringConvertible {
            var message: String
            var description: String { message }
        }
    }
}
