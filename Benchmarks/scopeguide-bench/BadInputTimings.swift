import Foundation
import ScopeGuide

/// The bad-input corpus's slowest cases (Tests/ScopeGuideTests/BadInput), timed in a release
/// build: what a user's `scopeguide` takes on them, which debug-built tests do not show.
/// Each case is timed once from a fresh catalogue, so nothing is cached.
struct BadInputTimings {
    func run() {
        print("| case | result | ms |")
        print("|---|---|---|")
        let hugeStep = String(repeating: "Click **Save**, then [docs](https://example.com). ", count: 200_000)
        var huge = Self.largeConnector(actions: 1)
        huge.methods[0].guides[.config]!.sections[0].steps[0].content = hugeStep
        time("10 MB of Markdown in a step → Markdown") { "\(try render(huge, ["act_0"], .markdown).utf8.count) bytes" }
        time("10 MB of Markdown in a step → HTML fragment") { "\(try render(huge, ["act_0"], .fragment).utf8.count) bytes" }
        time("10 MB of Markdown in a step → page") { "\(try render(huge, ["act_0"], .html).utf8.count) bytes" }

        let large = Self.largeConnector(actions: 100_000)
        time("100,000 actions: build the resolver") { "\(Resolver(connector: large).connector.actions.count) actions" }
        let resolver = Resolver(connector: large)
        let method = large.methods[0]
        time("100,000 actions: resolve nothing selected") { "\(resolver.resolve(.none, for: method).scopes.count) scopes" }
        time("100,000 actions: resolve all selected") {
            let all = try Selection(large.actions.map(\.id), in: large)
            let resolution = resolver.resolve(all, for: method)
            return "\(resolution.scopes.count) scopes, optimal \(resolution.isOptimal)"
        }
        time("100,000 actions: page with 5 selected") { "\(try render(large, (0..<5).map { ActionID("act_\($0)") }, .html).utf8.count) bytes" }

        time("URL selecting 10,000 of the 100,000 actions: parse") {
            let catalog = Catalog(connectors: [large])
            let query = (0..<10_000).map { "act_\($0 * 10)" }.joined(separator: ",")
            let request = try GuideRequest(parsing: "/connectors/large/guides/link-account/token?actions=" + query, in: catalog)
            return "\(request.selection.actions.count) actions"
        }
    }

    private func render(_ connector: Connector, _ ids: [ActionID], _ format: RenderFormat) throws -> String {
        let catalog = Catalog(connectors: [connector])
        var request = try catalog.guide(connector: connector.key)
        try request.select(ids)
        return GuideRenderer(catalog: catalog).render(request, as: format)
    }

    private func time(_ name: String, _ body: () throws -> String) {
        let start = ContinuousClock.now
        let result: String
        do { result = try body() } catch { result = "error: \(error)" }
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
        print("| \(name) | \(result) | \(String(format: "%.0f", ms)) |")
    }

    /// The test corpus's connector built in code: `count` actions over 100 scopes, one in three any-of.
    static func largeConnector(actions count: Int) -> Connector {
        let scopes = (0..<100).map { ScopeDefinition(scope: Scope("s\($0)"), includes: $0 >= 50 ? [Scope("s\($0 - 50)")] : []) }
        let actions = (0..<count).map { index in
            let scope = Scope("s\(index % 100)"), other = Scope("s\((index * 7) % 100)")
            return Action(id: ActionID("act_\(index)"), label: "Action \(index)",
                          requirement: Requirement(alternatives: index % 3 == 0 ? [[scope], [other]] : [[scope]]))
        }
        let guide = Guide(sections: [Section(title: "Go", steps: [Step(title: "Tick", scopes: scopes.map(\.scope))])])
        return Connector(key: "large", name: "Large", scopeDefinitions: scopes, actions: actions,
                         methods: [AuthMethod(key: "token", kind: .custom, label: "Token", guides: [.config: guide])])
    }
}
