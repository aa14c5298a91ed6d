import Foundation
import ScopeGuideCore
import ScopeGuideRendering

/// Turns a Google API discovery document (the JSON `https://<api>.googleapis.com/$discovery/rest`
/// serves, and google-api-python-client ships in `discovery_cache/documents/`) into a guide
/// source: one action per API method, each requiring any one of the OAuth scopes that Google lists
/// as authorizing it, and an OAuth 2.0 method with Google's endpoints and the Google Cloud console
/// steps that create its client (see `GoogleCloudGuides`).
///
/// ```swift
/// let data = try Data(contentsOf: URL(fileURLWithPath: "gmail.v1.json"))
/// let imported = try GoogleDiscoveryImporter().importDocument(data, file: "gmail.v1.json")
/// print(imported.yaml)             // Guides/gmail/gmail.connector.yaml
/// ```
///
/// What the document holds becomes the guide:
/// - **Actions**: every method, under `methods` and under `resources` at any depth. The id is the
///   method's `id` in snake_case (`gmail.users.settings.sendAs.list` →
///   `gmail_users_settings_send_as_list`, see `SnakeCase`); the label is the first sentence of
///   its description as plain text (Markdown read by cmark, the period ending it left out, at most
///   `maximumLabelLength` characters); a method without a description is labelled with its id.
///   Labels that would repeat are followed by the HTTP method and path: "Deletes a resource
///   (DELETE youtube/v3/captions)".
/// - **Requirements**: any one of the method's `scopes` (`requiredScopes: {anyOf: [...]}`; one
///   scope is written plainly; none, and the action needs no scope). Add-on scopes (names with
///   `.addons.`, which only Google Workspace add-ons can request) are left out unless
///   `includeAddOnScopes`; a method only add-on scopes authorize keeps them, with a comment in
///   the file saying so.
/// - **Scopes**: each scope an action uses, with Google's description from `auth.oauth2.scopes`,
///   and `includes` derived from the document (`DerivedScopeIncludes`: Google publishes no
///   hierarchy). Without them one broad scope (`gmail.modify`) costs no more than one narrow one,
///   and beats two narrow ones (`gmail.readonly gmail.send`) on count. The relation is about
///   methods only: a scope that authorizes every method another does may still reach fewer
///   files (`drive.file`), which the file's header says.
/// - **Method**: OAuth 2.0 (authorization code) when any action needs a scope, else an API key.
///
/// Google's objects have no order a decoder keeps, so the output is sorted: scopes and actions in
/// code-point order of their names and ids (actions of one resource stand together), alternatives
/// in scope order. The same document always gives the same bytes. The YAML is loaded back with
/// ``CatalogLoader`` before it is returned.
public struct GoogleDiscoveryImporter: Sendable {
    /// The connector key; `nil` takes the document's `name` in kebab-case (`gmail`,
    /// `youtubeAnalytics` → `youtube-analytics`).
    package var key: String?
    /// Keep add-on scopes (`gmail.addons.*`, `classroom.addons.*`) among each method's
    /// alternatives; by default only methods no other scope authorizes keep them.
    package var includeAddOnScopes: Bool

    /// The largest document imported, in bytes, checked before it is decoded: Google's largest
    /// (Compute Engine alpha) is about 6 MB.
    package static let maximumDocumentSize = 32 << 20
    /// The longest label made from a description, in characters; a longer first sentence is cut
    /// at a word and ends with "…". A few of Google's first sentences run to hundreds of characters.
    package static let maximumLabelLength = 160

    public init(key: String? = nil, includeAddOnScopes: Bool = false) {
        self.key = key
        self.includeAddOnScopes = includeAddOnScopes
    }

