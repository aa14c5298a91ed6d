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
                var enabled: [String]
                var reconsent: Bool
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
                    grant: resolution.grant.map { .init(add: $0.add.map(\.rawValue), enabled: $0.enabled.map(\.rawValue), reconsent: $0.reconsent, unneeded: $0.unneeded.map(\.rawValue)) },
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
        let actions = (0..<(large ? 40 : Int.random(in: 1...8, using: &generator))).map { number in
            let alternatives = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                Array(Set((0..<Int.random(in: 1...2, using: &generator)).map { _ in nameable.randomElement(using: &generator)! })).sorted()
            }
            return Action(id: ActionID("c\(index)_a\(number)"), label: "Action \(number) \(index % 3 == 0 ? "é<&>" : "")", requirement: Requirement(alternatives: alternatives))
        }
        let defaults: [Scope]? = Int.random(in: 0..<5, using: &generator) == 0 ? defined.filter { _ in Bool.random(using: &generator) } : nil
        return Connector(
            key: "vector\(index)", name: "Vector \(index)", scopeDefinitions: definitions, actions: actions,
            methods: [AuthMethod(key: "token", kind: .custom, label: "Token", defaultScopes: defaults)])
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
