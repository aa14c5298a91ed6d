@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Vectors of customer variables (issue 22): queries of `var.<name>` parameters and the engine's
/// answer to each (``GuideRequest/applyQuery(_:)``, so ``GuideRequest/setVariables(_:)`` for the
/// well-formed ones): the error's exact text, or the values it accepts. The page replays them
/// through its query parser (`parseQuery`, which checks values with `checkVariables`) and must
/// report the same first error and keep exactly the values the engine accepts; so a static page
/// never shows a dynamic URL the engine answers with 400.
extension EngineVectors {
    struct VariableInput: Encodable {
        /// `value`: one or more declared or undeclared names with values, written canonically;
        /// `query`: a hand-written query (encodings, repeats, malformed escapes).
        var kind: String
        var query: String
    }

    struct VariableExpected: Encodable {
        /// The engine's error description; absent when it accepts the query.
        var error: String?
        /// The values the engine accepts: the request's values when it accepts the query; for
        /// a `value` case it refuses, those of its values that the engine accepts one by one
        /// (what the page keeps). Absent for a refused `query` case (the engine names only the
        /// first problem).
        var kept: [String: String]?
    }

    /// Patterns of the kinds guides write (Traffit's `^[a-z0-9-]+$`), and ones where ICU
    /// (NSRegularExpression) and a JavaScript RegExp read the same text differently unless the
    /// page translates it: `\d`, `\w`, `\s`, `\b` and `.` are Unicode-wide in ICU, `$` also
    /// matches before a final line break, `\-` is a literal outside a class, and a first match
    /// that ends early (`a|ab` on "ab") is a refusal, not a reason to backtrack.
    static let patternVariables: [Variable] = [
        Variable(name: "subdomain", label: "Subdomain", pattern: "^[a-z0-9-]+$"),
        Variable(name: "note", label: "Note"),
        Variable(name: "explicit", label: "Explicit default", pattern: Variable.defaultPattern),
        Variable(name: "digits", label: "Digits", pattern: "\\d+"),
        Variable(name: "nondigits", label: "Not digits", pattern: "\\D+"),
        Variable(name: "word", label: "Word", pattern: "\\w+"),
        Variable(name: "nonword", label: "Not word", pattern: "\\W+"),
        Variable(name: "spaced", label: "Spaced", pattern: "\\S+(?:\\s\\S+)*"),
        Variable(name: "blank", label: "Blank", pattern: "\\s*"),
        Variable(name: "dot", label: "Dot", pattern: ".+"),
        Variable(name: "any", label: "Anything", pattern: "[\\s\\S]*"),
        Variable(name: "alt", label: "Alternation", pattern: "a|ab"),
        Variable(name: "host", label: "Host", pattern: "[a-z0-9]+(\\.[a-z0-9]+)*"),
        Variable(name: "region", label: "Region", pattern: "(eu|us)-[1-9]"),
        Variable(name: "letters", label: "Letters", pattern: "\\p{L}+"),
        Variable(name: "escaped", label: "Escaped", pattern: "[a-z]+\\-[0-9]+"),
        Variable(name: "bounded", label: "Bounded", pattern: "foo\\b.*"),
        Variable(name: "classes", label: "Classes", pattern: "[\\d\\s_]+"),
        Variable(name: "dollar", label: "Dollar", pattern: "[a-z]+$\\n?"),
        Variable(name: "caseless", label: "Caseless", pattern: "(?i)[a-z]+"),
        Variable(name: "long", label: "Long", pattern: "(?:" + (0..<40).map { "word\($0)" }.joined(separator: "|") + ")"),
        Variable(name: "r\u{E9}gion", label: "Région"),
    ]

    /// Values that tell patterns apart: ASCII and Unicode letters and digits, every kind of
    /// white space and line break, format and control characters, emoji, and lengths around
    /// the default pattern's 200 characters and the 200 bytes past which messages abbreviate.
    static let variableValues: [String] = [
        "", "acme", "my-company-1", "EVIL..example/x", "Acme", "a b", " acme", "acme\n", "line1\nline2", "a\r\nb", "\t", "tab\there",
        "\u{FC}", "\u{E9}", "e\u{301}", "\u{661}\u{662}\u{663}", "\u{FF11}\u{FF12}", "123", "foo", "foo bar", "foo\u{E9}", "foo-bar", "a", "ab",
        "abc", "eu-1", "us-9", "xx-1", "abc-12", "\u{85}", "a\u{85}b", "\u{A0}", "a\u{2028}b", "a\u{2029}b", "\u{200B}", "\u{FEFF}x",
        "\u{202E}evil", "a\u{0}b", "\u{7F}", "x\u{B}y", "x\u{C}y", "\u{1F600}", "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", "\u{1F1EB}\u{1F1F7}",
        "word7", "word39", "word40", "ABC", "\u{3000}", "a_1 2", "_",
        String(repeating: "a", count: 199), String(repeating: "a", count: 200), String(repeating: "a", count: 201),
        String(repeating: "\u{E9}", count: 200), String(repeating: "\u{1F600}", count: 200), String(repeating: "\u{1F600}", count: 201),
        String(repeating: "e\u{301}", count: 150), String(repeating: "\u{1F1EB}\u{1F1F7}", count: 60) + "\n",
    ]

