/// The error thrown when guide sources do not load: every problem found, not just the first.
public struct LoadFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Sorted by file, line and column.
    public internal(set) var errors: [LoadError]

    package init(errors: [LoadError]) {
        self.errors = errors.sorted(by: LoadError.sourceOrder)
    }

    /// Every error as a ``Diagnostic``, in source order.
    public var diagnostics: [Diagnostic] { errors.map(Diagnostic.init) }

    public var description: String {
        let lines = diagnostics.map(\.description)
        return lines.joined(separator: "\n") + "\n\(errors.count) error\(errors.count == 1 ? "" : "s") in guide sources"
    }
}

extension LoadError {
    /// Orders errors as they appear in the sources.
    static func sourceOrder(_ a: LoadError, _ b: LoadError) -> Bool {
        (a.location.file, a.location.line, a.location.column, a.keyPath)
            < (b.location.file, b.location.line, b.location.column, b.keyPath)
    }
}
