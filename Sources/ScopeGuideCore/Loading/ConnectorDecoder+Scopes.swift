/// Scope definitions, scope lists, `includes` cycles and references to undefined scopes.
extension ConnectorDecoder {
    mutating func decodeScopeDefinitions(_ cursor: YAMLCursor?) -> [ScopeDefinition] {
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
            var privilege = 1
            if value.isMapping {
                diagnostics.rejectUnknownKeys(value, known: GuideKeys.scopeDefinition)
                description = diagnostics.string(value["description"], in: value, key: "description")
                includes = scopeList(value["includes"])
                privilege = decodePrivilege(value["privilege"])
            } else if !value.isNull {
                description = diagnostics.string(value, in: value, key: name)
            }
            definitions.append(ScopeDefinition(scope: scope, description: description, includes: includes, privilege: privilege))
        }
        reportIncludesCycles(definitions, cursors: cursors)
        return definitions
    }

    /// `privilege`: an integer from 1 to 9; 1 when absent or invalid (reported).
    private mutating func decodePrivilege(_ cursor: YAMLCursor?) -> Int {
        guard let cursor, !cursor.isNull else { return 1 }
        guard let text = cursor.scalar else {
            diagnostics.report(.wrongType(expected: "a privilege level from 1 to 9", found: cursor.kindName), at: cursor)
            return 1
        }
        guard let level = Int(text), ScopeDefinition.privilegeLevels.contains(level) else {
            diagnostics.report(.invalidValue(text, expected: "a privilege level from 1 to 9"), at: cursor)
            return 1
        }
        return level
    }

    /// A space-separated string or a list of scopes; each scope is recorded for checking.
    mutating func scopeList(_ cursor: YAMLCursor?) -> [Scope] {
        guard let cursor else { return [] }
        let parts: [(String, YAMLCursor)]
        if let text = cursor.scalar {
            // Most lists are one scope written as a scalar (each `anyOf` option is one): read
            // once, with no word list or pair list made for it. 11,000 actions have 60,000.
            if Self.isOneWord(text) {
                let scope = Scope(text)
                scopeReferences.append((scope, cursor))
                return [scope]
            }
            parts = Self.words(text).map { ($0, cursor) }
        } else if let items = diagnostics.list(cursor) {
            parts = items.compactMap { item in
                guard let name = item.scalar, !item.isNull else {
                    diagnostics.report(.wrongType(expected: "a scope name", found: item.kindName), at: item)
                    return nil
                }
                return (name, item)
            }
        } else {
            return []
        }
        // Repeats are dropped. Lists are nearly always a few scopes, where looking through the
        // ones kept costs less than hashing each into a set.
        var kept: [Scope] = []
        kept.reserveCapacity(parts.count)
        var seen = Set<Scope>()
        for (name, item) in parts {
            let scope = Scope(name)
            scopeReferences.append((scope, item))
            let isNew = parts.count <= 8 ? !kept.contains(scope) : seen.insert(scope).inserted
            if isNew { kept.append(scope) }
        }
        return kept
    }

    /// Whether ``words(_:)`` gives `text` itself: it is ASCII, not empty and has no whitespace.
    static func isOneWord(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x20 && !(0x09...0x0D).contains($0) }
    }

    /// `text` split at whitespace, as `text.split(whereSeparator: \.isWhitespace)` splits it.
    static func words(_ text: String) -> [String] {
        // Scope lists are nearly always ASCII, where whitespace is tab, line feed, vertical tab,
        // form feed, carriage return and space; splitting their bytes gives the same words without
        // breaking the text into Characters (CR LF, one Character, is two separators here, which
        // only makes an empty word that is omitted anyway).
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.split(whereSeparator: \.isWhitespace).map(String.init) }
        // Most lists name one scope: no separator, one word, the text itself.
        if isOneWord(text) { return [text] }
        return text.utf8.split { $0 == 0x20 || (0x09...0x0D).contains($0) }.map { String(Substring($0)) }
    }

    mutating func reportIncludesCycles(_ definitions: [ScopeDefinition], cursors: [Scope: YAMLCursor]) {
        let edges = Dictionary(definitions.map { ($0.scope, $0.includes) }, uniquingKeysWith: { a, _ in a })
        let positions = Dictionary(definitions.enumerated().map { ($1.scope, $0) }, uniquingKeysWith: { a, _ in a })
        var state: [Scope: Bool] = [:]  // false: on the current path; true: finished
        var reported = Set<Set<Scope>>()

        // Depth-first, with the path as an explicit stack of (scope, next edge to follow): an
        // `includes` chain is as long as the file makes it, and a recursive walk overflowed the
        // stack on a chain of 5,000 scopes.
        var path: [(scope: Scope, next: Int)] = []
        for definition in definitions where state[definition.scope] == nil {
            state[definition.scope] = false
            path.append((definition.scope, 0))
            while let (scope, next) = path.last {
                let targets = edges[scope] ?? []
                guard next < targets.count else {
                    path.removeLast()
                    state[scope] = true
                    continue
                }
                path[path.count - 1].next += 1
                let target = targets[next]
                guard edges[target] != nil else { continue }
                switch state[target] {
                case .none:
                    state[target] = false
                    path.append((target, 0))
                case .some(false):
                    let cycle = Array(path[path.lastIndex { $0.scope == target }!...].map(\.scope))
                    if reported.insert(Set(cycle)).inserted, let start = cycle.min(by: { positions[$0]! < positions[$1]! }) {
                        // Start the message at the first defined scope of the cycle, so it reads the
                        // same whichever scope the walk reached first.
                        let rotation = cycle.firstIndex(of: start)!
                        let ordered = cycle[rotation...] + cycle[..<rotation] + [start]
                        let cursor = cursors[start]!
                        diagnostics.report(.includesCycle(ordered.map(\.rawValue)), at: cursor["includes"] ?? cursor)
                    }
                case .some(true):
                    break
                }
            }
        }
    }

    /// Reports scopes referenced but not defined (nor granted by a defined wildcard), and a
    /// connector that names more than `CatalogLoader/maximumScopes` scopes, at `definitionsCursor`.
    mutating func checkScopeReferences(_ definitions: [ScopeDefinition], at definitionsCursor: YAMLCursor) {
        let defined = Set(definitions.map(\.scope))
        // Counted only when the references could reach the limit at all (most connectors make a
        // few hundred), since gathering them into a set costs a hash per reference.
        var named = defined
        if defined.count + scopeReferences.count > CatalogLoader.maximumScopes {
            for reference in scopeReferences { named.insert(reference.scope) }
        }
        if named.count > CatalogLoader.maximumScopes {
            // Not also one error per unknown scope: each would search thousands of names for suggestions.
            diagnostics.report(.tooManyScopes(named.count), at: definitionsCursor)
            return
        }
        // Only needed for a reference that is not defined, which most files never have.
        lazy var wildcards = definitions.map(\.scope).filter(\.isWildcard)
        lazy var candidates = NameSuggestions.Candidates(definitions.map(\.scope.rawValue))
        var suggested = 0
        for (scope, cursor) in scopeReferences where !defined.contains(scope) {
            // A concrete scope is known when a defined wildcard grants it.
            if wildcards.contains(where: { $0.matches(scope) }) { continue }
            // Suggestions for the first few only: a file with thousands of unknown names still
            // gets one error each, quickly.
            suggested += 1
            let suggestions = suggested <= 20 ? candidates.closest(to: scope.rawValue) : []
            diagnostics.report(.unknownScope(scope.rawValue, suggestions: suggestions), at: cursor)
        }
    }
}
