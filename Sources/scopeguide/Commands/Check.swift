import ArgumentParser
import Foundation
import ScopeGuide

extension ScopeGuideCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load every guide and report problems.",
            discussion: """
                Loads every guide under --guides and lints each connector: scopes an action needs \
                that no step displays (error), scopes displayed that no action needs, alternatives \
                that can never be chosen, images rendered guides leave out, variables without a \
                pattern, scopes that include a higher privilege level, actions sharing a label and \
                labels with Markdown in them (warnings: labels are plain text). A key the \
                format does not have is a load error with the nearest known keys (name a \
                deliberate extension x-…). Each problem is one line, `file:line:column: severity: key.path: \
                message` (lint findings start with the connector's key), errors first, then a count \
                by severity.

                Exit codes: 0 no errors (warnings allowed); 1 the guides do not load (the load \
                errors are listed on standard error); 2 lint errors. --format json prints {connectors, errors, \
                warnings}, each problem an object with severity, file, line, column, connector, \
                keyPath and message.
                """
        )

        @OptionGroup var folder: GuidesFolderOption

        @Option(help: "text: one problem per line and a count; json: an object with connectors, errors and warnings.")
        var format: OutputFormat = .text

        func run() throws {
            let connectors: [String]
            let diagnostics: [Diagnostic]
            let loaded: Bool
            var kept: CatalogLoader.Result?
            do {
                let result = try CatalogLoader().load(directory: folder.url)
                kept = result
                connectors = result.catalog.connectors.map(\.key)
                diagnostics = result.warnings.map(Diagnostic.init) + Lint.findings(for: result.catalog).map(Diagnostic.init)
                    + (connectors.isEmpty ? [folder.noConnectorError] : [])
                loaded = !connectors.isEmpty
            } catch {
                connectors = []
                diagnostics = error.diagnostics
                loaded = false
            }
            let errors = diagnostics.filter { $0.severity == .error }, warnings = diagnostics.filter { $0.severity == .warning }
            switch format {
            case .text:
                // Load errors go to standard error, as every command prints them; findings of a
                // loaded catalogue are the command's output.
                let what = loaded ? "checked \(Self.count(connectors.count, "connector"))" : "the guides do not load"
                let lines = (errors + warnings).map(\.description) + ["\(what): \(Self.count(errors.count, "error")), \(Self.count(warnings.count, "warning"))"]
                if loaded {
                    for line in lines { print(line) }
                } else {
                    FileHandle.standardError.write(Data(lines.map { $0 + "\n" }.joined().utf8))
                }
            case .json:
                struct Report: Encodable { var connectors: [String]; var errors: [Diagnostic]; var warnings: [Diagnostic] }
                print(try JSONOutput.encode(Report(connectors: connectors, errors: errors, warnings: warnings)))
            }
            ScopeGuideCommand.end(with: !loaded ? 1 : errors.isEmpty ? 0 : 2, keeping: kept as Any)
        }

        private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
    }
}
