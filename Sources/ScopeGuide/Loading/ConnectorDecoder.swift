import Foundation
import Yams

/// Decodes one `<key>.connector.yaml` document into a ``Connector``, collecting every problem.
///
/// Scope names and `{{variables}}` can be used before they are declared, so references are
/// recorded while decoding and checked once the whole document has been read.
struct ConnectorDecoder {
    var diagnostics = Diagnostics()
    private let folder: String?
    private var scopeReferences: [(scope: Scope, cursor: YAMLCursor)] = []
    private var texts: [(text: String, cursor: YAMLCursor)] = []

    /// - Parameter folder: the name of the folder holding the file, which must equal the key.
    init(folder: String?) { self.folder = folder }

    mutating func decode(_ root: YAMLCursor) -> Connector? {
        guard diagnostics.isMapping(root) else { return nil }
        diagnostics.warnUnknownKeys(root, known: ["key", "name", "scopeDefinitions", "actions", "authentication", "variables"])

        let key = diagnostics.string(root["key"], in: root, key: "key", required: true) ?? ""
        if let cursor = root["key"], !key.isEmpty {
            if !Self.consists(key, of: "abcdefghijklmnopqrstuvwxyz0123456789_-") {
                diagnostics.report(.invalidKey(key), at: cursor)
            } else if let folder, folder != key {
                diagnostics.report(.keyMismatch(key: key, folder: folder), at: cursor)
            }
        }
        let name = diagnostics.string(root["name"], in: root, key: "name", required: true) ?? key
        let definitions = decodeScopeDefinitions(root["scopeDefinitions"])
        let actions = decodeActions(root["actions"])
        let variables = decodeVariables(root["variables"])
        let methods = decodeMethods(root["authentication"], in: root)

        checkScopeReferences(definitions)
        checkVariables(declared: Set(variables.map(\.name)))
        return Connector(key: key, name: name, scopeDefinitions: definitions, actions: actions, methods: methods, variables: variables)
    }

    /// Whether `text` is not empty and every character is one of the ASCII characters `allowed`.
    private static func consists(_ text: String, of allowed: StaticString) -> Bool {
        // A bit per ASCII character, so that each byte of `text` is one test, not a search of `allowed`.
        var mask: (low: UInt64, high: UInt64) = (0, 0)
        for byte in UnsafeBufferPointer(start: allowed.utf8Start, count: allowed.utf8CodeUnitCount) {
            if byte < 64 { mask.low |= 1 << byte } else { mask.high |= 1 << (byte - 64) }
        }
        return !text.isEmpty && text.utf8.allSatisfy { byte in
            byte < 64 ? mask.low & (1 << byte) != 0 : byte < 128 && mask.high & (1 << (byte - 64)) != 0
        }
    }

    // MARK: Scopes

    private mutating func decodeScopeDefinitions(_ cursor: YAMLCursor?) -> [ScopeDefinition] {
        var definitions: [ScopeDefinition] = []
        var cursors: [Scope: YAMLCursor] = [:]
        for (name, value) in diagnostics.mapping(cursor) ?? [] {
            let scope = Scope(name)
            if cursors[scope] != nil {
                diagnostics.report(.duplicateScope(name), at: value)
                continue
            }
            cursors[scope] = value
            var description: String?
            var includes: [Scope] = []
            if value.isMapping {
                diagnostics.warnUnknownKeys(value, known: ["description", "includes"])
                description = diagnostics.string(value["description"], in: value, key: "description")
                includes = scopeList(value["includes"])
            } else if !value.isNull {
                description = diagnostics.string(value, in: value, key: name)
            }
            definitions.append(ScopeDefinition(scope: scope, description: description, includes: includes))
        }
        reportIncludesCycles(definitions, cursors: cursors)
        return definitions
    }

    /// A space-separated string or a list of scopes; each scope is recorded for checking.
    private mutating func scopeList(_ cursor: YAMLCursor?) -> [Scope] {
        guard let cursor else { return [] }
        let parts: [(String, YAMLCursor)]
        if case .scalar = cursor.node {
            parts = Self.words(diagnostics.string(cursor, in: cursor, key: "") ?? "").map { ($0, cursor) }
        } else if let items = diagnostics.list(cursor) {
            parts = items.compactMap { item in
                guard case .scalar(let scalar) = item.node, !item.isNull else {
                    diagnostics.report(.wrongType(expected: "a scope name", found: item.kindName), at: item)
                    return nil
                }
                return (scalar.string, item)
            }
        } else {
            return []
        }
        var seen = Set<Scope>()
        return parts.compactMap { name, item in
            let scope = Scope(name)
            scopeReferences.append((scope, item))
            return seen.insert(scope).inserted ? scope : nil
        }
    }

