/// What a one-connector load returned — the site, the connector and the warnings — in the
/// binary form `ConnectorCache` stores, written and read field by field.
///
/// Scopes are written once, in a table that everything else refers to by index: a large
/// catalogue names its few hundred scopes tens of thousands of times, and the table keeps the
/// file small and the reading to one string per scope. Reading checks every count and index, so
/// damaged bytes fail with ``BinaryReader/Failure`` rather than giving a different connector.
struct CachedConnector: Hashable, Sendable {
    var site: Site
    var connector: Connector
    var warnings: [LoadError]

    init(site: Site, connector: Connector, warnings: [LoadError]) {
        self.site = site
        self.connector = connector
        self.warnings = warnings
    }

    /// What the bytes of a warning's reason start with. Only warnings are cached (a load with
    /// errors is never); unknown keys, once the only warnings, are errors now, so none is
    /// written today, but the format keeps their place.
    private enum ReasonTag: UInt8 {
        case unknownKey = 0
    }

    /// The bytes of this load; `nil` when a warning is of a kind the format does not hold (then
    /// the load is simply not cached).
    func encoded() -> [UInt8]? {
        var table = ScopeTable()
        var body = BinaryWriter(capacity: 64 + connector.actions.count * 40)
        for text in [site.platformName, site.hubName, site.docsBaseURL, site.callbackURLPattern, site.whitelabelName] {
            body.write(string: text)
        }
        body.write(string: connector.key)
        body.write(string: connector.name)
        body.write(count: connector.scopeDefinitions.count)
        for definition in connector.scopeDefinitions {
            table.write(definition.scope, to: &body)
            body.write(optional: definition.description)
            table.write(definition.includes, to: &body)
            body.write(int: definition.privilege)
        }
        body.write(count: connector.actions.count)
        for action in connector.actions {
            body.write(string: action.id.rawValue)
            body.write(string: action.label)
            body.write(count: action.requirement.alternatives.count)
            for alternative in action.requirement.alternatives { table.write(alternative, to: &body) }
        }
        body.write(count: connector.variables.count)
        for variable in connector.variables {
            body.write(string: variable.name)
            body.write(string: variable.label)
            body.write(optional: variable.example)
            body.write(optional: variable.pattern)
        }
        body.write(count: connector.methods.count)
        for method in connector.methods { Self.write(method, table: &table, to: &body) }
        body.write(count: warnings.count)
        for warning in warnings {
            guard case .unknownKey(let key, let suggestions) = warning.reason else { return nil }
            body.write(string: warning.location.file)
            body.write(int: warning.location.line)
            body.write(int: warning.location.column)
            body.write(string: warning.keyPath)
            body.write(byte: ReasonTag.unknownKey.rawValue)
            body.write(string: key)
            body.write(count: suggestions.count)
            for suggestion in suggestions { body.write(string: suggestion) }
        }
        var output = BinaryWriter(capacity: body.bytes.count + table.scopes.count * 16 + 8)
        output.write(count: table.scopes.count)
        for scope in table.scopes { output.write(string: scope.rawValue) }
        output.write(bytes: body.bytes)
        return output.bytes
    }

