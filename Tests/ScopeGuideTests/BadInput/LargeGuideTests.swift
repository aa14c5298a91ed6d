import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Guides large or deep enough to find quadratic work and deep recursion: `check`'s lint over
/// thousands of actions, and long `includes` chains.
@Suite struct LargeGuideTests {
    /// `count` actions, each needing its own scope (one in three any-of with the next scope), and
    /// one step displaying every scope.
    static func connector(actions count: Int) -> Connector {
        let scopes = (0..<count).map { ScopeDefinition(scope: Scope("s\($0)")) }
        let actions = (0..<count).map { index in
            Action(id: ActionID("act_\(index)"), label: "Action \(index)",
                   requirement: Requirement(alternatives: index % 3 == 0 ? [[Scope("s\(index)")], [Scope("s\((index + 1) % count)")]] : [[Scope("s\(index)")]]))
        }
        let guide = Guide(sections: [Section(title: "Go", steps: [Step(title: "Tick", scopes: scopes.map(\.scope))])])
        return Connector(key: "large", name: "Large", scopeDefinitions: scopes, actions: actions,
                         methods: [AuthMethod(key: "token", kind: .custom, label: "Token", guides: [.config: guide])])
    }

    @Test("lint is near-linear: 4,000 actions in under 2 s, 20,000 in seconds (debug build)", arguments: [4_000, 20_000])
    func lintScales(actions count: Int) {
        // Before: `check` took 13.9 s on 4,000 actions and over 120 s on 20,000 (debug build).
        let connector = Self.connector(actions: count)
        let clock = ContinuousClock()
        let start = clock.now
        let findings = Lint.findings(for: connector)
        let elapsed = clock.now - start
        #expect(findings == [])
        // Generous for a debug build on a machine shared with other builds (20,000 took 5.3 s
        // beside a full test run); what is left is the graph's dense bitsets, n²/64 words.
        #expect(elapsed < (count == 4_000 ? .seconds(2) : .seconds(20)), "\(elapsed)")
    }

    @Test("lint still finds what it found: an undisplayed scope and an unrequired one")
    func lintFindings() {
        var connector = Self.connector(actions: 30)
        connector.scopeDefinitions.append(ScopeDefinition(scope: "extra"))
        let shown = connector.scopeDefinitions.map(\.scope).filter { $0 != "s7" }
        connector.methods[0].guides[.config]!.sections[0].steps[0] = Step(title: "Tick", scopes: shown)
        #expect(Lint.findings(for: connector).map(\.kind) == [
            .scopeNeverDisplayed("s7", actions: ["act_6", "act_7"]), .scopeNeverRequired("extra", step: "Tick"),
        ])
    }

    /// A guide file whose scopes form one `includes` chain of `length`: `s0` includes `s1`, …
    static func includesChain(length: Int) -> String {
        let scopes = (0..<length).map { $0 + 1 < length ? "  s\($0): {includes: s\($0 + 1)}" : "  s\($0): {}" }
        return BadInputTests.yaml(scopes: "\n" + scopes.joined(separator: "\n"), actions: "  - {id: demo_a, label: A, requiredScopes: s0}", stepScopes: "s0")
    }

    @Test("a 5,000-scope includes chain loads, resolves and lints without deep recursion; a cycle closing it is reported")
    func longIncludesChain() throws {
        // Before: the recursive cycle check overflowed the stack (SIGSEGV) past about 3,000.
        let text = Self.includesChain(length: 5_000)
        #expect(text.utf8.count > 100_000)
        let connector = try BadInputTests.load(text)
        #expect(Resolver(connector: connector).resolve(try Selection(["demo_a"], in: connector), for: connector.methods[0]).scopes == ["s0"])
        #expect(Lint.findings(for: connector) == [])
        let cycle = text.replacingOccurrences(of: "  s4999: {}", with: "  s4999: {includes: s0}")
        let errors = BadInputTests.loadErrors(Data(cycle.utf8))
        #expect(errors.count == 1)
        if case .includesCycle(let names) = errors.first?.reason { #expect(names.count == 5_001) } else { Issue.record("\(errors)") }
    }
}
