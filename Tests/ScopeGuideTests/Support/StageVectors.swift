import Foundation
@testable import ScopeGuide

/// Queries with `stages=` and the engine's answers to them, for the page script to replay
/// (`scripts/engine-vectors.js`, `replayStageVectors`): the canonical query and the stage plan
/// of every accepted query, the error of every refused one. Over random catalogues under each
/// grant change and the committed connectors, with grants and refusals.
enum StageVectors {
    struct Case: Encodable {
        struct Stage: Encodable {
            var actions: [String]
            var request: [String]
            var add: [String]
            var grantBefore: [String]
            var grantAfter: [String]
            var reconsent: Bool
            /// The method's prefill link for the stage's request (`{kind, url}`), when it has one.
            var prefill: [String: String?]?
        }

        struct Plan: Encodable {
            var change: String
            var stages: [Stage]
            var finalGrant: [String]
            var allAtOnce: [String]
            var unavailable: [String]
        }

        var query: String
        /// The engine's error description; absent when it accepts the query.
        var error: String?
        /// The canonical query, when accepted.
        var canonical: String?
        /// The plan, when the accepted query has two stages or more.
        var plan: Plan?
    }

    struct Corpus {
        /// `{"catalogues":[{"data":<page data>,"cases":[…]}…]}`.
        var json: String
        var caseCount: Int
        var planCount: Int
        var errorCount: Int
        /// Plans by grant change (`new-credential`…).
        var plansByChange: [String: Int]
        /// Stages with a prefill link (or a refusal to make one), by kind.
        var prefillsByKind: [String: Int]
    }