    /// A successful import.
    public struct Result: Sendable {
        public var connector: Connector
        /// The guide source, for `Guides/<key>/<key>.connector.yaml`.
        public var yaml: String
        /// Problems that did not stop the import.
        package var warnings: [GoogleDiscoveryImportError]
        /// The warnings as diagnostics, as every importer gives them.
        public var diagnostics: [Diagnostic] { warnings.map(Diagnostic.init) }
        /// What the file's header and comments say about the document, kept for ``merge(_:into:file:)``.
        var source: Source
    }

    /// What the written file says about where it came from.
    struct Source: Sendable {
        /// The document's title, such as "Gmail API".
        var apiTitle: String
        /// Such as "gmail v1, revision 20251110".
        var provenance: String
        var includeAddOnScopes: Bool
        /// Actions only add-on scopes authorize, which keep them.
        var addOnOnly: Set<ActionID>
        var documentation: String?
    }

    /// A method found in the document, with where it is.
    private struct FoundMethod {
        /// The JSON path of the method, such as `resources.users.methods.list`.
        var path: String
        /// The method's `id`, or one made from the API name and the resource path.
        var methodID: String
        var method: GoogleDiscoveryDocument.Method
    }

    /// Imports `data`, the document's JSON; `file` names it in messages.
    /// - Throws: ``DiagnosticsError`` listing every error found.
    public func importDocument(_ data: Data, file: String = "<input>") throws(DiagnosticsError) -> Result {
        func fail(_ path: String, _ reason: GoogleDiscoveryImportError.Reason) -> DiagnosticsError {
            DiagnosticsError(importing: [GoogleDiscoveryImportError(file: file, path: path, reason: reason)])
        }
        let document = try Self.decode(data, file: file)
        if let kind = document.kind, kind != "discovery#restDescription" { throw fail("kind", .notADiscoveryDocument(kind: kind)) }
        let apiName = document.name ?? ""
        guard let connectorKey = key ?? (apiName.isEmpty ? nil : Self.kebabCase(apiName)) else { throw fail("name", .missingName) }
        guard connectorKey.range(of: "^[a-z0-9_-]+$", options: .regularExpression) != nil else {
            throw fail(key == nil ? "name" : "", .invalidKey(connectorKey))
        }
        let found = Self.methods(of: document)
        guard !found.isEmpty else { throw fail("", .noMethods) }
        var made = try requirements(of: found, file: file)

        // Scopes in code-point order; alternatives and `includes` in that order.
        let scopeOrder = Array(Set(made.flatMap(\.alternatives))).sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }
        let position = Dictionary(uniqueKeysWithValues: scopeOrder.enumerated().map { ($1, $0) })
        made.sort { $0.id.rawValue.utf8.lexicographicallyPrecedes($1.id.rawValue.utf8) }
        let labels = Self.labels(for: made.map(\.found), servicePath: document.servicePath ?? "")
        let actions = zip(made, labels).map { entry, label in
            Action(id: entry.id, label: label, requirement: Requirement(
                alternatives: entry.alternatives.sorted { position[$0]! < position[$1]! }.map { [$0] }))
        }
        let includes = DerivedScopeIncludes.includes(scopes: scopeOrder, actions: actions)
        let described = document.auth?.oauth2?.scopes ?? [:]
        let definitions = scopeOrder.map { scope in
            ScopeDefinition(scope: scope, description: described[scope.rawValue]?.description.map(Self.oneLine), includes: includes[scope] ?? [])
        }