    /// Reads what ``encoded()`` wrote; every byte must be used.
    init(decoding bytes: UnsafeRawBufferPointer) throws(BinaryReader.Failure) {
        var reader = BinaryReader(bytes)
        var scopes: [Scope] = []
        let scopeCount = try reader.readCount()
        scopes.reserveCapacity(scopeCount)
        for _ in 0..<scopeCount { scopes.append(Scope(rawValue: try reader.readString())) }
        let table = scopes
        // Most alternatives are one scope: each of those shares its scope's one-element array
        // instead of allocating its own (60,000 fewer allocations for 11,000 actions).
        let singletons = table.map { [$0] }

        site = Site(
            platformName: try reader.readString(), hubName: try reader.readString(), docsBaseURL: try reader.readString(),
            callbackURLPattern: try reader.readString(), whitelabelName: try reader.readString())
        let key = try reader.readString()
        let name = try reader.readString()
        var definitions: [ScopeDefinition] = []
        let definitionCount = try reader.readCount()
        definitions.reserveCapacity(definitionCount)
        for _ in 0..<definitionCount {
            definitions.append(ScopeDefinition(
                scope: table[try reader.readIndex(below: table.count)], description: try reader.readOptionalString(),
                includes: try Self.readScopes(&reader, table), privilege: try reader.readInt()))
        }
        var actions: [Action] = []
        let actionCount = try reader.readCount()
        actions.reserveCapacity(actionCount)
        for _ in 0..<actionCount {
            let id = ActionID(rawValue: try reader.readString())
            let label = try reader.readString()
            var alternatives: [[Scope]] = []
            let alternativeCount = try reader.readCount()
            alternatives.reserveCapacity(alternativeCount)
            for _ in 0..<alternativeCount { alternatives.append(try Self.readScopes(&reader, table, singletons: singletons)) }
            actions.append(Action(id: id, label: label, requirement: Requirement(alternatives: alternatives)))
        }
        var variables: [Variable] = []
        for _ in 0..<(try reader.readCount()) {
            variables.append(Variable(
                name: try reader.readString(), label: try reader.readString(),
                example: try reader.readOptionalString(), pattern: try reader.readOptionalString()))
        }
        var methods: [AuthMethod] = []
        for _ in 0..<(try reader.readCount()) { methods.append(try Self.readMethod(&reader, table)) }
        connector = Connector(key: key, name: name, scopeDefinitions: definitions, actions: actions, methods: methods, variables: variables)

        warnings = []
        for _ in 0..<(try reader.readCount()) {
            let location = SourceLocation(file: try reader.readString(), line: try reader.readInt(), column: try reader.readInt())
            let keyPath = try reader.readString()
            guard try reader.readByte() == ReasonTag.unknownKey.rawValue else { throw .malformed }
            let key = try reader.readString()
            var suggestions: [String] = []
            for _ in 0..<(try reader.readCount()) { suggestions.append(try reader.readString()) }
            warnings.append(LoadError(location: location, keyPath: keyPath, reason: .unknownKey(key, suggestions: suggestions)))
        }
        guard reader.isAtEnd else { throw .malformed }
    }

    // MARK: Methods and guides

    private static func write(_ method: AuthMethod, table: inout ScopeTable, to body: inout BinaryWriter) {
        body.write(string: method.key)
        body.write(string: method.kind.rawValue)
        body.write(string: method.label)
        body.write(optional: method.grantType?.rawValue)
        body.write(optional: method.authorizationURL)
        body.write(optional: method.tokenURL)
        body.write(bool: method.defaultScopes != nil)
        if let defaults = method.defaultScopes { table.write(defaults, to: &body) }
        body.write(string: method.scopeDelimiter)
        body.write(optional: method.declaredGrantChange?.rawValue)
        body.write(optional: method.grantChangeText)
        body.write(optional: method.prefill?.kind.rawValue)
        if let prefill = method.prefill {
            body.write(optional: prefill.template)
            body.write(string: prefill.separator.rawValue)
            body.write(string: prefill.encoding.rawValue)
            table.write(prefill.userScopes, to: &body)
        }
        for fields in [method.configFields, method.setupFields] {
            body.write(count: fields.count)
            for field in fields {
                body.write(string: field.key)
                body.write(string: field.label)
                body.write(string: field.type)
                body.write(bool: field.isRequired)
                body.write(bool: field.isSecret)
            }
        }
        body.write(optional: method.supportLink)
        // In the kinds' declared order, so the same method always gives the same bytes.
        let guides = GuideKind.allCases.compactMap { kind in method.guides[kind].map { (kind, $0) } }
        body.write(count: guides.count)
        for (kind, guide) in guides {
            body.write(string: kind.rawValue)
            body.write(optional: guide.warning)
            body.write(count: guide.sections.count)
            for section in guide.sections {
                body.write(string: section.title)
                body.write(optional: section.content)
                write(section.list, to: &body)
                table.write(section.scopes, to: &body)
                body.write(count: section.steps.count)
                for step in section.steps {
                    body.write(string: step.title)
                    body.write(optional: step.content)
                    write(step.list, to: &body)
                    table.write(step.scopes, to: &body)
                    table.write(step.displayScopes, to: &body)
                }
            }
        }
    }