    static func corpus(seed: UInt64 = 0x57_A6E5) throws -> Corpus {
        var generator = SeededGenerator(seed: seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var connectors: [Connector] = (0..<60).map { index in
            var connector = EngineVectors.randomConnector(&generator, index: index, large: false)
            connector.methods[0].declaredGrantChange = GrantChange.allCases[index % GrantChange.allCases.count]
            // Every prefill kind, with their options, on some of the random catalogues.
            let defined = connector.scopeDefinitions.map(\.scope)
            switch index % 6 {
            case 1: connector.methods[0].prefill = Prefill(kind: .githubClassicPAT)
            case 2: connector.methods[0].prefill = Prefill(kind: .slackManifest, userScopes: defined.filter { _ in Bool.random(using: &generator) })
            case 3: connector.methods[0].prefill = Prefill(kind: .template, template: "https://app.example.com/new?a=1&s={scopes}#x", separator: .space)
            case 4: connector.methods[0].prefill = Prefill(kind: .template, template: "https://app.example.com/{scopes}/new", separator: .pipe, encoding: .form)
            case 5: connector.methods[0].prefill = Prefill(kind: .githubFineGrainedPAT)
            default: break
            }
            return connector
        }
        connectors += ["front", "capsule", "gmail", "google-drive", "github"].compactMap { Fixtures.catalog.connector($0) }
        var parts: [String] = []
        var caseCount = 0, planCount = 0, errorCount = 0
        var byChange: [String: Int] = [:], prefillsByKind: [String: Int] = [:]
        let names = { (scopes: [Scope]) in scopes.map(\.rawValue) }
        for connector in connectors {
            let method = connector.methods[0]
            let graph = ScopeGraph(connector)
            let resolver = Resolver(connector: connector)
            let fresh = GuideRequest(connector: connector, method: method, kind: .config, guide: Guide(sections: []), base: "https://docs.example.com")
            let ids = connector.actions.map(\.id.rawValue)
            let defined = connector.scopeDefinitions.map(\.scope.rawValue)
            var queries: [String] = []
            for number in 0..<8 {
                let picked = Array(ids.shuffled(using: &generator).prefix(Int.random(in: 2...min(8, max(2, ids.count)), using: &generator)))
                var stages: [[String]] = []
                var rest = picked[...]
                while !rest.isEmpty {
                    let size = Int.random(in: 1...max(1, rest.count / 2 + 1), using: &generator)
                    stages.append(Array(rest.prefix(size)))
                    rest = rest.dropFirst(size)
                }
                var query = "stages=" + stages.map { $0.joined(separator: ",") }.joined(separator: ";")
                let granted = defined.filter { _ in Int.random(in: 0..<5, using: &generator) == 0 }
                let refused = defined.filter { !granted.contains($0) && Int.random(in: 0..<7, using: &generator) == 0 }
                if !granted.isEmpty, number % 2 == 0 { query += "&granted=" + granted.joined(separator: ",") }
                if !refused.isEmpty, number % 3 == 0 { query += "&without=" + refused.joined(separator: ",") }
                if number == 5 { query = "actions=" + picked.reversed().joined(separator: ",") + "&" + query }
                queries.append(query)
            }
            // Refusals: an empty stage, an action in two stages, an unknown id, actions= naming
            // others, a malformed escape, a repeated stages= that splits a stage list.
            if ids.count >= 2 {
                queries += [
                    "stages=\(ids[0]);;\(ids[1])", "stages=\(ids[0]);\(ids[1]),\(ids[0])", "stages=\(ids[0]);\(ids[1])x",
                    "actions=\(ids[0])&stages=\(ids[0]);\(ids[1])", "stages=\(ids[0]);%ZZ", "stages=\(ids[0])&stages=\(ids[1])",
                    "stages=\(ids[1]),+\(ids[0])", "stages=;\(ids[0])", "stages=\(ids[0])%3B\(ids[1])",
                ]
            }
            var cases: [String] = []
            for query in queries {
                var request = fresh
                var testCase = Case(query: query)
                do {
                    try request.applyQuery(Substring(query))
                    testCase.canonical = request.url.query
                    if !request.stages.isEmpty {
                        let plan = resolver.plan(stages: request.stages, for: method, constraints: request.constraints)
                        testCase.plan = Case.Plan(
                            change: plan.change.rawValue,
                            stages: plan.stages.map { stage in
                                Case.Stage(
                                    actions: stage.actions.map(\.rawValue), request: names(stage.request), add: names(stage.add),
                                    grantBefore: names(stage.grantBefore), grantAfter: names(stage.grantAfter), reconsent: stage.needsConsent,
                                    prefill: PrefillLink.make(for: method, of: connector, scopes: stage.request, actions: stage.actions).map {
                                        ["kind": $0.kind.rawValue, "url": $0.url]
                                    })
                            },
                            finalGrant: names(plan.finalGrant), allAtOnce: names(plan.allAtOnce), unavailable: plan.unavailable.map(\.rawValue))
                        planCount += 1
                        for stage in plan.stages {
                            if let link = PrefillLink.make(for: method, of: connector, scopes: stage.request, actions: stage.actions) {
                                prefillsByKind[link.kind.rawValue, default: 0] += 1
                            }
                        }
                        byChange[plan.change.rawValue, default: 0] += 1
                    }
                } catch {
                    testCase.error = error.description
                    errorCount += 1
                }
                cases.append(String(decoding: try encoder.encode(testCase), as: UTF8.self))
                caseCount += 1
            }
            let full = resolver.resolve(.none, for: method)
            let data = PageData.scriptJSON(
                PageData.Shared(connector: connector, method: method, graph: graph, fullGuideScopes: full.scopes),
                url: fresh.url, resolution: full, graph: graph)
            parts.append("{\"cases\":[" + cases.joined(separator: ",") + "],\"data\":" + data + "}")
        }
        return Corpus(
            json: "{\"catalogues\":[" + parts.joined(separator: ",\n") + "]}\n", caseCount: caseCount, planCount: planCount,
            errorCount: errorCount, plansByChange: byChange, prefillsByKind: prefillsByKind)
    }

    static func write(_ corpus: Corpus) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scopeguide-stage-vectors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("stage-vectors.json")
        try corpus.json.write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}