        let title = Self.oneLine(document.title ?? "")
        let apiTitle = !title.isEmpty ? title : !apiName.isEmpty ? Self.oneLine(apiName) : connectorKey
        let source = Source(
            apiTitle: apiTitle,
            provenance: [[apiName, document.version ?? ""].map(Self.oneLine).filter { !$0.isEmpty }.joined(separator: " "),
                         document.revision.map { "revision " + Self.oneLine($0) } ?? ""]
                .filter { !$0.isEmpty }.joined(separator: ", "),
            includeAddOnScopes: includeAddOnScopes,
            addOnOnly: Set(made.filter(\.addOnOnly).map(\.id)),
            documentation: document.documentationLink)
        // "Gmail API" names the connector "Gmail".
        let name = apiTitle.hasSuffix(" API") && apiTitle.count > 4 ? String(apiTitle.dropLast(4)) : apiTitle
        let connector = Connector(
            key: connectorKey, name: name, scopeDefinitions: definitions, actions: actions,
            methods: [Self.method(for: actions, source: source)])
        return try Self.result(connector, source: source, warnings: [], file: file)
    }

    /// A method's action id and the scopes it may use.
    private struct MethodRequirement {
        var found: FoundMethod
        var id: ActionID
        /// Scopes any one of which authorizes the method, repeats dropped, add-on scopes left out
        /// unless kept (see ``addOnOnly``).
        var alternatives: [Scope]
        /// Only add-on scopes authorize the method, so they are kept.
        var addOnOnly: Bool
    }

    /// Each method's action id and scopes; every invalid id, invalid scope and repeated id is
    /// reported.
    private func requirements(of methods: [FoundMethod], file: String) throws(DiagnosticsError) -> [MethodRequirement] {
        var problems: [GoogleDiscoveryImportError] = []
        var made: [MethodRequirement] = []
        var idPaths: [ActionID: [String]] = [:]
        for method in methods {
            guard let id = SnakeCase.identifier(method.methodID).map(ActionID.init) else {
                // A method without an `id` is named by its path, which is where to look.
                let path = method.path + (method.method.id == nil ? "" : ".id")
                problems.append(GoogleDiscoveryImportError(file: file, path: path, reason: .invalidMethodID(method.methodID)))
                continue
            }
            var scopes: [Scope] = []
            for (index, name) in (method.method.scopes ?? []).enumerated() {
                guard Self.isValidScope(name) else {
                    problems.append(GoogleDiscoveryImportError(file: file, path: "\(method.path).scopes[\(index)]", reason: .invalidScope(name)))
                    continue
                }
                if !scopes.contains(Scope(name)) { scopes.append(Scope(name)) }
            }
            let ordinary = scopes.filter { !Self.isAddOnScope($0) }
            let keepsAddOns = !includeAddOnScopes && ordinary.isEmpty && !scopes.isEmpty
            made.append(MethodRequirement(found: method, id: id, alternatives: includeAddOnScopes || keepsAddOns ? scopes : ordinary, addOnOnly: keepsAddOns))
            idPaths[id, default: []].append(method.path)
        }
        for entry in made where idPaths[entry.id]!.count > 1 {
            let others = idPaths[entry.id]!.filter { $0 != entry.found.path }
            problems.append(GoogleDiscoveryImportError(file: file, path: entry.found.path, reason: .duplicateActionID(entry.id.rawValue, alsoAt: others)))
        }
        guard problems.isEmpty else { throw DiagnosticsError(importing: problems) }
        return made
    }

    /// The document decoded, or the located problem: at most ``maximumDocumentSize`` bytes, checked first.
    private static func decode(_ data: Data, file: String) throws(DiagnosticsError) -> GoogleDiscoveryDocument {
        guard data.count <= maximumDocumentSize else {
            throw DiagnosticsError(importing: [GoogleDiscoveryImportError(file: file, reason: .tooLarge(limit: maximumDocumentSize))])
        }
        do {
            return try JSONDecoder().decode(GoogleDiscoveryDocument.self, from: data)
        } catch let error as DecodingError {
            throw DiagnosticsError(importing: [problem(error, in: data, file: file)])
        } catch {
            throw DiagnosticsError(importing: [GoogleDiscoveryImportError(file: file, reason: .invalidJSON("\(error)".abbreviated))])
        }
    }

    /// `imported` added to `existing`, the connector already in the guides folder, as
    /// ``StackOnePageImporter/merge(_:into:file:)`` merges pages: the file's name, scope
    /// definitions (which may have descriptions and `includes` edited by hand) and actions win
    /// (a document action that differs is a warning); scopes and actions only the document has
    /// are appended. The document's method replaces the file's method of the same label, with
    /// its steps showing every scope the merged catalogue requires; other methods are kept.
    /// - Parameters:
    ///   - imported: what the discovery document gives.
    ///   - existing: the connector already in the guides folder.
    ///   - file: the document, named in warnings.
    package static func merge(_ imported: Result, into existing: Connector, file: String = "<input>") throws(DiagnosticsError) -> Result {
        var connector = existing
        var warnings = imported.warnings
        let existingActions = Dictionary(connector.actions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for action in imported.connector.actions {
            if let old = existingActions[action.id] {
                if old != action { warnings.append(GoogleDiscoveryImportError(file: file, reason: .actionDiffers(action.id.rawValue))) }
            } else {
                connector.actions.append(action)
            }
        }
        let defined = Set(connector.scopeDefinitions.map(\.scope))
        connector.scopeDefinitions += imported.connector.scopeDefinitions.filter { !defined.contains($0.scope) }
        let method = Self.method(for: connector.actions, definitions: connector.scopeDefinitions, source: imported.source)
        if let index = connector.methods.firstIndex(where: { $0.slug == method.slug }) {
            connector.methods[index] = method
        } else {
            connector.methods.append(method)
        }
        return try result(connector, source: imported.source, warnings: warnings, file: file)
    }

    // MARK: Reading the document

    /// Every method: the API's own, then each resource's, resources and methods in code-point
    /// order of their names, depth first (so a resource's methods come before its sub-resources').
    private static func methods(of document: GoogleDiscoveryDocument) -> [FoundMethod] {
        let api = document.name ?? ""
        var found: [FoundMethod] = []
        // An explicit stack: resources nest as deep as the JSON does.
        var stack: [(path: String, names: [String], resource: GoogleDiscoveryDocument.Resource)] = [
            ("", [], GoogleDiscoveryDocument.Resource(methods: document.methods, resources: document.resources)),
        ]
        while let (path, names, resource) = stack.popLast() {
            for (methodName, method) in sorted(resource.methods ?? [:]) {
                let methodID = method.id ?? ([api] + names + [methodName]).filter { !$0.isEmpty }.joined(separator: ".")
                found.append(FoundMethod(path: "\(path)methods.\(methodName)", methodID: methodID, method: method))
            }
            for (resourceName, child) in sorted(resource.resources ?? [:]).reversed() {
                stack.append(("\(path)resources.\(resourceName).", names + [resourceName], child))
            }
        }
        return found
    }

    private static func sorted<Value>(_ dictionary: [String: Value]) -> [(String, Value)] {
        dictionary.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, $0.value) }
    }

    /// The located problem for a decoding error: its JSON path and what was expected. For a
    /// syntax error, where `JSONDecoder` only says "not valid JSON", the reason is
    /// `JSONSerialization`'s, which says where ("Invalid value around character 17.").
    static func problem(_ error: DecodingError, in data: Data, file: String) -> GoogleDiscoveryImportError {
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue, key.stringValue == "Index \(index)" {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text
        }
        func noun(_ type: Any.Type) -> String {
            switch type {
            case is String.Type: "a string"
            case is [Any].Type, is [String].Type: "a list"
            default: "an object"
            }
        }
        switch error {
        case .typeMismatch(let type, let context):
            return GoogleDiscoveryImportError(file: file, path: path(context.codingPath), reason: .wrongType(expected: noun(type)))
        case .valueNotFound(let type, let context):
            return GoogleDiscoveryImportError(file: file, path: path(context.codingPath), reason: .wrongType(expected: noun(type) + ", not null"))
        case .keyNotFound(let key, let context):
            return GoogleDiscoveryImportError(file: file, path: path(context.codingPath + [key]), reason: .wrongType(expected: "a value"))
        case .dataCorrupted(let context):
            var why = context.underlyingError.map { "\($0)" } ?? context.debugDescription
            if context.codingPath.isEmpty {
                do {
                    _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
                } catch {
                    if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String { why = detail }
                }
            }
            return GoogleDiscoveryImportError(file: file, path: path(context.codingPath), reason: .invalidJSON(why.abbreviated))
        @unknown default:
            return GoogleDiscoveryImportError(file: file, reason: .invalidJSON("\(error)".abbreviated))
        }
    }

    /// A scope name the guide format keeps as one scope: not empty, no whitespace or control characters.
    private static func isValidScope(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }
    }

    /// Scopes only Google Workspace add-ons can request (`…/auth/gmail.addons.current.message.readonly`).
    static func isAddOnScope(_ scope: Scope) -> Bool { scope.rawValue.contains(".addons.") }

    /// `name` (`youtubeAnalytics`) as a connector key: lowercase, a `-` at each camelCase boundary.
    static func kebabCase(_ name: String) -> String {
        var key = ""
        var previous: Character?
        for character in name {
            if character.isUppercase, let previous, previous.isLowercase || previous.isNumber { key += "-" }
            key += character.lowercased()
            previous = character
        }
        return key
    }

    /// Runs of whitespace as one space, trimmed: document text going into a one-line field.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
    }

    // MARK: Labels

    /// Each method's label, as ``GoogleDiscoveryImporter`` describes: labels that repeat (as
    /// `Lint/labelKey(_:)` compares them) get the HTTP method and path (`servicePath` and the
    /// method's `flatPath`, else `path`), and any still repeated after that get the method's id.
    private static func labels(for methods: [FoundMethod], servicePath: String) -> [String] {
        let bases = methods.map { label(description: $0.method.description, methodID: $0.methodID) }
        func repeated(_ labels: [String]) -> Set<String> {
            var counts: [String: Int] = [:]
            for label in labels { counts[Lint.labelKey(label), default: 0] += 1 }
            return Set(counts.filter { $0.value > 1 }.keys)
        }
        let first = repeated(bases)
        var labels = zip(bases, methods).map { base, found -> String in
            guard first.contains(Lint.labelKey(base)) else { return base }
            guard let verb = found.method.httpMethod.map(oneLine), !verb.isEmpty,
                let path = (found.method.flatPath ?? found.method.path).map(oneLine), !path.isEmpty
            else { return "\(base) (\(found.methodID))" }
            return "\(base) (\(verb) \(oneLine(servicePath) + path))"
        }
        let second = repeated(labels)
        if !second.isEmpty {
            labels = zip(zip(bases, labels), methods).map { pair, found in
                second.contains(Lint.labelKey(pair.1)) ? "\(pair.0) (\(found.methodID))" : pair.1
            }
        }
        return labels
    }

    /// The first sentence of `description` as plain text (see ``CMarkDocument/plainTextBlocks(in:)``),
    /// without the period that ends it, cut to `maximumLabelLength`; the method id when there is
    /// no text.
    static func label(description: String?, methodID: String) -> String {
        let block = CMarkDocument.plainTextBlocks(in: description ?? "").lazy.map(oneLine).first { !$0.isEmpty }
        guard let block else { return methodID }
        var sentence = firstSentence(block)
        if sentence.hasSuffix("."), !sentence.hasSuffix("..") { sentence.removeLast() }
        if sentence.count > maximumLabelLength {
            let cut = sentence.prefix(maximumLabelLength - 1)
            let word = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
            sentence = word.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) + "…"
        }
        return sentence.isEmpty ? methodID : sentence
    }

    /// Text up to the end of its first sentence: `.`, `!` or `?` followed by whitespace, except
    /// after an abbreviation: letters each followed by a period ("e.g.", "i.e.", "U.S."), or one of
    /// "vs.", "cf.", "approx.", "incl.", "etc." with a lowercase letter next.
    static func firstSentence(_ text: String) -> String {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            defer { index += 1 }
            guard ".!?".contains(characters[index]), index + 1 < characters.count, characters[index + 1].isWhitespace else { continue }
            if characters[index] == "." {
                let wordStart = (characters[..<index].lastIndex { $0.isWhitespace || $0 == "(" } ?? -1) + 1
                let word = String(characters[wordStart...index]).lowercased()
                if isInitialism(word) { continue }
                var next = index + 1
                while next < characters.count, characters[next].isWhitespace { next += 1 }
                let lowercaseNext = next < characters.count && characters[next].isLowercase
                if lowercaseNext, ["vs.", "cf.", "approx.", "incl.", "etc."].contains(word) { continue }
            }
            return String(characters[...index])
        }
        return text
    }

    /// Whether `word` is two or more letters each followed by a period: "e.g.", "u.s.".
    private static func isInitialism(_ word: String) -> Bool {
        let characters = Array(word)
        guard characters.count >= 4, characters.count % 2 == 0 else { return false }
        return stride(from: 0, to: characters.count, by: 2).allSatisfy { characters[$0].isLetter && characters[$0 + 1] == "." }
    }

    // MARK: Writing

    /// The method for `actions`: OAuth 2.0 showing every scope they require (in `definitions`
    /// order), or an API key when none requires one.
    private static func method(for actions: [Action], definitions: [ScopeDefinition]? = nil, source: Source) -> AuthMethod {
        let required = Set(actions.flatMap { $0.requirement.alternatives.joined() })
        let order = definitions?.map(\.scope) ?? Array(required).sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }
        let scopes = order.filter(required.contains)
        return scopes.isEmpty
            ? GoogleCloudGuides.apiKeyMethod(api: source.apiTitle, documentation: source.documentation)
            : GoogleCloudGuides.oauthMethod(api: source.apiTitle, scopes: scopes, documentation: source.documentation)
    }

    /// The result for `connector`, written and loaded back.
    private static func result(_ connector: Connector, source: Source, warnings: [GoogleDiscoveryImportError], file: String) throws(DiagnosticsError) -> Result {
        let addOnNote = "Only add-on scopes authorize this method. They are kept, but an ordinary OAuth client cannot request them."
        let comments = Dictionary(uniqueKeysWithValues: connector.actions.filter { source.addOnOnly.contains($0.id) }.map { ($0.id, [addOnNote]) })
        do {
            let yaml = try ConnectorYAMLWriter.yaml(for: connector, header: header(connector, source: source), actionComments: comments)
            _ = try CatalogLoader().loadConnector(yaml: yaml, file: "\(connector.key).connector.yaml")
            return Result(connector: connector, yaml: yaml, warnings: warnings, source: source)
        } catch {
            throw DiagnosticsError(importing: warnings + [GoogleDiscoveryImportError(file: file, reason: .generatedGuideInvalid("\(error)"))])
        }
    }

    private static func header(_ connector: Connector, source: Source) -> [String] {
        let provenance = source.provenance.isEmpty ? "" : " (\(source.provenance))"
        return [
            "\(connector.name), imported from Google's discovery document\(provenance) by `scopeguide import --from google-discovery`.",
            "One action per API method, in id order; each label is the first sentence of the method's description (a label that repeats is followed by the HTTP method and path).",
            "requiredScopes: the scopes Google lists for the method, any one of which authorizes it"
                + (source.includeAddOnScopes ? " (add-on scopes included)." : "; add-on scopes (.addons.) are left out unless no other scope authorizes the method."),
            "Descriptions are Google's. `includes` is derived, not Google's: a scope includes another when every method the other authorizes, it authorizes too (methods only: it may still reach fewer files or messages).",
            "Some scopes also limit what a call can reach (say, only files the app created): check the scopes chosen against the API's documentation.",
        ]
    }
}
