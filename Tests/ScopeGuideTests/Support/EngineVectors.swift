import Foundation
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// The shared engine vectors (issue 25): for every function of the page's engine
/// (`Sources/ScopeGuideRendering/Rendering/Resources/guide-engine.js`, `ScopeGuideEngine`), inputs and
/// the Swift engine's answers, committed as `Tests/ScopeGuideTests/Fixtures/engine-vectors/<function>.json`.
///
/// Three replays hold the page to them: ``EngineVectorFixtureTests`` recomputes every file with
/// the Swift engine and compares it byte for byte with the committed one (so a change to the
/// engine that is not recorded fails, naming the first differing case); Node
/// (`scripts/js-engine-selftest.mjs --vectors`) and Chromium (``BrowserParityTests``) run the
/// committed files through `scripts/engine-vectors.js`, which must give every expected value.
/// `SCOPEGUIDE_RECORD=1 swift test --filter EngineVectorFixtureTests` rewrites the files.
///
/// Everything is drawn from fixed seeds, so the same code writes the same bytes. Catalogues are
/// carried as the page data a guide page embeds (``PageData``), so the replays run the script on
/// what it really reads.
///
/// To add a function: write `static func <function>() throws -> File` (a ``Builder`` collects
/// the cases) in the `EngineVectors+<Concern>.swift` it belongs to, list it in ``generators``,
/// and give `scripts/engine-vectors.js` a replay of the same name.
enum EngineVectors {
    /// Where the vectors are committed.
    static let folder = Fixtures.packageRoot.appendingPathComponent("Tests/ScopeGuideTests/Fixtures/engine-vectors")

    /// The command that rewrites the committed files.
    static let recordCommand = "SCOPEGUIDE_RECORD=1 swift test --filter EngineVectorFixtureTests"

    /// Every function's generator, by the name of its file and of its replay in
    /// `scripts/engine-vectors.js`.
    static let generators: [(function: String, make: @Sendable () throws -> File)] = [
        ("abbreviated", abbreviated),
        ("authorizeURL", authorizeURL),
        ("buildQuery", buildQuery),
        ("decodeComponent", decodeComponent),
        ("encodeQueryValue", encodeQueryValue),
        ("formEncode", formEncode),
        ("parseQuery", parseQuery),
        ("planStages", planStages),
        ("prefillLink", prefillLink),
        ("reportLines", reportLines),
        ("resolve", resolve),
        ("scopeNames", scopeNames),
        ("suggestions", suggestions),
        ("tailor", tailor),
        ("variables", variables),
    ]

    /// One vector file: a function's cases, in groups that share the page data they run on.
    struct File {
        var function: String
        /// The committed text: a line per group opening and per case, so a diff names the case.
        var text: String
        /// What each line of ``text`` holds, 0-based: `group 3 (page data)`, `group 3, case 17`.
        var lineLabels: [String]
        var caseCount: Int

        var name: String { function + ".json" }
    }

    /// Collects a function's cases: `{"input": …, "expected": …}`, JSON with sorted keys.
    struct Builder {
        let function: String
        private var groups: [(data: String?, cases: [String])] = []
        private let encoder: JSONEncoder = {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return encoder
        }()

        init(_ function: String) { self.function = function }

        private struct Case<Input: Encodable, Expected: Encodable>: Encodable {
            var input: Input
            var expected: Expected

            // Written by hand so that an absent expected value is `null`, not a missing key.
            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(expected, forKey: .expected)
                try container.encode(input, forKey: .input)
            }

            enum Key: String, CodingKey { case expected, input }
        }

        /// Starts a group of cases that run on `data` (page data JSON), or on no catalogue.
        mutating func group(data: String?) { groups.append((data, [])) }

        /// Adds a case to the current group.
        mutating func add(_ input: some Encodable, _ expected: some Encodable) throws {
            if groups.isEmpty { group(data: nil) }
            groups[groups.count - 1].cases.append(String(decoding: try encoder.encode(Case(input: input, expected: expected)), as: UTF8.self))
        }

