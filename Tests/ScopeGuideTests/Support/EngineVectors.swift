import Foundation
@testable import ScopeGuide

/// Shared engine vectors (issue 15 item 7): random catalogues with `includes`, wildcards, any-of
/// alternatives, AND-groups, default scopes and privilege levels, each with selections, existing
/// grants and refused scopes, and the engine's answer for each. Written as JSON for the page
/// script to replay, in Node (`scripts/js-engine-selftest.mjs --vectors`) and in Chromium
/// (`scripts/engine-vectors.js`), both of which must give the same answers.
///
/// Each catalogue carries its page data exactly as a guide page embeds it (``PageData``), so the
/// replay exercises the script on what it really reads.
enum EngineVectors {
    /// One resolution: what was asked and what the engine answered.
    struct Case: Encodable {
        struct Expected: Encodable {
            struct Grant: Encodable {
                var add: [String]
                var change: String
                var drop: [String]
                var enabled: [String]
                var reconsent: Bool
                var request: [String]
                var unneeded: [String]
            }

            var chosenAlternatives: [String: [String]]
            var grant: Grant?
            var optimal: Bool
            var pending: [String]?
            var scopes: [String]
            var unavailable: [String]
            var usesDefaultScopes: Bool
        }

        var selection: [String]
        var granted: [String]
        var refused: [String]
        var nodeBudget: Int
        var workBudget: Int
        var expected: Expected
    }

    struct Corpus {
        /// `{"catalogues":[{"data":<page data>,"cases":[…]}…]}`.
        var json: String
        var caseCount: Int
        var nonOptimalCount: Int
        /// Cases with privilege levels and a grant or a refusal.
        var constrainedLevelCount: Int
    }

    /// Wildcards a catalogue may define, with concrete scopes of their shape that actions may name.
    private static let wildcardFamilies: [(wildcard: Scope, concrete: [Scope])] = [
        ("ev:*:read", ["ev:inbox:read", "ev:team:read", "ev:spam:read"]),
        ("ev:*:write", ["ev:inbox:write", "ev:team:write"]),
        ("doc.*", ["doc.a", "doc.b"]),
    ]

