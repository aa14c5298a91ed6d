extension GuideURL {
    /// The longest URL parsed, in bytes: 1 MiB, room for tens of thousands of action ids (browsers
    /// stop at about 2 MB), while a pasted 10 MB string fails at once rather than being scanned.
    public static let maximumLength = 1 << 20

    /// Parses and validates a dynamic guide URL against `catalog`.
    ///
    /// Accepts any base (or none), parameters in any order, repeated `actions=`, `%2C` for a
    /// comma and spaces around ids. Unknown connectors, guides, actions and parameters are
    /// errors, never dropped.
    /// - Throws: ``GuideURLError`` naming the offending value.
    public init(parsing text: String, in catalog: Catalog) throws(GuideURLError) {
        guard text.utf8.count <= Self.maximumLength else { throw .tooLong(text.utf8.count) }
        var rest = Substring(text.trimmingWhitespace)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let query = rest.firstIndex(of: "?").map { rest[rest.index(after: $0)...] } ?? ""
        if let mark = rest.firstIndex(of: "?") { rest = rest[..<mark] }

        var components = rest.split(separator: "/", omittingEmptySubsequences: false)
        if components.last == "" { components.removeLast() }
        guard components.count >= 5 else { throw .notAGuideURL(text) }
        let tail = components.suffix(5).map { String($0) }
        guard tail[0] == "connectors", tail[2] == "guides" else { throw .notAGuideURL(text) }
        let base = components.dropLast(5).joined(separator: "/")

        guard let key = FormEncoding.decode(Substring(tail[1]), plusAsSpace: false),
            let segment = FormEncoding.decode(Substring(tail[3]), plusAsSpace: false),
            let slug = FormEncoding.decode(Substring(tail[4]), plusAsSpace: false)
        else { throw .malformedEncoding(String(rest)) }
        guard let connector = catalog.connector(key) else {
            throw .unknownConnector(key, suggestions: NameSuggestions.closest(to: key, in: catalog.connectors.map(\.key)))
        }
        guard let kind = GuideKind(pathSegment: segment) else { throw .unknownGuideKind(segment) }
        let slugs = connector.methods.filter { $0.guides[kind] != nil }.map(\.slug)
        guard slugs.contains(slug) else {
            throw .unknownGuide(slug, connector: key, suggestions: NameSuggestions.closest(to: slug, in: slugs))
        }
        self.init(base: base, connector: key, kind: kind, slug: slug)
        try applyQuery(query, for: connector)
    }

    /// Reads `actions`, `separator`, `whitelabel` and `var.<name>` from a query string (without
    /// `?`), validating each against `connector`. Used for full URLs and by the server, whose
    /// router has already matched the path.
    public mutating func applyQuery(_ query: Substring, for connector: Connector) throws(GuideURLError) {
        guard query.utf8.count <= Self.maximumLength else { throw .tooLong(query.utf8.count) }
        var ids: [ActionID] = []
        var granted: [String] = [], refused: [String] = []
        var separatorValue: String?
        var whitelabelValue: String?
        var variables: [String: String] = [:]
        for parameter in query.split(separator: "&") where !parameter.isEmpty {
            let pieces = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = FormEncoding.decode(pieces[0]), let value = FormEncoding.decode(pieces.count > 1 ? pieces[1] : "") else {
                throw .malformedEncoding(String(parameter))
            }
            switch name {
            case "actions":
                for item in value.split(separator: ",") {
                    let id: String = item.trimmingWhitespace
                    if !id.isEmpty { ids.append(ActionID(id)) }
                }
            case "granted":
                granted += Self.scopeNames(value)
            case "without":
                refused += Self.scopeNames(value)
            case "separator":
                if let earlier = separatorValue, earlier != value { throw .conflictingParameter(name) }
                separatorValue = value
            case "whitelabel":
                if let earlier = whitelabelValue, earlier != value { throw .conflictingParameter(name) }
                whitelabelValue = value
            case _ where name.hasPrefix("var."):
                let variable = String(name.dropFirst(4))
                if let earlier = variables[variable], earlier != value { throw .conflictingParameter(name) }
                variables[variable] = value
            default:
                throw .unknownParameter(name)
            }
        }
        try select(ids, in: connector)
        try setConstraints(granted: granted, refused: refused, for: connector)
        if let value = separatorValue {
            guard let parsed = Separator(rawValue: value.trimmingWhitespace) else { throw .invalidSeparator(value) }
            separator = parsed
        }
        if let value = whitelabelValue {
            switch value.trimmingWhitespace.lowercased() {
            case "1", "true", "": isWhitelabel = true
            case "0", "false": isWhitelabel = false
            default: throw .invalidWhitelabel(value)
            }
        }
        try setVariables(variables, for: connector)
    }

    /// Scope names in a list written with any of the five separators (space, comma, semicolon,
    /// pipe, new line), as copied from a provider's console or from this tool.
    public static func scopeNames(_ text: String) -> [String] {
        text.split { $0 == "," || $0 == ";" || $0 == "|" || $0.isWhitespace }.map(String.init)
    }

    /// Sets the customer's existing grant and refused scopes after checking each is defined by
    /// `connector` (else an error with the closest defined names) and none is in both lists;
    /// stores them in definition order, without duplicates.
    /// - Throws: ``GuideURLError/unknownScopes(_:connector:)`` or ``GuideURLError/grantedAndRefused(_:)``.
    public mutating func setConstraints(granted: [String], refused: [String], for connector: Connector) throws(GuideURLError) {
        let defined = connector.scopeDefinitions.map(\.scope.rawValue)
        let known = Set(defined)
        var unknown: [GuideURLError.UnknownScope] = []
        for name in granted + refused where !known.contains(name) && !unknown.contains(where: { $0.scope == name }) {
            unknown.append(.init(scope: name, suggestions: NameSuggestions.closest(to: name, in: defined)))
        }
        guard unknown.isEmpty else { throw .unknownScopes(unknown, connector: connector.key) }
        if let both = defined.first(where: { Set(granted).contains($0) && Set(refused).contains($0) }) { throw .grantedAndRefused(both) }
        let ordered = { (names: [String]) in defined.filter(Set(names).contains).map { Scope($0) } }
        constraints = ScopeConstraints(granted: ordered(granted), refused: ordered(refused))
    }

    /// Replaces the customer's variable values after checking each is declared by `connector`
    /// and matches its pattern (``Variable/effectivePattern``: a variable without one takes
    /// one line of at most 200 characters).
    /// - Throws: ``GuideURLError/unknownVariable(_:connector:declared:)`` or
    ///   ``GuideURLError/invalidVariable(name:value:pattern:)``.
    public mutating func setVariables(_ values: [String: String], for connector: Connector) throws(GuideURLError) {
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let declared = connector.variables.first(where: { $0.name == name }) else {
                throw .unknownVariable(name, connector: connector.key, declared: connector.variables.map(\.name))
            }
            if !VariableValue.matches(value, pattern: declared.effectivePattern) {
                throw .invalidVariable(name: name, value: value, pattern: declared.effectivePattern)
            }
        }
        variables = values
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
