import ArgumentParser
import Foundation
import ScopeGuide

extension ScopeGuideCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load every guide and report problems.",
            discussion: """
                Prints load errors (exit 1), then lint findings: scopes an action needs that no \
                step displays (error, exit 2), scopes displayed that no action needs, alternatives \
                that can never be chosen, and keys the loader ignores (warnings).
                """
        )

        @OptionGroup var folder: GuidesFolderOption

        @Option(help: "text: one finding per line; json: an object with connectors, errors and warnings.")
        var format: OutputFormat = .text

        func run() throws {
            let result = try CatalogLoader().load(directory: folder.url)
            let findings = result.catalog.connectors.flatMap(Lint.findings(for:))
            let errors = findings.filter { $0.severity == .error }.map(\.description)
            let warnings = result.warnings.map { "\($0) (warning)" } + findings.filter { $0.severity == .warning }.map(\.description)
            switch format {
            case .text:
                for line in errors + warnings { print(line) }
                print("checked \(result.catalog.connectors.count) connectors: \(errors.count) errors, \(warnings.count) warnings")
            case .json:
                struct Report: Encodable { var connectors: [String]; var errors: [String]; var warnings: [String] }
                print(try JSONOutput.encode(Report(connectors: result.catalog.connectors.map(\.key), errors: errors, warnings: warnings)))
            }
            if !errors.isEmpty { throw ExitCode(2) }
        }
    }
}
