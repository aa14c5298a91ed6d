import ScopeGuideCore

/// One problem met while importing a Google API discovery document: where in the document (a
/// JSON path such as `resources.users.methods.list.scopes[2]`), and what is wrong.
///
/// Its description is `file: error: json.path: message` (or `warning:`), the shape every
/// diagnostic is printed in (JSON has no line numbers to give once decoded, so the path locates
/// it). Errors stop the import; warnings are printed and the guide is still written.
package struct GoogleDiscoveryImportError: Error, Hashable, Sendable, CustomStringConvertible {
    package enum Reason: Hashable, Sendable {
        /// The document is larger than ``GoogleDiscoveryImporter/maximumDocumentSize``.
        case tooLarge(limit: Int)
        /// Not JSON at all (syntax, encoding); the text is the decoder's reason.
        case invalidJSON(String)
        /// A member holds the wrong kind of value: "a string", "a list", "an object".
        case wrongType(expected: String)
        /// `kind` names another kind of document, such as the directory list `discovery#directoryList`.
        case notADiscoveryDocument(kind: String)
        /// No `name` to make the connector key from, and no key given.
        case missingName
        /// The key (given, or made from `name`) is not `[a-z0-9_-]+`.
        case invalidKey(String)
        /// No method anywhere: nothing to make actions of.
        case noMethods
        /// A method id that does not make an action id of letters, digits and `_`.
        case invalidMethodID(String)
        /// Two methods give the same action id; the paths of the others are listed.
        case duplicateActionID(String, alsoAt: [String])
        /// An empty scope, or one with whitespace or control characters.
        case invalidScope(String)
        /// The written YAML does not load (input the importer's checks missed), reported rather than hidden.
        case generatedGuideInvalid(String)

        // Warnings: the guide is still written.
        /// Merging into an existing guide source: the document gives an action other scopes or
        /// another label than the file; the file's entry is kept.
        case actionDiffers(String)
    }

    /// The document, as named on the command line.
    package var file: String
    /// Where in the document: member names joined by `.`, list positions as `[n]`; empty for the
    /// document as a whole.
    package var path: String
    package var reason: Reason

    package init(file: String, path: String = "", reason: Reason) {
        self.file = file
        self.path = path
        self.reason = reason
    }


    package var description: String { Diagnostic(self).description }

    /// The message without file, path or severity.
    package var message: String {
        switch reason {
        case .tooLarge(let limit):
            "larger than \(limit) bytes: not a discovery document (the largest Google publishes is about 6 MB)"
        case .invalidJSON(let why): "not valid JSON: \(why)"
        case .wrongType(let expected): "expected \(expected)"
        case .notADiscoveryDocument(let kind):
            "kind is \"\(kind.abbreviated)\", not \"discovery#restDescription\": not an API's discovery document"
        case .missingName: "no API name to make the connector key from (give one with --key)"
        case .invalidKey(let key): "invalid connector key \"\(key.abbreviated)\" (use lowercase letters, digits, '_' and '-')"
        case .noMethods: "the document declares no methods, so there are no actions to import"
        case .invalidMethodID(let id):
            "method id \"\(id.abbreviated)\" does not make an action id (ASCII letters, digits, '.', '-' and '_')"
        case .duplicateActionID(let id, let others):
            "action id \"\(id)\" is made from this method and from \(others.joined(separator: ", "))"
        case .invalidScope(let scope): "invalid scope \"\(scope.abbreviated)\" (empty, or with whitespace or control characters)"
        case .generatedGuideInvalid(let why): "the generated guide does not load: \(why)"
        case .actionDiffers(let id): "the document's action \"\(id)\" differs from the one already in the guide source, which is kept"
        }
    }
}

extension Diagnostic {
    /// A discovery-document import problem, located by its JSON path.
    package init(_ error: GoogleDiscoveryImportError) {
        self.init(severity: error.reason.severity, file: error.file, keyPath: error.path, message: error.message)
        reason = error.reason
    }
}

extension GoogleDiscoveryImportError.Reason: DiagnosticReason {
    /// Only `actionDiffers` is a warning, which does not stop the import.
    package var severity: Diagnostic.Severity {
        if case .actionDiffers = self { return .warning }
        return .error
    }
}

extension GoogleDiscoveryImportError {
    /// The import problem a diagnostic was made from, or `nil` for another stage's.
    init?(_ diagnostic: Diagnostic) {
        guard let reason = diagnostic.reason as? Reason, let file = diagnostic.file else { return nil }
        self.init(file: file, path: diagnostic.keyPath, reason: reason)
    }
}

extension DiagnosticsError {
    /// The error for a discovery document that cannot be imported: its errors and the warnings
    /// met on the way, in the order found (the document's members in code-point order).
    init(importing problems: [GoogleDiscoveryImportError]) {
        self.init(.importing, diagnostics: problems.map(Diagnostic.init))
    }

    /// The discovery-document problems, typed (those this error was made from).
    var discoveryErrors: [GoogleDiscoveryImportError] { diagnostics.compactMap(GoogleDiscoveryImportError.init) }
}