    /// `catalogues` random catalogues of `casesPerCatalogue` cases each, the same for a seed.
    static func corpus(seed: UInt64 = 0x15_07, catalogues: Int = 110, casesPerCatalogue: Int = 5) throws -> Corpus {
        var generator = SeededGenerator(seed: seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var parts: [String] = []
        var caseCount = 0, nonOptimal = 0, constrainedLevels = 0
        for index in 0..<catalogues {
            // Every tenth catalogue is larger, so groups, the memo and the budgets get work.
            let connector = randomConnector(&generator, index: index, large: index % 10 == 9)
            let method = connector.methods[0]
            let graph = ScopeGraph(connector)
            let hasLevels = connector.scopeDefinitions.contains { $0.privilege != 1 }
            let defined = connector.scopeDefinitions.map(\.scope)
            var cases: [String] = []
            for number in 0..<casesPerCatalogue {
                let ids = connector.actions.map(\.id)
                let selection = number == 0 ? [] : ids.filter { _ in Int.random(in: 0..<3, using: &generator) > 0 }
                var granted: [Scope] = [], refused: [Scope] = []
                if number > 1 || index % 2 == 0 {
                    granted = defined.filter { _ in Int.random(in: 0..<4, using: &generator) == 0 }
                    refused = defined.filter { !granted.contains($0) && Int.random(in: 0..<5, using: &generator) == 0 }
                }
                // A few tiny budgets: the answer is then the best found so far, and must still agree.
                let tight = connector.actions.count > 4 && number == casesPerCatalogue - 1
                let resolver = Resolver(connector: connector, nodeBudget: tight ? 2 : 200_000, workBudget: tight ? 6 : Resolver.defaultWorkBudget)
                let picked = try Selection(selection, in: connector)
                let constraints = ScopeConstraints(granted: granted, refused: refused)
                let resolution = resolver.resolve(picked, for: method, constraints: constraints)
                let expected = Case.Expected(
                    chosenAlternatives: Dictionary(uniqueKeysWithValues: resolution.chosenAlternatives.map { ($0.key.rawValue, $0.value.map(\.rawValue)) }),
                    grant: resolution.grant.map {
                        .init(
                            add: $0.add.map(\.rawValue), change: $0.change.rawValue, drop: $0.drop.map(\.rawValue), enabled: $0.enabled.map(\.rawValue),
                            reconsent: $0.reconsent, request: $0.request.map(\.rawValue), unneeded: $0.unneeded.map(\.rawValue))
                    },
                    optimal: resolution.isOptimal, pending: resolution.pending?.map(\.rawValue), scopes: resolution.scopes.map(\.rawValue),
                    unavailable: resolution.unavailable.map(\.rawValue), usesDefaultScopes: resolution.usesDefaultScopes)
                let testCase = Case(
                    selection: selection.shuffled(using: &generator).map(\.rawValue), granted: granted.map(\.rawValue), refused: refused.map(\.rawValue),
                    nodeBudget: resolver.nodeBudget, workBudget: resolver.workBudget, expected: expected)
                cases.append(String(decoding: try encoder.encode(testCase), as: UTF8.self))
                caseCount += 1
                if !resolution.isOptimal { nonOptimal += 1 }
                if hasLevels, !constraints.isEmpty { constrainedLevels += 1 }
            }
            // The vector connectors have no guide texts: the page data needs only the URL's parts.
            let url = GuideRequest(connector: connector, method: method, kind: .config, guide: Guide(sections: []), base: "https://docs.example.com").url
            let full = Resolver(connector: connector).resolve(.none, for: method)
            let data = PageData.scriptJSON(
                PageData.Shared(connector: connector, method: method, graph: graph, fullGuideScopes: full.scopes),
                url: url, resolution: full, graph: graph)
            parts.append("{\"cases\":[" + cases.joined(separator: ",") + "],\"data\":" + data + "}")
        }
        return Corpus(json: "{\"catalogues\":[" + parts.joined(separator: ",\n") + "]}\n", caseCount: caseCount,
                      nonOptimalCount: nonOptimal, constrainedLevelCount: constrainedLevels)
    }

    /// 3–10 defined scopes (30 when `large`), some wildcards and perhaps one concrete scope a
    /// wildcard matches, an acyclic `includes` graph, privilege levels 1–4 in three catalogues
    /// of four, sometimes default scopes, and 1–8 actions (40 when `large`) of 1–3 alternatives of
    /// 1–2 scopes, some naming concrete scopes only a wildcard grants.
    static func randomConnector(_ generator: inout SeededGenerator, index: Int, large: Bool) -> Connector {
        let count = large ? 30 : Int.random(in: 3...10, using: &generator)
        let families = wildcardFamilies.shuffled(using: &generator).prefix(Int.random(in: 0...2, using: &generator))
        var defined: [Scope] = families.map(\.wildcard)
        var undefined: [Scope] = families.flatMap(\.concrete)
        if !undefined.isEmpty, Bool.random(using: &generator) {
            defined.append(undefined.remove(at: Int.random(in: undefined.indices, using: &generator)))
        }
        var plain = 0
        while defined.count < count {
            defined.append(Scope("p\(plain)"))
            plain += 1
        }
        // A scope includes only scopes earlier in a random order: acyclic, up to several deep.
        let order = defined.shuffled(using: &generator)
        var includes: [Scope: [Scope]] = [:]
        for (position, scope) in order.enumerated() where position > 0 && Int.random(in: 0..<10, using: &generator) < 4 {
            includes[scope] = Array(Set((0..<Int.random(in: 1...2, using: &generator)).map { _ in order[Int.random(in: 0..<position, using: &generator)] })).sorted()
        }
        let levelled = index % 4 != 0
        let definitions = defined.shuffled(using: &generator).map { scope in
            ScopeDefinition(scope: scope, includes: includes[scope] ?? [], privilege: levelled ? Int.random(in: 1...4, using: &generator) : 1)
        }
        let nameable = defined + undefined
        var actions = (0..<(large ? 40 : Int.random(in: 1...8, using: &generator))).map { number in
            let alternatives = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                Array(Set((0..<Int.random(in: 1...2, using: &generator)).map { _ in nameable.randomElement(using: &generator)! })).sorted()
            }
            return Action(id: ActionID("c\(index)_a\(number)"), label: "Action \(number) \(index % 3 == 0 ? "é<&>" : "")", requirement: Requirement(alternatives: alternatives))
        }
        // An action that needs no scope (YouTube's API has four): never unavailable under a grant
        // or refusals. Added without a draw, so the other catalogues stay as they were.
        if index % 3 == 1 { actions.append(Action(id: ActionID("c\(index)_free"), label: "Free", requirement: Requirement(alternatives: []))) }
        let defaults: [Scope]? = Int.random(in: 0..<5, using: &generator) == 0 ? defined.filter { _ in Bool.random(using: &generator) } : nil
        return Connector(
            key: "vector\(index)", name: "Vector \(index)", scopeDefinitions: definitions, actions: actions,
            // Every way a provider changes a grant, in turn.
            methods: [AuthMethod(key: "token", kind: .custom, label: "Token", defaultScopes: defaults, grantChange: GrantChange.allCases[index % GrantChange.allCases.count])])
    }

    /// Writes the corpus to a fresh temporary folder and returns the file.
    static func write(_ corpus: Corpus, name: String = "engine-vectors.json") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-vectors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try corpus.json.write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}

// MARK: - Customer variables

/// Shared variable vectors (issue 22): queries of `var.<name>` parameters and the engine's
/// answer to each (``GuideRequest/applyQuery(_:)``, so ``GuideRequest/setVariables(_:)`` for the
/// well-formed ones): the error's exact text, or the values it accepts. The page script replays
/// them through its own query parser (`scripts/engine-vectors.js`, `replayVariableVectors`), in
/// Node and in Chromium, and must report the same first error and keep exactly the values the
/// engine accepts; so a static page never shows a dynamic URL the engine answers with 400.
extension EngineVectors {
    struct VariableCase: Encodable {
        /// `value`: one or more declared or undeclared names with values, written canonically;
        /// `query`: a hand-written query (encodings, repeats, malformed escapes).
        var kind: String
        var query: String
        /// The engine's error description; absent when it accepts the query.
        var error: String?
        /// The values the engine accepts: the request's values when it accepts the query; for
        /// a `value` case it refuses, those of its values that the engine accepts one by one
        /// (what the page keeps). Absent for a refused `query` case (the engine names only the
        /// first problem).
        var kept: [String: String]?
    }

