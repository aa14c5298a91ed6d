import ArgumentParser

/// Output formats of the commands that print a result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
