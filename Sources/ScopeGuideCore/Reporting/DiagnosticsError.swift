/// The error thrown when guide sources do not load or an input cannot be imported: every problem
/// found, not just the first, as ``Diagnostic`` values (an import's with the warnings met on the
/// way).
public struct DiagnosticsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What failed, which says what the closing count line adds.
    public enum Stage: Hashable, Sendable {
        /// Loading guide sources: "N errors in guide sources".
        case loading
        /// Importing a page or document: "N errors; nothing was written".
        case importing
    }

    public let stage: Stage
    /// Errors and warnings, in the order the stage gives them (source order for loading).
    public internal(set) var diagnostics: [Diagnostic]

    package init(_ stage: Stage, diagnostics: [Diagnostic]) {
        self.stage = stage
        self.diagnostics = diagnostics
    }

    /// Only the errors.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String {
        let count = errors.count
        let errors = "\(count) error\(count == 1 ? "" : "s")"
        return switch stage {
        case .loading: (diagnostics.map(\.description) + ["\(errors) in guide sources"]).joined(separator: "\n")
        case .importing: (diagnostics.map(\.description) + ["\(errors); nothing was written"]).joined(separator: "\n")
        }
    }
}
