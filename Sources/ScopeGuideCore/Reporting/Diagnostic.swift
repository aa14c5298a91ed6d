/// One problem found in guide sources or an imported page, however it was found: loading
/// (``LoadError``), importing (``ImportError``, `GoogleDiscoveryImportError`) or linting
/// (`LintFinding`). Each stage hands out these, with its typed reason kept in ``reason`` for
/// code and tests; everything printed or returned to people and scripts is this, and its
/// ``Severity`` is the only severity scale.
///
/// Its description is `file:line:column: severity: key.path: message` (parts it lacks are left
/// out; a lint finding, which concerns a whole connector, starts with the connector's key), the
/// shape editors and CI parse.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    private enum CodingKeys: String, CodingKey { case severity, file, line, column, connector, keyPath, message }

    public enum Severity: String, Hashable, Sendable, Codable, CaseIterable {
        /// Stops loading or importing; fails `check`.
        case error
        /// Reported; the guide still loads, imports or checks.
        case warning
    }

    public let severity: Severity
    /// The file, when the problem is in one; a lint finding names its connector instead.
    public let file: String?
    /// 1-based, when known.
    public let line: Int?
    public let column: Int?
    /// The connector a lint finding is about.
    public let connector: String?
    /// Where in the document, such as `actions[3].requiredScopes`; empty when not known.
    public let keyPath: String
    /// What is wrong, without location or severity.
    public let message: String
    /// The stage's typed reason (a `LoadError.Reason`, an `ImportError.Reason`, a
    /// `LintFinding.Kind`…), for code and tests; not encoded.
    public package(set) var reason: (any DiagnosticReason)?

    public init(
        severity: Severity, file: String? = nil, line: Int? = nil, column: Int? = nil, connector: String? = nil,
        keyPath: String = "", message: String
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.connector = connector
        self.keyPath = keyPath
        self.message = message
    }

    public static func == (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.severity, a.file, a.line, a.column, a.connector) == (b.severity, b.file, b.line, b.column, b.connector)
            && (a.keyPath, a.message) == (b.keyPath, b.message) && a.reason.map { AnyHashable($0) } == b.reason.map { AnyHashable($0) }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(line)
        hasher.combine(keyPath)
        hasher.combine(message)
    }

    public var description: String {
        var parts: [String] = []
        if let file {
            parts.append(([file] + [line, column].compactMap { $0.map(String.init) }).joined(separator: ":"))
        } else if let connector {
            parts.append(connector)
        }
        parts.append(severity.rawValue)
        if !keyPath.isEmpty { parts.append(keyPath.abbreviated) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }

    /// Orders diagnostics as they appear in the sources: by file, line, column and key path;
    /// those without a file (lint findings) after, by connector, in the order they were found.
    static func sourceOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        switch (a.file, b.file) {
        case (let x?, let y?): (x, a.line ?? 0, a.column ?? 0, a.keyPath) < (y, b.line ?? 0, b.column ?? 0, b.keyPath)
        case (.some, .none): true
        case (.none, .some): false
        case (.none, .none): (a.connector ?? "") < (b.connector ?? "")
        }
    }
}

/// A stage's typed reason for a ``Diagnostic``, which decides its severity.
public protocol DiagnosticReason: Hashable, Sendable {
    var severity: Diagnostic.Severity { get }
}

extension Diagnostic {
    /// A loading problem.
    public init(_ error: LoadError) {
        self.init(
            severity: error.reason.severity, file: error.location.file, line: error.location.line,
            column: error.location.column, keyPath: error.keyPath, message: error.message)
        reason = error.reason
    }
}
