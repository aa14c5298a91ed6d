/// One problem in a guide source: where it is, which field, and what is wrong.
///
/// Its description is `file:line:column: key.path: message`, the shape editors and CI parse.
public struct LoadError: Error, Hashable, Sendable, CustomStringConvertible {
    package enum Reason: Hashable, Sendable {
        case unreadable(String)
        /// The file has this many bytes, more than `CatalogLoader/maximumFileSize`.
        case tooLarge(Int)
        case syntax(String)
        /// The file's aliases bring in this many nodes, more than `CatalogLoader/maximumAliasedNodes`.
        case aliasExpansion(Int)
        /// A mapping key is a sequence or a mapping (or an alias of one).
        case collectionKey
        /// Sequences and mappings nest deeper than `CatalogLoader/maximumNesting`.
        case nestingTooDeep
        /// The connector names this many distinct scopes (defined or required), more than
        /// `CatalogLoader/maximumScopes`.
        case tooManyScopes(Int)
        /// A folder of the guides holds YAML files (these) but not `<folder>.connector.yaml`.
        case missingConnectorFile(found: [String])
        case missingField(String)
        case wrongType(expected: String, found: String)
        case unknownScope(String, suggestions: [String])
        case duplicateScope(String)
        case duplicateActionID(String)
        case duplicateMethod(String)
        case duplicateVariable(String)
        case includesCycle([String])
        case undeclaredVariable(String)
        case invalidKey(String)
        case keyMismatch(key: String, folder: String)
        case invalidSlug(String)
        case missingLabel
        case invalidValue(String, expected: String)
        case invalidPattern(String)
        /// A key ScopeGuide does not read, with the nearest it does (name a deliberate extension
        /// `x-…`).
        case unknownKey(String, suggestions: [String])
    }

    package var location: SourceLocation
    /// Where in the document, such as `actions[3].requiredScopes`.
    package var keyPath: String
    package var reason: Reason

    package init(location: SourceLocation, keyPath: String, reason: Reason) {
        self.location = location
        self.keyPath = keyPath
        self.reason = reason
    }

    public var description: String {
        keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath.abbreviated): \(message)"
    }

    /// The message without location or key path.
    public var message: String {
        switch reason {
        case .unreadable(let why): "cannot read file: \(why.abbreviated)"
        case .tooLarge(let size): "file of \(size) bytes is too large (guide files are at most \(CatalogLoader.maximumFileSize) bytes)"
        case .syntax(let why): "YAML syntax error: \(why.abbreviated)"
        case .aliasExpansion(let nodes):
            "aliases bring in \(nodes) nodes, more than the \(CatalogLoader.maximumAliasedNodes) allowed (write the values out instead)"
        case .collectionKey: "a mapping key must be a scalar, not a sequence, a mapping or an alias of one"
        case .nestingTooDeep: "sequences and mappings nest more than \(CatalogLoader.maximumNesting) levels deep"
        case .tooManyScopes(let count):
            "the connector names \(count) distinct scopes; a connector names at most \(CatalogLoader.maximumScopes) (what each scope grants is a table of scopes by scopes)"
        case .missingConnectorFile(let found):
            "no connector file here (the folder holds \(found.map(\.abbreviated).joined(separator: ", "))): a connector folder <key>/ holds <key>.connector.yaml"
        case .missingField(let name): "missing required field \"\(name.abbreviated)\""
        case .wrongType(let expected, let found): "expected \(expected.abbreviated), found \(found.abbreviated)"
        case .unknownScope(let scope, let suggestions):
            "unknown scope \"\(scope.abbreviated)\"" + Self.didYouMean(suggestions) + " (declare it under scopeDefinitions)"
        case .duplicateScope(let scope): "scope \"\(scope.abbreviated)\" is defined more than once"
        case .duplicateActionID(let id): "duplicate action id \"\(id.abbreviated)\""
        case .duplicateMethod(let slug): "two authentication methods share the slug \"\(slug.abbreviated)\""
        case .duplicateVariable(let name): "variable \"\(name.abbreviated)\" is declared more than once"
        case .includesCycle(let cycle): "includes cycle: " + cycle.map(\.abbreviated).joined(separator: " -> ")
        case .undeclaredVariable(let name): "undeclared variable \"{{\(name.abbreviated)}}\" (declare it under variables)"
        case .invalidKey(let key): "invalid connector key \"\(key.abbreviated)\" (use lowercase letters, digits, '_' and '-')"
        case .keyMismatch(let key, let folder): "connector key \"\(key.abbreviated)\" does not match its folder \"\(folder.abbreviated)\""
        case .invalidSlug(let label): "label \"\(label.abbreviated)\" has no letters or digits to make a URL slug"
        case .missingLabel: "missing label"
        case .invalidValue(let value, let expected): "invalid value \"\(value.abbreviated)\" (expected \(expected.abbreviated))"
        case .invalidPattern(let pattern): "invalid regular expression \"\(pattern.abbreviated)\""
        case .unknownKey(let key, let suggestions):
            "unknown key \"\(key.abbreviated)\"" + Self.didYouMean(suggestions) + " (start a deliberate extension's key with \(Self.extensionKeyPrefix))"
        }
    }

    /// Keys with this prefix are extensions: kept in the file, never read, never reported.
    package static let extensionKeyPrefix = "x-"


    private static func didYouMean(_ suggestions: [String]) -> String {
        suggestions.isEmpty ? "" : "; did you mean " + suggestions.map { "\"\($0.abbreviated)\"" }.joined(separator: ", ") + "?"
    }
}

extension LoadError.Reason: DiagnosticReason {
    /// Every load problem is an error today (unknown keys were warnings, until a typo in one
    /// published a guide with no scopes); the result's `warnings` stay for the cache's format
    /// and the diagnostics that carry them.
    package var severity: Diagnostic.Severity { .error }
}

extension LoadError {
    /// The load error a diagnostic was made from, or `nil` for another stage's.
    init?(_ diagnostic: Diagnostic) {
        guard let reason = diagnostic.reason as? Reason, let file = diagnostic.file else { return nil }
        self.init(location: SourceLocation(file: file, line: diagnostic.line ?? 0, column: diagnostic.column ?? 0), keyPath: diagnostic.keyPath, reason: reason)
    }

    /// Orders errors as they appear in the sources.
    static func sourceOrder(_ a: LoadError, _ b: LoadError) -> Bool {
        (a.location.file, a.location.line, a.location.column, a.keyPath)
            < (b.location.file, b.location.line, b.location.column, b.keyPath)
    }
}

extension DiagnosticsError {
    /// The error for guide sources that do not load: `errors` in source order.
    package init(loading errors: [LoadError]) {
        self.init(.loading, diagnostics: errors.sorted(by: LoadError.sourceOrder).map(Diagnostic.init))
    }

    /// The load errors, typed (those this error was made from).
    var loadErrors: [LoadError] { diagnostics.compactMap(LoadError.init) }
}
