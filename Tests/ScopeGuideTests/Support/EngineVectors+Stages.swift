@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Vectors of consent in stages (issue 24): queries with `stages=` as the page reads them, and
/// the engine's answer: its error, or the canonical query and the stage plan (``ConsentStages``)
/// with each stage's prefill link.
extension EngineVectors {
    struct StagesInput: Encodable {
        var query: String
    }

    struct StagesExpected: Encodable {
        struct Stage: Encodable {
            var actions: [String]
            var request: [String]
            var add: [String]
            var grantBefore: [String]
            var grantAfter: [String]
            var reconsent: Bool
            /// The method's prefill link for the stage's request, when the method has one.
            var prefill: [String: String?]?
        }

        struct Plan: Encodable {
            var change: String
            var stages: [Stage]
            var finalGrant: [String]
            var allAtOnce: [String]
            var unavailable: [String]
        }

        /// The engine's error description; absent when it accepts the query.
        var error: String?
        /// The canonical query, when accepted.
        var canonical: String?
        /// The plan, when the accepted query has two stages or more.
        var plan: Plan?
    }

    /// Random stage splits of random catalogues under each grant change and each prefill kind,
    /// and of the committed connectors, with grants, refusals and `actions=` beside `stages=`;
    /// and the refusals: an empty stage, an action in two stages, an unknown id, `actions=`
    /// naming others, a malformed escape, encoded separators inside an id.
    static func planStages() throws -> File {
        var builder = Builder("planStages")
        var generator = SeededGenerator(seed: 0x57_A6E5)
        var connectors: [Connector] = (0..<60).map { index in
            var connector = randomConnector(&generator, index: index, large: false, grantChange: GrantChange.allCases[index % GrantChange.allCases.count])
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
        for connector in connectors {
            let method = connector.methods[0]
            let resolver = Resolver(connector: connector)
            let fresh = GuideRequest(connector: connector, method: method, kind: .config, guide: Guide(sections: []), base: "https://docs.example.com")
            builder.group(data: pageData(connector))
            let ids = connector.actions.map(\.id.rawValue)
            let defined = connector.scopeDefinitions.map(\.scope.rawValue)
            var queries: [String] = []
            for number in 0..<8 where ids.count >= 2 {
                let picked = Array(ids.shuffled(using: &generator).prefix(Int.random(in: 2...min(8, ids.count), using: &generator)))
                var stages: [[String]] = []
                var rest = picked[...]
                while !rest.isEmpty {
                    let size = Int.random(in: 1...max(1, rest.count / 2 + 1), using: &generator)
                    stages.append(Array(rest.prefix(size)))
                    rest = rest.dropFirst(size)
                }
                var query = "stages=" + stages.map { $0.map(FormEncoding.encodeQueryValue).joined(separator: ",") }.joined(separator: ";")
                let granted = defined.filter { _ in Int.random(in: 0..<5, using: &generator) == 0 }
                let refused = defined.filter { !granted.contains($0) && Int.random(in: 0..<7, using: &generator) == 0 }
                if !granted.isEmpty, number % 2 == 0 { query += "&granted=" + granted.map(FormEncoding.encodeQueryValue).joined(separator: ",") }
                if !refused.isEmpty, number % 3 == 0 { query += "&without=" + refused.map(FormEncoding.encodeQueryValue).joined(separator: ",") }
                if number == 5 { query = "actions=" + picked.reversed().map(FormEncoding.encodeQueryValue).joined(separator: ",") + "&" + query }
                queries.append(query)
            }
            if ids.count >= 2 {
                let (a, b) = (FormEncoding.encodeQueryValue(ids[0]), FormEncoding.encodeQueryValue(ids[1]))
                queries += [
                    "stages=\(a);;\(b)", "stages=\(a);\(b),\(a)", "stages=\(a);\(b)x", "actions=\(a)&stages=\(a);\(b)", "stages=\(a);%ZZ",
                    "stages=\(a)&stages=\(b)", "stages=\(b),+\(a)", "stages=;\(a)", "stages=\(a)%3B\(b)",
                ]
            }
            for query in queries {
                var request = fresh
                var expected = StagesExpected()
                do {
                    try request.applyQuery(Substring(query))
                    expected.canonical = request.url.query
                    if !request.stages.isEmpty {
                        let plan = resolver.plan(stages: request.stages, for: method, constraints: request.constraints)
                        expected.plan = StagesExpected.Plan(
                            change: plan.change.rawValue,
                            stages: plan.stages.map { stage in
                                StagesExpected.Stage(
                                    actions: names(stage.actions), request: names(stage.request), add: names(stage.add),
                                    grantBefore: names(stage.grantBefore), grantAfter: names(stage.grantAfter), reconsent: stage.needsConsent,
                                    prefill: PrefillLink.make(for: method, of: connector, scopes: stage.request, actions: stage.actions).map {
                                        ["kind": $0.kind.rawValue, "url": $0.url]
                                    })
                            },
                            finalGrant: names(plan.finalGrant), allAtOnce: names(plan.allAtOnce), unavailable: names(plan.unavailable))
                    }
                } catch {
                    expected.error = error.description
                }
                try builder.add(StagesInput(query: query), expected)
            }
        }
        return builder.file
    }
}