    private static func readMethod(_ reader: inout BinaryReader, _ table: [Scope]) throws(BinaryReader.Failure) -> AuthMethod {
        let key = try reader.readString()
        guard let kind = AuthMethod.Kind(rawValue: try reader.readString()) else { throw .malformed }
        let label = try reader.readString()
        var grantType: AuthMethod.GrantType?
        if let raw = try reader.readOptionalString() {
            guard let known = AuthMethod.GrantType(rawValue: raw) else { throw .malformed }
            grantType = known
        }
        let authorizationURL = try reader.readOptionalString()
        let tokenURL = try reader.readOptionalString()
        let defaultScopes = try reader.readBool() ? try readScopes(&reader, table) : nil
        let delimiter = try reader.readString()
        // An unknown name (a cache from another build) decodes as undeclared, the default.
        let grantChange = try reader.readOptionalString().flatMap(GrantChange.init(rawValue:))
        let grantChangeText = try reader.readOptionalString()
        var prefill: Prefill?
        if let kindName = try reader.readOptionalString() {
            guard let kind = PrefillKind(rawValue: kindName) else { throw .malformed }
            let template = try reader.readOptionalString()
            guard let separator = Separator(rawValue: try reader.readString()), let encoding = Prefill.Encoding(rawValue: try reader.readString()) else {
                throw .malformed
            }
            prefill = Prefill(kind: kind, template: template, separator: separator, encoding: encoding, userScopes: try readScopes(&reader, table))
        }
        var fieldLists: [[Field]] = []
        for _ in 0..<2 {
            var fields: [Field] = []
            for _ in 0..<(try reader.readCount()) {
                fields.append(Field(
                    key: try reader.readString(), label: try reader.readString(), type: try reader.readString(),
                    isRequired: try reader.readBool(), isSecret: try reader.readBool()))
            }
            fieldLists.append(fields)
        }
        let supportLink = try reader.readOptionalString()
        var guides: [GuideKind: Guide] = [:]
        for _ in 0..<(try reader.readCount()) {
            guard let kind = GuideKind(rawValue: try reader.readString()), guides[kind] == nil else { throw .malformed }
            let warning = try reader.readOptionalString()
            var sections: [Section] = []
            for _ in 0..<(try reader.readCount()) {
                let title = try reader.readString()
                let content = try reader.readOptionalString()
                let list = try readStrings(&reader)
                let scopes = try readScopes(&reader, table)
                var steps: [Step] = []
                for _ in 0..<(try reader.readCount()) {
                    steps.append(Step(
                        title: try reader.readString(), content: try reader.readOptionalString(), list: try readStrings(&reader),
                        scopes: try readScopes(&reader, table), displayScopes: try readScopes(&reader, table)))
                }
                sections.append(Section(title: title, content: content, list: list, scopes: scopes, steps: steps))
            }
            guides[kind] = Guide(warning: warning, sections: sections)
        }
        return AuthMethod(
            key: key, kind: kind, label: label, grantType: grantType, authorizationURL: authorizationURL, tokenURL: tokenURL,
            defaultScopes: defaultScopes, scopeDelimiter: delimiter, grantChange: grantChange, grantChangeText: grantChangeText, prefill: prefill, configFields: fieldLists[0], setupFields: fieldLists[1],
            supportLink: supportLink, guides: guides)
    }

    // MARK: Lists

    private static func write(_ strings: [String], to body: inout BinaryWriter) {
        body.write(count: strings.count)
        for string in strings { body.write(string: string) }
    }

    private static func readStrings(_ reader: inout BinaryReader) throws(BinaryReader.Failure) -> [String] {
        var strings: [String] = []
        for _ in 0..<(try reader.readCount()) { strings.append(try reader.readString()) }
        return strings
    }

    /// A list of scopes by their numbers in `table`; a one-scope list as the same element of
    /// `singletons` (the table's scopes as one-element lists) when given.
    private static func readScopes(
        _ reader: inout BinaryReader, _ table: [Scope], singletons: [[Scope]]? = nil
    ) throws(BinaryReader.Failure) -> [Scope] {
        let count = try reader.readCount()
        if count == 1, let singletons { return singletons[try reader.readIndex(below: singletons.count)] }
        var scopes: [Scope] = []
        scopes.reserveCapacity(count)
        for _ in 0..<count { scopes.append(table[try reader.readIndex(below: table.count)]) }
        return scopes
    }

    /// Numbers scopes in order of first use while the body is written.
    private struct ScopeTable {
        private(set) var scopes: [Scope] = []
        private var numbers: [Scope: Int] = [:]

        mutating func write(_ scope: Scope, to body: inout BinaryWriter) {
            if let number = numbers[scope] { return body.write(count: number) }
            numbers[scope] = scopes.count
            body.write(count: scopes.count)
            scopes.append(scope)
        }

        mutating func write(_ list: [Scope], to body: inout BinaryWriter) {
            body.write(count: list.count)
            for scope in list { write(scope, to: &body) }
        }
    }
}