    /// Names no vector connector declares, or spellings of declared ones the engine refuses.
    static let undeclaredNames: [String] = [
        "x", "Subdomain", "subdomain ", "", "sub.domain", "\u{FC}", "var.subdomain", String(repeating: "n", count: 250), "re\u{301}gion",
    ]

    /// Hand-written queries: encodings of names and values, `+`, a missing `=`, repeats that
    /// agree or conflict, malformed escapes, and a near-miss parameter name.
    static let variableQueries: [String] = [
        "var.subdomain=acme", "var.subdomain=EVIL..example%2Fx", "var.subdomain=EVIL..example/x", "var.x=1", "var.subdomain=a&var.subdomain=b",
        "var.subdomain=a&var.subdomain=a", "var.=1", "var.subdomain", "var.note=a+b", "var.note=%0A", "var.note=%E0%A4", "var.%73ubdomain=acme",
        "VAR.subdomain=1", "var.subdomain=acme&var.note=line%0Abreak&var.zz=1", "var.note=+", "var.note=%2B", "var.note=a%26b%3Dc",
        "var.subdomain=acme&&var.note=x", "var.subdomain=Acme&var.x=1", "var.x=1&var.subdomain=Acme", "var.r%C3%A9gion=1&var.re%CC%81gion=1",
        "var.r%C3%A9gion=%C3%A9&var.re%CC%81gion=e%CC%81", "var.re%CC%81gion=x", "var.%CC%81x=1", "var.note=%F0%9F%98%80", "var.note=%ZZ",
    ]

    /// Every declared name of the made-up connectors (and of the committed ones that declare
    /// variables) with every value, names no connector declares, random mixes, and the
    /// hand-written queries.
    static func variables() throws -> File {
        var builder = Builder("variables")
        var generator = SeededGenerator(seed: 0x22_05)
        let scope = ScopeDefinition(scope: "a", includes: [], privilege: 1)
        let action = Action(id: "vars_a", label: "A", requirement: Requirement(alternatives: [["a"]]))
        let method = AuthMethod(key: "token", kind: .custom, label: "Token", defaultScopes: nil)
        let connectors = [
            Connector(key: "patterns", name: "Patterns", scopeDefinitions: [scope], actions: [action], methods: [method], variables: patternVariables),
            Connector(key: "novariables", name: "No variables", scopeDefinitions: [scope], actions: [action], methods: [method]),
        ] + Fixtures.catalog.connectors.filter { !$0.variables.isEmpty }
        for connector in connectors {
            let fresh = GuideRequest(connector: connector, method: connector.methods[0], kind: .config, guide: Guide(sections: []), base: "https://docs.example.com")
            builder.group(data: pageData(connector, request: fresh))
            /// The engine's answer to `query`, and to each value alone when `values` is given.
            func answer(_ kind: String, _ query: String, values: [String: String]? = nil) throws {
                var request = fresh
                let expected: VariableExpected
                do {
                    try request.applyQuery(Substring(query))
                    expected = VariableExpected(error: nil, kept: request.variables)
                } catch {
                    let kept = values.map { values in
                        values.filter { name, value in
                            var alone = fresh
                            return (try? alone.setVariables([name: value])) != nil
                        }
                    }
                    expected = VariableExpected(error: error.description, kept: kept)
                }
                try builder.add(VariableInput(kind: kind, query: query), expected)
            }
            /// `values` as the page and the engine write them in a URL: sorted, encoded canonically.
            func query(_ values: [String: String]) -> String {
                values.sorted { $0.key < $1.key }.map { "var.\(FormEncoding.encodeQueryValue($0.key))=\(FormEncoding.encodeQueryValue($0.value))" }
                    .joined(separator: "&")
            }
            let declared = connector.variables.map(\.name)
            for name in declared {
                for value in variableValues { try answer("value", query([name: value]), values: [name: value]) }
            }
            for name in undeclaredNames { try answer("value", query([name: "1"]), values: [name: "1"]) }
            // Several at once: the engine names the first problem in name order.
            for _ in 0..<60 {
                var values: [String: String] = [:]
                for _ in 0..<Int.random(in: 2...3, using: &generator) {
                    let name = Int.random(in: 0..<4, using: &generator) == 0 || declared.isEmpty
                        ? undeclaredNames.randomElement(using: &generator)! : declared.randomElement(using: &generator)!
                    values[name] = variableValues.randomElement(using: &generator)!
                }
                try answer("value", query(values), values: values)
            }
            for raw in variableQueries { try answer("query", raw) }
        }
        return builder.file
    }
}