    struct VariableCorpus {
        /// `{"connectors":[{"data":<page data>,"cases":[…]}…]}`.
        var json: String
        var caseCount: Int
        var refusedCount: Int
        /// Refused cases whose error is a pattern failure under the default pattern.
        var defaultPatternRefusals: Int
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

    static func variableCorpus(seed: UInt64 = 0x22_05) throws -> VariableCorpus {
        var generator = SeededGenerator(seed: seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let scope = ScopeDefinition(scope: "a", includes: [], privilege: 1)
        let action = Action(id: "vars_a", label: "A", requirement: Requirement(alternatives: [["a"]]))
        let method = AuthMethod(key: "token", kind: .custom, label: "Token", defaultScopes: nil)
        // The made-up connectors, and every committed one that declares variables.
        let connectors = [
            Connector(key: "patterns", name: "Patterns", scopeDefinitions: [scope], actions: [action], methods: [method], variables: patternVariables),
            Connector(key: "novariables", name: "No variables", scopeDefinitions: [scope], actions: [action], methods: [method]),
        ] + Fixtures.catalog.connectors.filter { !$0.variables.isEmpty }
        var parts: [String] = []
        var caseCount = 0, refused = 0, defaultRefusals = 0
        for connector in connectors {
            let method = connector.methods[0]
            let fresh = GuideRequest(connector: connector, method: method, kind: .config, guide: Guide(sections: []), base: "https://docs.example.com")
            /// The engine's answer to `query`, and to each value alone when `values` is given.
            func answer(_ kind: String, _ query: String, values: [String: String]? = nil) -> VariableCase {
                var request = fresh
                do {
                    try request.applyQuery(Substring(query))
                    return VariableCase(kind: kind, query: query, error: nil, kept: request.variables)
                } catch {
                    refused += 1
                    if case .invalidVariable(_, _, let pattern) = error, pattern == Variable.defaultPattern { defaultRefusals += 1 }
                    let kept = values.map { values in
                        values.filter { name, value in
                            var alone = fresh
                            return (try? alone.setVariables([name: value])) != nil
                        }
                    }
                    return VariableCase(kind: kind, query: query, error: error.description, kept: kept)
                }
            }
            /// `values` as the page and the engine write them in a URL: sorted, encoded canonically.
            func query(_ values: [String: String]) -> String {
                values.sorted { $0.key < $1.key }.map { "var.\(FormEncoding.encodeQueryValue($0.key))=\(FormEncoding.encodeQueryValue($0.value))" }
                    .joined(separator: "&")
            }
            var cases: [VariableCase] = []
            let declared = connector.variables.map(\.name)
            // Every declared name with every value: what each pattern accepts, value by value.
            for name in declared {
                for value in variableValues { cases.append(answer("value", query([name: value]), values: [name: value])) }
            }
            for name in undeclaredNames { cases.append(answer("value", query([name: "1"]), values: [name: "1"])) }
            // Several at once: the engine names the first problem in name order.
            for _ in 0..<60 {
                var values: [String: String] = [:]
                for _ in 0..<Int.random(in: 2...3, using: &generator) {
                    let name = Int.random(in: 0..<4, using: &generator) == 0 || declared.isEmpty
                        ? undeclaredNames.randomElement(using: &generator)! : declared.randomElement(using: &generator)!
                    values[name] = variableValues.randomElement(using: &generator)!
                }
                cases.append(answer("value", query(values), values: values))
            }
            for raw in variableQueries { cases.append(answer("query", raw)) }
            caseCount += cases.count
            let graph = ScopeGraph(connector)
            let full = Resolver(connector: connector).resolve(.none, for: method)
            let data = PageData.scriptJSON(
                PageData.Shared(connector: connector, method: method, graph: graph, fullGuideScopes: full.scopes),
                url: fresh.url, resolution: full, graph: graph)
            let encoded = try cases.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
            parts.append("{\"cases\":[" + encoded.joined(separator: ",\n") + "],\"data\":" + data + "}")
        }
        return VariableCorpus(json: "{\"connectors\":[" + parts.joined(separator: ",\n") + "]}\n", caseCount: caseCount,
                              refusedCount: refused, defaultPatternRefusals: defaultRefusals)
    }

    /// Writes the variable corpus to a fresh temporary folder and returns the file.
    static func write(_ corpus: VariableCorpus) throws -> URL {
        try write(Corpus(json: corpus.json, caseCount: corpus.caseCount, nonOptimalCount: 0, constrainedLevelCount: 0), name: "variable-vectors.json")
    }
}
