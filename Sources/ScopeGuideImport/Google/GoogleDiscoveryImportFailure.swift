import ScopeGuideCore

/// The error thrown when a discovery document cannot be imported: every error found, with the
/// warnings met on the way.
public struct GoogleDiscoveryImportFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Errors and warnings, in the order found (the document's members in code-point order).
    package internal(set) var problems: [GoogleDiscoveryImportError]

    package init(problems: [GoogleDiscoveryImportError]) {
        self.problems = problems
    }

    /// Only the errors.
    package var errors: [GoogleDiscoveryImportError] { problems.filter { !$0.isWarning } }

    public var description: String {
        let count = errors.count
        return (problems.map(\.description) + ["\(count) error\(count == 1 ? "" : "s"); nothing was written"])
            .joined(separator: "\n")
    }
}
