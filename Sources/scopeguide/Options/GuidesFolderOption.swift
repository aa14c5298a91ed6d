import ArgumentParser
import Foundation

/// `--guides`: the folder of guide sources, the same option on every command that loads guides.
struct GuidesFolderOption: ParsableArguments {
    @Option(help: "The folder holding the guide sources.")
    var guides: String = "Guides"

    var url: URL { URL(fileURLWithPath: guides) }
}
