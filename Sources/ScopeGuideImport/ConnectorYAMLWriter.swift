import ScopeGuideCore
import Yams

/// Writes a ``Connector`` as a guide source in StackOne's connector-YAML layout, which
/// ``CatalogLoader`` reads back to an equal value.
///
/// The output is deterministic: keys in a fixed order, lists in model order, no line wrapping.
/// libyaml (through Yams) decides how each scalar is quoted, so a label like `true`, `1.0` or
/// `a: b` stays a string.
enum ConnectorYAMLWriter {
    /// - Parameter header: comment lines written first, each prefixed with `# ` (an empty one is `#`); a line break or a
    ///   character YAML does not allow in them is written as U+FFFD (see ``comment(_:)``).
    ///   - actionComments: comment lines written just before an action's entry, by action id.
    /// - Throws: Yams' emitter error (not expected for values built here).
    static func yaml(for connector: Connector, header: [String] = [], actionComments: [ActionID: [String]] = [:]) throws -> String {
        var root: [(Node, Node)] = [("key", string(connector.key)), ("name", string(connector.name))]
        if !connector.variables.isEmpty {
            root.append(("variables", mapping(connector.variables.map { variable in
                (string(variable.name), flowMapping([
                    ("label", variable.label), ("example", variable.example), ("pattern", variable.pattern),
                ]))
            })))
        }
        root.append(("scopeDefinitions", mapping(connector.scopeDefinitions.map { definition in
            var pairs: [(Node, Node)] = []
            if let description = definition.description { pairs.append(("description", string(description))) }
            if !definition.includes.isEmpty { pairs.append(("includes", scopeList(definition.includes))) }
            if definition.privilege != 1 { pairs.append(("privilege", Node(String(definition.privilege), Tag(.int)))) }
            return (string(definition.scope.rawValue), mapping(pairs, style: .flow))
        })))
        root.append(("actions", .sequence(.init(connector.actions.map(action)))))
        root.append(("authentication", .sequence(.init(connector.methods.map { method in
            mapping([(string(method.key), self.method(method))])
        }))))
        let body = try Yams.serialize(node: mapping(root), width: -1, allowUnicode: true)
        let commented = actionComments.isEmpty ? body : withActionComments(body, actions: connector.actions, comments: actionComments)
        // An empty header line is a bare `#`, without a trailing space.
        return header.map { $0.isEmpty ? "#\n" : "# \(comment($0))\n" }.joined() + spacedTopLevel(commented)
    }

