import Foundation
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Vectors of the dynamic guide URL: `buildQuery` and `buildURL` (the canonical form of a page
/// state) and `parseQuery` (a query as a person or a link writes it: the engine's first error,
/// or the canonical query of what it accepts).
extension EngineVectors {
    /// A connector whose ids, labels and scopes need encoding and whose names differ only by
    /// case, accents or canonical equivalence, with declared variables.
    static let oddConnector: Connector = {
        let scopes: [Scope] = ["Mail.Read", "Mail.ReadWrite", "https://www.example.com/auth/drive", "r\u{E9}sum\u{E9}:read", "a b", "x|y", "team:*", "tags;write"]
        let definitions = scopes.map { ScopeDefinition(scope: $0, includes: $0 == "Mail.ReadWrite" ? ["Mail.Read"] : [], privilege: 1) }
        let actions: [Action] = [
            Action(id: "front_send_message", label: "Send Message", requirement: Requirement(alternatives: [["Mail.ReadWrite"]])),
            Action(id: "front_list_conversations", label: "List Conversations", requirement: Requirement(alternatives: [["Mail.Read"]])),
            Action(id: "a.b:c@d-e", label: "Odd", requirement: Requirement(alternatives: [["https://www.example.com/auth/drive"]])),
            Action(id: "\u{FC}mlaut", label: "Umlaut", requirement: Requirement(alternatives: [["r\u{E9}sum\u{E9}:read"]])),
            Action(id: "send_mail", label: "Send Mail", requirement: Requirement(alternatives: [["team:x"]])),
            Action(id: "list_tags", label: "List \u{E9}tiquettes", requirement: Requirement(alternatives: [["tags;write"], ["x|y"]])),
        ] + (0..<30).map { Action(id: ActionID("bulk_\($0)"), label: "Bulk \($0)", requirement: Requirement(alternatives: [["a b"]])) }
        return Connector(
            key: "odd", name: "Odd", scopeDefinitions: definitions, actions: actions,
            methods: [AuthMethod(key: "token", kind: .custom, label: "API Token")],
            variables: [
                Variable(name: "subdomain", label: "Subdomain", pattern: "^[a-z0-9-]+$"),
                Variable(name: "note", label: "Note"),
                Variable(name: "r\u{E9}gion", label: "Région", pattern: "(eu|us)-[1-9]"),
            ])
    }()

    /// The committed connectors (their first method's link-account guide) and the odd one.
    static func urlRequests() throws -> [GuideRequest] {
        let odd = oddConnector
        let method = odd.methods[0]
        let guide = GuideRequest(connector: odd, method: method, kind: .config, guide: Guide(sections: []), base: "https://docs.example.com/")
        return try Fixtures.catalog.connectors.map { try Fixtures.catalog.guide(connector: $0.key) } + [guide]
    }

    /// Values that customers give variables, the engine accepting some.
    static let urlVariableValues = ["acme", "acme-1", "a b", "\u{FC}&=?#", "x/y", "", "eu-1", "EU-1", "line\nbreak", "e\u{301}", "100%", "+"]

    struct PageState: Encodable {
        var selection: [String]
        var granted: [String]
        var refused: [String]
        var separator: String
        var whitelabel: Bool
        var variables: [String: String]
    }

    struct BuiltURL: Encodable {
        var query: String
        var url: String
    }

    /// Random page states (actions in any order with repeats, a grant and refusals with repeats, a separator,
    /// whitelabel, customer values the engine accepts) and the canonical query and URL.
    static func buildQuery() throws -> File {
        var builder = Builder("buildQuery")
        var generator = SeededGenerator(seed: 0x25_03)
        for fresh in try urlRequests() {
            let connector = fresh.connector
            builder.group(data: pageData(connector, request: fresh))
            let ids = connector.actions.map(\.id)
            for number in 0..<40 {
                var request = fresh
                let picked = (0..<Int.random(in: 0...6, using: &generator)).map { _ in ids.randomElement(using: &generator)! }
                let defined = connector.scopeDefinitions.map(\.scope)
                let granted = number % 3 == 0 ? [] : (0..<Int.random(in: 0...4, using: &generator)).map { _ in defined.randomElement(using: &generator)! }
                let refused = number % 3 == 0 ? [] : (0..<Int.random(in: 0...2, using: &generator)).map { _ in defined.randomElement(using: &generator)! }.filter { !granted.contains($0) }
                try request.select(picked)
                try request.setConstraints(granted: names(granted), refused: names(refused))
                request.separator = Separator.allCases.randomElement(using: &generator)!
                request.isWhitelabel = Bool.random(using: &generator)
                var values: [String: String] = [:]
                for variable in connector.acceptedVariables where Bool.random(using: &generator) {
                    let value = urlVariableValues.randomElement(using: &generator)!
                    if (try? request.setVariables(values.merging([variable.name: value]) { $1 })) != nil { values[variable.name] = value }
                }
                try request.setVariables(values)
                let repeats = picked.filter { _ in Bool.random(using: &generator) }
                let state = PageState(
                    selection: names((picked + repeats).shuffled(using: &generator)), granted: names(granted.shuffled(using: &generator)),
                    refused: names(refused.shuffled(using: &generator)), separator: request.separator.rawValue, whitelabel: request.isWhitelabel, variables: values)
                try builder.add(state, BuiltURL(query: request.url.query, url: request.url.description))
            }
        }
        return builder.file
    }

    struct ParsedQuery: Encodable {
        /// The engine's error, when it refuses the query.
        var error: String?
        /// The canonical query of what it accepts, when it does.
        var query: String?
    }

    /// Random queries as people and links write them (any order, repeats, `%2C`, spaces,
    /// Unicode white space, `+`, encodings, typos, labels for ids, unknown and conflicting
    /// parameters, malformed escapes) and the engine's answer: its error, or the canonical query.
    static func parseQuery() throws -> File {
        var builder = Builder("parseQuery")
        var generator = SeededGenerator(seed: 0x25_04)
        for fresh in try urlRequests() {
            let connector = fresh.connector
            builder.group(data: pageData(connector, request: fresh))
            let ids = connector.actions.map(\.id.rawValue)
            let defined = connector.scopeDefinitions.map(\.scope.rawValue)
            let concrete = connector.actions.flatMap(\.requirement.mentionedScopes).map(\.rawValue).filter { !defined.contains($0) }
            let variables = connector.acceptedVariables.map(\.name)
            /// A mistyped copy of `name`: a letter dropped, doubled or changed, or the case changed.
            func typo(_ name: String) -> String {
                var characters = Array(name)
                guard !characters.isEmpty else { return "x" }
                let at = Int.random(in: characters.indices, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: characters.remove(at: at)
                case 1: characters.insert(characters[at], at: at)
                case 2: characters[at] = "q"
                default: return name.uppercased()
                }
                return String(characters)
            }
            /// `text` with every byte percent-encoded, or only some characters, or as it is.
            func spelled(_ text: String) -> String {
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: return text.utf8.map { String(format: "%%%02X", $0) }.joined()
                case 1: return FormEncoding.encodeQueryValue(text).replacingOccurrences(of: "%20", with: "+")
                case 2: return FormEncoding.encode(text)
                default: return FormEncoding.encodeQueryValue(text)
                }
            }
            let paddings = ["", " ", "%20", "+", "%C2%A0", "%E3%80%80", "%EF%BB%BF", "%09", "%CC%81"]
            func padded(_ text: String) -> String {
                paddings.randomElement(using: &generator)! + spelled(text) + (Bool.random(using: &generator) ? "" : paddings.randomElement(using: &generator)!)
            }
            func actionName() -> String {
                switch Int.random(in: 0..<10, using: &generator) {
                case 0: return typo(ids.randomElement(using: &generator)!)
                case 1: return connector.actions.randomElement(using: &generator)!.label
                case 2: return "zz_\(Int.random(in: 0..<5, using: &generator))"
                case 3: return ids.randomElement(using: &generator)!.decomposedStringWithCanonicalMapping
                default: return ids.randomElement(using: &generator)!
                }
            }
            func scopeName() -> String {
                switch Int.random(in: 0..<9, using: &generator) {
                case 0: return typo(defined.randomElement(using: &generator)!)
                case 1: return concrete.randomElement(using: &generator) ?? "nope:read"
                case 2: return defined.randomElement(using: &generator)!.decomposedStringWithCanonicalMapping
                default: return defined.randomElement(using: &generator)!
                }
            }
            let listSeparators = [",", "%2C", "+", "%20", "%3B", "%7C", "%0A", ",%20", "%2C%CC%81"]
            func parameter() -> String {
                switch Int.random(in: 0..<24, using: &generator) {
                case 0..<8:
                    let items = (0..<Int.random(in: 0...4, using: &generator)).map { _ in padded(actionName()) }
                    return "actions=" + items.joined(separator: [",", "%2C", ", "].randomElement(using: &generator)!)
                case 8..<11:
                    let items = (0..<Int.random(in: 0...3, using: &generator)).map { _ in spelled(scopeName()) }
                    return (Bool.random(using: &generator) ? "granted=" : "without=") + items.joined(separator: listSeparators.randomElement(using: &generator)!)
                case 11:
                    return "separator=" + padded(["comma", "pipe", "newline", "tab", "Comma", "space", ""].randomElement(using: &generator)!)
                case 12:
                    return "whitelabel" + ["", "=", "=1", "=0", "=TRUE", "=+false+", "=yes", "=%C3%A9"].randomElement(using: &generator)!
                case 13..<17 where !variables.isEmpty:
                    let name = Int.random(in: 0..<5, using: &generator) == 0 ? typo(variables.randomElement(using: &generator)!) : variables.randomElement(using: &generator)!
                    return "var." + spelled(name) + "=" + spelled(urlVariableValues.randomElement(using: &generator)!)
                case 17:
                    return ["foo=1", "Actions=x", "action=" + ids[0], "var=1", "%61ctions=" + ids[0], "&", "", "granted"].randomElement(using: &generator)!
                case 18:
                    return ["actions=%zz", "x=%E0%A4", "granted=%", "%C3=1", "separator=%2"].randomElement(using: &generator)!
                default:
                    return "actions=" + spelled(ids.randomElement(using: &generator)!)
                }
            }
            for number in 0..<90 {
                var parameters = (0..<Int.random(in: 1...5, using: &generator)).map { _ in parameter() }
                // Repeats, the same or conflicting, of what was given.
                if number % 4 == 0, let first = parameters.first { parameters.append(Bool.random(using: &generator) ? first : parameter()) }
                let query = parameters.shuffled(using: &generator).joined(separator: "&")
                var request = fresh
                let answer: ParsedQuery
                do {
                    try request.applyQuery(Substring(query))
                    answer = ParsedQuery(query: request.url.query)
                } catch {
                    answer = ParsedQuery(error: error.description)
                }
                try builder.add(["query": query], answer)
            }
        }
        return builder.file
    }
}
