import ArgumentParser
import Foundation
import ScopeGuide

/// `--guides`: the folder of guide sources, the same option on every command that loads guides.
struct GuidesFolderOption: ParsableArguments {
    @Option(help: "The folder holding the guide sources.")
    var guides: String = "Guides"

    var url: URL { URL(fileURLWithPath: guides) }

    /// The error for a folder that loads but holds no connector: `build` would write an empty
    /// site and `check` pass, where the cause is almost always a wrong `--guides` path.
    var noConnectorError: Diagnostic {
        Diagnostic(severity: .error, file: guides, message: "no connector here: each connector is a folder <key>/ holding <key>.connector.yaml")
    }
}