    /// `yaml` with `comments` before the entries of the actions they belong to. libyaml writes
    /// the `actions` list's entries as lines starting with `- ` at one indentation, the first
    /// entry's, and the n-th such line is the n-th action (a multi-line label's literal lines are
    /// indented deeper).
    private static func withActionComments(_ yaml: String, actions: [Action], comments: [ActionID: [String]]) -> String {
        var lines: [Substring] = []
        var inActions = false
        var entryIndent: Int?
        var entry = 0
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first.isLetter {
                inActions = line == "actions:"
            } else if inActions {
                let indent = line.prefix { $0 == " " }.count
                if line.dropFirst(indent).hasPrefix("- "), entryIndent == nil || indent == entryIndent {
                    entryIndent = indent
                    if entry < actions.count {
                        for text in comments[actions[entry].id] ?? [] {
                            lines.append(Substring(String(repeating: " ", count: indent) + "# " + comment(text)))
                        }
                    }
                    entry += 1
                }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// `text` fit for a comment line. Scalars are escaped by libyaml, but a comment is written as
    /// it is: a control character makes the file unreadable ("control characters are not
    /// allowed"), and a line break ends the comment, so the rest would be read as YAML. The
    /// connector's name, from the page's title, is in the header. Allowed is YAML's printable set
    /// without its line breaks (`\r`, `\n`, U+0085, U+2028, U+2029).
    static func comment(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x09, 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: scalar
            default: "\u{FFFD}"
            }
        }))
    }

    // MARK: Parts

    private static func action(_ action: Action) -> Node {
        var pairs: [(Node, Node)] = [("id", string(action.id.rawValue)), ("label", string(action.label))]
        let alternatives = action.requirement.alternatives
        if alternatives.count == 1 {
            pairs.append(("requiredScopes", scopeList(alternatives[0])))
        } else if alternatives.count > 1 {
            pairs.append(("requiredScopes", mapping([("anyOf", .sequence(.init(alternatives.map(scopeList), .implicit, .flow)))], style: .flow)))
        }
        return mapping(pairs)
    }

    private static func method(_ method: AuthMethod) -> Node {
        var pairs: [(Node, Node)] = [("type", string(method.kind.rawValue)), ("label", string(method.label))]
        if let grantType = method.grantType { pairs.append(("grantType", string(grantType.rawValue))) }
        if let url = method.authorizationURL { pairs.append(("authorizationUrl", string(url))) }
        if let url = method.tokenURL { pairs.append(("tokenUrl", string(url))) }
        if let scopes = method.defaultScopes { pairs.append(("defaultScopes", string(scopes.map(\.rawValue).joined(separator: " ")))) }
        if method.scopeDelimiter != " " { pairs.append(("scopeDelimiter", string(method.scopeDelimiter))) }
        if let change = method.declaredGrantChange { pairs.append(("grantChange", string(change.rawValue))) }
        if let text = method.grantChangeText { pairs.append(("grantChangeText", string(text))) }
        if let prefill = method.prefill {
            if prefill == Prefill(kind: prefill.kind) {
                pairs.append(("prefill", string(prefill.kind.rawValue)))
            } else {
                var options: [(Node, Node)] = [("kind", string(prefill.kind.rawValue))]
                if let template = prefill.template { options.append(("url", string(template))) }
                if prefill.separator != .comma { options.append(("separator", string(prefill.separator.rawValue))) }
                if prefill.encoding != .percent { options.append(("encoding", string(prefill.encoding.rawValue))) }
                if !prefill.userScopes.isEmpty { options.append(("userScopes", string(prefill.userScopes.map(\.rawValue).joined(separator: " ")))) }
                pairs.append(("prefill", mapping(options)))
            }
        }
        if !method.configFields.isEmpty { pairs.append(("configFields", fields(method.configFields))) }
        if !method.setupFields.isEmpty { pairs.append(("setupFields", fields(method.setupFields))) }
        var support: [(Node, Node)] = []
        if let link = method.supportLink { support.append(("link", string(link))) }
        let guides = GuideKind.allCases.compactMap { kind in method.guides[kind].map { (string(kind.rawValue), guide($0)) } }
        if !guides.isEmpty { support.append(("guides", mapping(guides))) }
        if !support.isEmpty { pairs.append(("support", mapping(support))) }
        return mapping(pairs)
    }

    private static func fields(_ fields: [Field]) -> Node {
        .sequence(.init(fields.map { field in
            var pairs: [(Node, Node)] = [("key", string(field.key)), ("label", string(field.label)), ("type", string(field.type))]
            pairs.append(("required", boolean(field.isRequired)))
            if field.isSecret { pairs.append(("secret", boolean(true))) }
            return mapping(pairs, style: .flow)
        }))
    }

    private static func guide(_ guide: Guide) -> Node {
        var pairs: [(Node, Node)] = []
        if let warning = guide.warning { pairs.append(("warning", string(warning))) }
        pairs.append(("sections", .sequence(.init(guide.sections.map { section in
            var entries = text(title: section.title, content: section.content, list: section.list, scopes: section.scopes)
            if !section.steps.isEmpty {
                entries.append(("steps", .sequence(.init(section.steps.map { step in
                    var stepEntries = text(title: step.title, content: step.content, list: step.list, scopes: step.scopes)
                    if step.displayScopes != step.scopes { stepEntries.append(("displayScopes", scopeList(step.displayScopes))) }
                    return mapping(stepEntries)
                }))))
            }
            return mapping(entries)
        }))))
        return mapping(pairs)
    }

    private static func text(title: String, content: String?, list: [String], scopes: [Scope]) -> [(Node, Node)] {
        var pairs: [(Node, Node)] = [("title", string(title))]
        if let content { pairs.append(("content", string(content))) }
        if !list.isEmpty { pairs.append(("list", .sequence(.init(list.map(string))))) }
        if !scopes.isEmpty { pairs.append(("scopes", scopeList(scopes))) }
        return pairs
    }

    /// Space-separated, as the loader reads it; an empty list is written `[]` so it stays
    /// distinct from a missing key (a step showing no scopes although it has some). Scopes that
    /// the loader would not split back apart are written as a flow list instead: a space joins
    /// with a combining mark after it, or with a prepended mark (U+0600) before it, into one
    /// character, which is not whitespace when it starts with the mark.
    private static func scopeList(_ scopes: [Scope]) -> Node {
        let names = scopes.map(\.rawValue)
        let joined = names.joined(separator: " ")
        if !scopes.isEmpty, joined.split(whereSeparator: \.isWhitespace).map(String.init) == names { return string(joined) }
        return .sequence(.init(names.map(string), .implicit, .flow))
    }

    // MARK: Nodes

    private static func string(_ value: String) -> Node {
        // A multi-line value reads best as a literal block; libyaml falls back to quoting when
        // the text cannot be one (say, trailing spaces on a line).
        value.contains("\n") ? .scalar(.init(value, Tag(.str), .literal)) : .scalar(value.represented())
    }

    private static func boolean(_ value: Bool) -> Node { .scalar(.init(value ? "true" : "false")) }

    private static func mapping(_ pairs: [(Node, Node)], style: Node.Mapping.Style = .block) -> Node {
        .mapping(.init(pairs, .implicit, style))
    }

    /// A flow mapping of the given optional string values, leaving out the `nil` ones.
    private static func flowMapping(_ pairs: [(String, String?)]) -> Node {
        mapping(pairs.compactMap { key, value in value.map { (string(key), string($0)) } }, style: .flow)
    }

    /// A blank line before each top-level key after `key` and `name`, so the parts of the file
    /// stand apart. libyaml writes every nested line indented or as a `- ` item, so a line
    /// starting with a letter is a top-level key.
    private static func spacedTopLevel(_ yaml: String) -> String {
        var lines: [Substring] = []
        var keys = 0
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first.isLetter {
                keys += 1
                if keys > 2 { lines.append("") }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
