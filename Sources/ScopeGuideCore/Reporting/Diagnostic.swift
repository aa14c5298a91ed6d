/// One problem found in guide sources or an imported page, however it was found: loading
/// (``LoadError``), importing (`ImportError`) or linting (`LintFinding`). Those keep their typed
/// reasons for code and tests; everything printed or returned to people and scripts is this.
///
/// Its description is `file:line:column: severity: key.path: message` (parts it lacks are left
/// out; a lint finding, which concerns a whole connector, starts with the connector's key), the
/// shape editors and CI parse.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
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

extension Diagnostic {
    /// A loading problem: an error, or a warning for a key ScopeGuide does not read.
    public init(_ error: LoadError) {
        self.init(
            severity: error.isWarning ? .warning : .error, file: error.location.file, line: error.location.line,
            column: error.location.column, keyPath: error.keyPath, message: error.message)
    }
}
