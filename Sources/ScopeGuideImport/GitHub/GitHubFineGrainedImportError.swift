import ScopeGuideCore

/// Why GitHub's fine-grained personal access token permission file could not be imported: every
/// problem found, each at its JSON path (`issues.permissions[3].verb: expected a string`).
///
/// The importer's typed problems; ``GitHubFineGrainedImporter`` throws them as a
/// ``DiagnosticsError`` (`file: error: json.path: message` per problem, then a count), as the
/// other importers do.
package struct GitHubFineGrainedImportError: Error, Hashable, Sendable, CustomStringConvertible {
    package enum Reason: DiagnosticReason {
        /// The file is larger than ``GitHubFineGrainedImporter/maximumInputSize``.
        case tooLarge(limit: Int)
        /// The bytes are not JSON at all (the parser's explanation).
        case invalidJSON(String)
        /// A value of the wrong type, or `null`: `expected` is what was wanted ("a string").
        case wrongType(expected: String, foundNull: Bool)
        /// A key every entry must have is absent.
        case missingKey(expected: String)
        /// A value of the right type that the guide cannot use, such as an access level
        /// other than read, write or admin, or a slug with spaces.
        case invalidValue(String, expected: String)
        /// The file names no endpoint at all.
        case noPermissions
        /// The connector key given for the guide is not `[a-z0-9_-]+`.
        case invalidKey(String)
        /// The written YAML does not load: a bug, reported rather than hidden.
        case generatedGuideInvalid(String)

        /// Every problem stops the import.
        package var severity: Diagnostic.Severity { .error }
    }

    /// One problem and where it is.
    package struct Problem: Hashable, Sendable {
        /// The JSON path, such as `issues.permissions[3].verb`; empty for the whole file.
        package var path: String
        package var reason: Reason

        package init(path: String, reason: Reason) {
            self.path = path
            self.reason = reason
        }

        /// The message without file, severity or path.
        package var message: String {
            switch reason {
            case .tooLarge(let limit):
                "larger than \(limit) bytes: not a permission file (the published one is about 320 kB)"
            case .invalidJSON(let why): "not valid JSON: \(why)"
            case .wrongType(let expected, let foundNull): foundNull ? "expected \(expected), found null" : "expected \(expected)"
            case .missingKey(let expected): "missing; expected \(expected)"
            case .invalidValue(let value, let expected): "\"\(value.abbreviated)\" is not \(expected)"
            case .noPermissions: "no permission lists an endpoint"
            case .invalidKey(let key): "invalid connector key \"\(key.abbreviated)\" (use lowercase letters, digits, '_' and '-')"
            case .generatedGuideInvalid(let why): "the generated guide does not load: \(why)"
            }
        }
    }

    /// The file the problems are in, as given to the importer.
    package var file: String
    /// In the order they were found (JSON order for the file's own problems).
    package var problems: [Problem]

    package init(file: String, problems: [Problem]) {
        self.file = file
        self.problems = problems
    }

    init(file: String, path: String = "", _ reason: Reason) {
        self.init(file: file, problems: [Problem(path: path, reason: reason)])
    }

    /// Each problem as it is printed.
    package var diagnostics: [Diagnostic] {
        problems.map { problem in
            var diagnostic = Diagnostic(severity: problem.reason.severity, file: file, keyPath: problem.path, message: problem.message)
            diagnostic.reason = problem.reason
            return diagnostic
        }
    }

    package var description: String { DiagnosticsError(importing: self).description }
}

extension DiagnosticsError {
    /// The error for a permission file that cannot be imported: its problems in JSON order.
    init(importing error: GitHubFineGrainedImportError) {
        self.init(.importing, diagnostics: error.diagnostics)
    }

    /// The permission file's problems, typed (those this error was made from).
    var gitHubProblems: [GitHubFineGrainedImportError.Problem] {
        diagnostics.compactMap { diagnostic in
            (diagnostic.reason as? GitHubFineGrainedImportError.Reason).map { .init(path: diagnostic.keyPath, reason: $0) }
        }
    }
}
