extension GuideRequest {
    /// Parses and validates a dynamic guide URL against `catalog`.
    ///
    /// Accepts any base (or none), parameters in any order, repeated `actions=`, `%2C` for a
    /// comma and spaces around ids. Unknown connectors, guides, actions and parameters are
    /// errors, never dropped.
    /// - Throws: ``GuideURLError`` naming the offending value.
    public init(parsing text: String, in catalog: Catalog) throws(GuideURLError) {
        guard text.utf8.count <= GuideURL.maximumLength else { throw .tooLong(text.utf8.count) }
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
        self = try catalog.guide(connector: key, pathSegment: segment, slug: slug)
        self.base = base
        try applyQuery(query)
    }

    /// Reads `actions`, `stages`, `granted`, `without`, `separator`, `whitelabel` and `var.<name>` from a
    /// query string (without `?`), validating each against the connector. Used for full URLs and
    /// by the server, whose router has already matched the path.
    package mutating func applyQuery(_ query: Substring) throws(GuideURLError) {
        guard query.utf8.count <= GuideURL.maximumLength else { throw .tooLong(query.utf8.count) }
        var ids: [ActionID] = []
        var stageLists: [[ActionID]]?
        var granted: [String] = [], refused: [String] = []
        var separatorValue: String?
        var whitelabelValue: String?
        var variables: [String: String] = [:]
        for parameter in FormEncoding.parameters(in: query) {
            guard let name = FormEncoding.decode(parameter.name), let value = FormEncoding.decode(parameter.value) else {
                throw .malformedEncoding(String(parameter.text))
            }
            switch name {
            case "actions":
                for item in value.split(separator: ",") {
                    let id: String = item.trimmingWhitespace
                    if !id.isEmpty { ids.append(ActionID(id)) }
                }
            case "stages":
                // `a,b;c`: stages in order, separated by `;`; repeated `stages=` adds stages.
                // Split before decoding, so an id holding an encoded `;` or `,` stays one id.
                var stages: [[ActionID]] = []
                for stage in parameter.value.split(separator: ";", omittingEmptySubsequences: false) {
                    var ids: [ActionID] = []
                    for item in stage.split(separator: ",") {
                        guard let id = FormEncoding.decode(item) else { throw .malformedEncoding(String(parameter.text)) }
                        if !id.trimmingWhitespace.isEmpty { ids.append(ActionID(id.trimmingWhitespace)) }
                    }
                    stages.append(ids)
                }
                stageLists = (stageLists ?? []) + stages
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
        if let stageLists {
            try setStages(stageLists)
            if !ids.isEmpty {
                let listed = try checked(ids), staged = Set(selection.actions), listedSet = Set(listed.actions)
                let differing = listed.actions.filter { !staged.contains($0) } + selection.actions.filter { !listedSet.contains($0) }
                guard differing.isEmpty else { throw .stagesDisagreeWithActions(differing.map(\.rawValue)) }
            }
        } else {
            try select(ids)
        }
        try setConstraints(granted: granted, refused: refused)
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
        try setVariables(variables)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and newlines.
    package var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