    /// `text` split at whitespace, as `text.split(whereSeparator: \.isWhitespace)` splits it.
    static func words(_ text: String) -> [String] {
        // Scope lists are nearly always ASCII, where whitespace is tab, line feed, vertical tab,
        // form feed, carriage return and space; splitting their bytes gives the same words without
        // breaking the text into Characters (CR LF, one Character, is two separators here, which
        // only makes an empty word that is omitted anyway).
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.split(whereSeparator: \.isWhitespace).map(String.init) }
        return text.utf8.split { $0 == 0x20 || (0x09...0x0D).contains($0) }.map { String(Substring($0)) }
    }

    private mutating func reportIncludesCycles(_ definitions: [ScopeDefinition], cursors: [Scope: YAMLCursor]) {
        let edges = Dictionary(definitions.map { ($0.scope, $0.includes) }, uniquingKeysWith: { a, _ in a })
        var state: [Scope: Bool] = [:]  // false: on the current path; true: finished
        var path: [Scope] = []
        var reported = Set<Set<Scope>>()

        func visit(_ scope: Scope) {
            state[scope] = false
            path.append(scope)
            for next in edges[scope] ?? [] where edges[next] != nil {
                switch state[next] {
                case .none: visit(next)
                case .some(false):
                    let cycle = Array(path[path.lastIndex(of: next)!...])
                    if reported.insert(Set(cycle)).inserted, let start = cycle.min(by: { index($0) < index($1) }) {
                        // Start the message at the first defined scope of the cycle, so it reads the
                        // same whichever scope the walk reached first.
                        let rotation = cycle.firstIndex(of: start)!
                        let ordered = cycle[rotation...] + cycle[..<rotation] + [start]
                        let cursor = cursors[start]!
                        diagnostics.report(.includesCycle(ordered.map(\.rawValue)), at: cursor["includes"] ?? cursor)
                    }
                case .some(true): break
                }
            }
            path.removeLast()
            state[scope] = true
        }
        func index(_ scope: Scope) -> Int { definitions.firstIndex { $0.scope == scope } ?? Int.max }

        for definition in definitions where state[definition.scope] == nil { visit(definition.scope) }
    }

    private mutating func checkScopeReferences(_ definitions: [ScopeDefinition]) {
        let defined = Set(definitions.map(\.scope))
        // Only needed for a reference that is not defined, which most files never have.
        lazy var wildcards = definitions.map(\.scope).filter(\.isWildcard)
        let names = definitions.map(\.scope.rawValue)
        for (scope, cursor) in scopeReferences where !defined.contains(scope) {
            // A concrete scope is known when a defined wildcard grants it.
            if wildcards.contains(where: { $0.matches(scope) }) { continue }
            let suggestions = NameSuggestions.closest(to: scope.rawValue, in: names)
            diagnostics.report(.unknownScope(scope.rawValue, suggestions: suggestions), at: cursor)
        }
    }

    // MARK: Actions

    private mutating func decodeActions(_ cursor: YAMLCursor?) -> [Action] {
        var actions: [Action] = []
        var seen = Set<ActionID>()
        for item in diagnostics.list(cursor) ?? [] {
            guard diagnostics.isMapping(item) else { continue }
            diagnostics.warnUnknownKeys(item, known: ["id", "label", "requiredScopes", "description"])
            guard let id = diagnostics.string(item["id"], in: item, key: "id", required: true) else { continue }
            if !Self.consists(id, of: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:@-") {
                // Ids travel unencoded in `actions=a,b`, so separators and spaces cannot be in them.
                diagnostics.report(.invalidValue(id, expected: "an action id of letters, digits and _ . : @ -"), at: item["id"]!)
            } else if !seen.insert(ActionID(id)).inserted {
                diagnostics.report(.duplicateActionID(id), at: item["id"]!)
            }
            let label = requiredLabel(item)
            let requirement = decodeRequirement(item["requiredScopes"])
            actions.append(Action(id: ActionID(id), label: label ?? id, requirement: requirement))
        }
        return actions
    }

    /// `a b`, `[a, b]` (all of them) or `{anyOf: [a, "b c", [d, e]]}` (any one group).
    private mutating func decodeRequirement(_ cursor: YAMLCursor?) -> Requirement {
        guard let cursor else { return Requirement(alternatives: []) }
        guard cursor.isMapping else { return Requirement(allOf: scopeList(cursor)) }
        diagnostics.warnUnknownKeys(cursor, known: ["anyOf"])
        guard let anyOf = cursor["anyOf"] else {
            diagnostics.report(.missingField("anyOf"), at: cursor)
            return Requirement(alternatives: [])
        }
        let groups = (diagnostics.list(anyOf) ?? []).map { scopeList($0) }
        return Requirement(alternatives: groups.filter { !$0.isEmpty })
    }

    private mutating func requiredLabel(_ cursor: YAMLCursor) -> String? {
        guard let value = cursor["label"] else {
            diagnostics.report(.missingLabel, at: cursor.location, path: cursor.path.isEmpty ? "label" : cursor.path + ".label")
            return nil
        }
        guard let label = diagnostics.string(value, in: cursor, key: "label") else { return nil }
        if Self.isBlank(label) {
            diagnostics.report(.missingLabel, at: value)
            return nil
        }
        record(label, value)
        return label
    }

    /// Whether `text` is nothing but `CharacterSet.whitespaces`, as `text.trimmingCharacters(in:
    /// .whitespaces).isEmpty` says, without Foundation's trimming for a text that starts with a
    /// printable ASCII character other than space, which is not whitespace.
    static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x7F { return false }
        return text.trimmingCharacters(in: .whitespaces).isEmpty
    }

    // MARK: Variables

    private mutating func decodeVariables(_ cursor: YAMLCursor?) -> [Variable] {
        var variables: [Variable] = []
        for (name, value) in diagnostics.mapping(cursor) ?? [] {
            if variables.contains(where: { $0.name == name }) || Variable.builtInNames.contains(name) {
                diagnostics.report(.duplicateVariable(name), at: value)
                continue
            }
            guard diagnostics.isMapping(value) else { continue }
            diagnostics.warnUnknownKeys(value, known: ["label", "example", "pattern", "description"])
            let label = requiredLabel(value) ?? name
            let example = diagnostics.string(value["example"], in: value, key: "example")
            let pattern = diagnostics.string(value["pattern"], in: value, key: "pattern")
            if let pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
                diagnostics.report(.invalidPattern(pattern), at: value["pattern"]!)
            }
            variables.append(Variable(name: name, label: label, example: example, pattern: pattern))
        }
        return variables
    }

    /// Records Markdown text whose `{{variables}}` are checked once all are declared.
    mutating func record(_ text: String, _ cursor: YAMLCursor) {
        // Two `{` bytes in a row, rather than Foundation's `contains("{{")`: it finds every text
        // Foundation does (no other characters are canonically equivalent to `{`), and a text
        // recorded needlessly yields no names in checkVariables.
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "{") && previous == byte {
                texts.append((text, cursor))
                return
            }
            previous = byte
        }
    }

    private mutating func checkVariables(declared: Set<String>) {
        for (text, cursor) in texts {
            for name in VariableReference.names(in: text) where !declared.contains(name) && !Variable.builtInNames.contains(name) {
                diagnostics.report(.undeclaredVariable(name), at: cursor)
            }
        }
    }

    // MARK: Methods and guides

    private mutating func decodeMethods(_ cursor: YAMLCursor?, in root: YAMLCursor) -> [AuthMethod] {
        guard let cursor else {
            diagnostics.report(.missingField("authentication"), at: root.location, path: "authentication")
            return []
        }
        var methods: [AuthMethod] = []
        for item in diagnostics.list(cursor) ?? [] {
            // Each item is a one-key mapping `<methodKey>: {...}`, as in StackOne connector files.
            for (key, body) in diagnostics.mapping(item) ?? [] {
                guard let method = decodeMethod(key: key, body) else { continue }
                if methods.contains(where: { $0.slug == method.slug }) {
                    diagnostics.report(.duplicateMethod(method.slug), at: body["label"] ?? body)
                }
                methods.append(method)
            }
        }
        return methods
    }

    private mutating func decodeMethod(key: String, _ body: YAMLCursor) -> AuthMethod? {
        guard diagnostics.isMapping(body) else { return nil }
        diagnostics.warnUnknownKeys(body, known: [
            "type", "label", "grantType", "authorizationUrl", "tokenUrl", "defaultScopes", "scopeDelimiter",
            "configFields", "setupFields", "support",
        ])
        let label = requiredLabel(body) ?? key
        if AuthMethod.slug(for: label).isEmpty {
            diagnostics.report(.invalidSlug(label), at: body["label"] ?? body)
        }
        let typeName = diagnostics.string(body["type"], in: body, key: "type", required: true) ?? "custom"
        let kind = AuthMethod.Kind(rawValue: typeName)
        if kind == nil, let cursor = body["type"] {
            diagnostics.report(.invalidValue(typeName, expected: "custom or oauth2"), at: cursor)
        }
        var grantType: AuthMethod.GrantType?
        if let cursor = body["grantType"], let name = diagnostics.string(cursor, in: body, key: "grantType") {
            grantType = AuthMethod.GrantType(rawValue: name)
            if grantType == nil {
                diagnostics.report(.invalidValue(name, expected: "authorization_code or client_credentials"), at: cursor)
            }
        } else if kind == .oauth2 {
            grantType = .authorizationCode
        }
        let authorizationURL = diagnostics.string(body["authorizationUrl"], in: body, key: "authorizationUrl")
        let defaultScopes = body["defaultScopes"].map { scopeList($0) }
        let support = body["support"]
        if let support, diagnostics.isMapping(support) {
            diagnostics.warnUnknownKeys(support, known: ["link", "guides"])
        }
        var guides: [GuideKind: Guide] = [:]
        if let guidesCursor = support?["guides"], diagnostics.isMapping(guidesCursor) {
            diagnostics.warnUnknownKeys(guidesCursor, known: GuideKind.allCases.map(\.rawValue))
            for kind in GuideKind.allCases {
                if let guide = guidesCursor[kind.rawValue].flatMap({ decodeGuide($0) }) { guides[kind] = guide }
            }
        }
        return AuthMethod(
            key: key, kind: kind ?? .custom, label: label, grantType: grantType,
            authorizationURL: authorizationURL,
            tokenURL: diagnostics.string(body["tokenUrl"], in: body, key: "tokenUrl"),
            defaultScopes: defaultScopes,
            scopeDelimiter: diagnostics.string(body["scopeDelimiter"], in: body, key: "scopeDelimiter") ?? " ",
            configFields: decodeFields(body["configFields"]),
            setupFields: decodeFields(body["setupFields"]),
            supportLink: support.flatMap { diagnostics.string($0["link"], in: $0, key: "link") },
            guides: guides)
    }

    private mutating func decodeFields(_ cursor: YAMLCursor?) -> [Field] {
        (diagnostics.list(cursor) ?? []).compactMap { item in
            guard diagnostics.isMapping(item) else { return nil }
            diagnostics.warnUnknownKeys(item, known: ["key", "label", "type", "required", "secret", "placeholder", "description"])
            let key = diagnostics.string(item["key"], in: item, key: "key", required: true) ?? ""
            let label = requiredLabel(item) ?? key
            return Field(
                key: key, label: label,
                type: diagnostics.string(item["type"], in: item, key: "type") ?? "text",
                isRequired: diagnostics.bool(item["required"], default: false),
                isSecret: diagnostics.bool(item["secret"], default: false))
        }
    }

    private mutating func decodeGuide(_ cursor: YAMLCursor) -> Guide? {
        guard diagnostics.isMapping(cursor) else { return nil }
        diagnostics.warnUnknownKeys(cursor, known: ["warning", "sections"])
        let warning = markdown(cursor["warning"], in: cursor, key: "warning")
        let sections = (diagnostics.list(cursor["sections"]) ?? []).compactMap { item -> Section? in
            guard diagnostics.isMapping(item) else { return nil }
            diagnostics.warnUnknownKeys(item, known: ["title", "content", "list", "scopes", "steps"])
            let steps = (diagnostics.list(item["steps"]) ?? []).compactMap { decodeStep($0) }
            return Section(
                title: markdown(item["title"], in: item, key: "title", required: true) ?? "",
                content: markdown(item["content"], in: item, key: "content"),
                list: markdownList(item["list"]),
                scopes: scopeList(item["scopes"]),
                steps: steps)
        }
        return Guide(warning: warning, sections: sections)
    }

    private mutating func decodeStep(_ cursor: YAMLCursor) -> Step? {
        guard diagnostics.isMapping(cursor) else { return nil }
        diagnostics.warnUnknownKeys(cursor, known: ["title", "content", "list", "scopes", "displayScopes"])
        let scopes = scopeList(cursor["scopes"])
        return Step(
            title: markdown(cursor["title"], in: cursor, key: "title", required: true) ?? "",
            content: markdown(cursor["content"], in: cursor, key: "content"),
            list: markdownList(cursor["list"]),
            scopes: scopes,
            displayScopes: cursor["displayScopes"].map { scopeList($0) })
    }

    private mutating func markdown(_ cursor: YAMLCursor?, in parent: YAMLCursor, key: String, required: Bool = false) -> String? {
        guard let text = diagnostics.string(cursor, in: parent, key: key, required: required) else { return nil }
        if let cursor { record(text, cursor) }
        return text
    }

    private mutating func markdownList(_ cursor: YAMLCursor?) -> [String] {
        let items = diagnostics.stringItems(cursor)
        // Each text is recorded at its own item, so a problem in it points there even when an
        // item that is not a string comes before it.
        for (text, item) in items { record(text, item) }
        return items.map(\.text)
    }
}