        var file: File {
            var lines = ["{\"function\":\"\(function)\",\"groups\":["]
            var labels = ["header"]
            var count = 0
            for (index, group) in groups.enumerated() {
                lines.append("{\"data\":\(group.data ?? "null"),\"cases\":[")
                labels.append("group \(index) (page data)")
                for (number, text) in group.cases.enumerated() {
                    lines.append(text + (number == group.cases.count - 1 ? "" : ","))
                    labels.append("group \(index), case \(number) (case \(count) of the file)")
                    count += 1
                }
                lines.append(index == groups.count - 1 ? "]}" : "]},")
                labels.append("group \(index) (end)")
            }
            lines.append("]}")
            labels.append("end")
            return File(function: function, text: lines.joined(separator: "\n") + "\n", lineLabels: labels, caseCount: count)
        }
    }

    /// The committed files, by name.
    static func committedFiles() throws -> [(name: String, text: String)] {
        try generators.map { generator in
            let name = generator.function + ".json"
            return (name, try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// How many cases each committed file holds, by name.
    static func committedCaseCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for (name, text) in try committedFiles() {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            let groups = object?["groups"] as? [[String: Any]] ?? []
            counts[name] = groups.reduce(0) { $0 + (($1["cases"] as? [Any])?.count ?? 0) }
        }
        return counts
    }

    /// The page data of a guide page for `connector`'s first method, untailored (or for
    /// `request` when given): what the page script reads.
    static func pageData(_ connector: Connector, request: GuideRequest? = nil) -> String {
        let method = request?.method ?? connector.methods[0]
        let graph = ScopeGraph(connector)
        let resolver = Resolver(connector: connector)
        let full = resolver.resolve(.none, for: method)
        let request = request ?? GuideRequest(connector: connector, method: method, kind: .config, guide: Guide(sections: []), base: "https://docs.example.com")
        let resolution = resolver.resolve(request.selection, for: method, constraints: request.constraints)
        return PageData.scriptJSON(
            PageData.Shared(connector: connector, method: method, graph: graph, fullGuideScopes: full.scopes),
            url: request.url, resolution: resolution, graph: graph)
    }

    /// The names of `scopes`.
    static func names(_ scopes: [Scope]) -> [String] { scopes.map(\.rawValue) }
    /// The raw values of `ids`.
    static func names(_ ids: [ActionID]) -> [String] { ids.map(\.rawValue) }
}

// MARK: - Random catalogues

extension EngineVectors {
    /// Wildcards a catalogue may define, with concrete scopes of their shape that actions may name.
    static let wildcardFamilies: [(wildcard: Scope, concrete: [Scope])] = [
        ("ev:*:read", ["ev:inbox:read", "ev:team:read", "ev:spam:read"]),
        ("ev:*:write", ["ev:inbox:write", "ev:team:write"]),
        ("doc.*", ["doc.a", "doc.b"]),
    ]

    /// 3–10 defined scopes (30 when `large`), some wildcards and perhaps one concrete scope a
    /// wildcard matches, an acyclic `includes` graph, privilege levels 1–4 in three catalogues
    /// of four, sometimes default scopes, and 1–8 actions (40 when `large`) of 1–3 alternatives of
    /// 1–2 scopes, some naming concrete scopes only a wildcard grants; every third catalogue has
    /// an action that needs no scope, and its method changes grants as `grantChange` says
    /// (all four in turn when `nil`).
    static func randomConnector(_ generator: inout SeededGenerator, index: Int, large: Bool, grantChange: GrantChange? = nil) -> Connector {
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
            methods: [AuthMethod(
                key: "token", kind: .custom, label: "Token", defaultScopes: defaults,
                grantChange: grantChange ?? GrantChange.allCases[index % GrantChange.allCases.count])])
    }

    /// A random existing grant and refusal over `connector`'s defined scopes: about a quarter
    /// granted, a fifth of the rest refused.
    static func randomConstraints(_ generator: inout SeededGenerator, _ connector: Connector) -> (granted: [Scope], refused: [Scope]) {
        let defined = connector.scopeDefinitions.map(\.scope)
        let granted = defined.filter { _ in Int.random(in: 0..<4, using: &generator) == 0 }
        let refused = defined.filter { !granted.contains($0) && Int.random(in: 0..<5, using: &generator) == 0 }
        return (granted, refused)
    }
}
