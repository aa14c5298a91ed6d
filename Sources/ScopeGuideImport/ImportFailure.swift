import ScopeGuideCore

/// The error thrown when a page cannot be imported: every error found, not just the first,
/// with the warnings met on the way.
public struct ImportFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Errors and warnings, in line order.
    public internal(set) var problems: [ImportError]

    package init(problems: [ImportError]) {
        self.problems = problems.sorted { ($0.line, $0.isWarning ? 1 : 0) < ($1.line, $1.isWarning ? 1 : 0) }
    }

    /// Only the errors.
    package var errors: [ImportError] { problems.filter { !$0.isWarning } }

    public var description: String {
        let count = errors.count
        return (problems.map(\.description) + ["\(count) error\(count == 1 ? "" : "s"); nothing was written"])
            .joined(separator: "\n")
    }
}
