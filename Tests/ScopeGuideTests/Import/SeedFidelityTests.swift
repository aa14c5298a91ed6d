import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Import → render → compare: what a StackOne Hub page shows must survive the round trip, and
/// the committed guides must show what the seeds they were transcribed from show.
///
/// The committed guides are checked against ``SeedFacts`` (recorded in the repository), so these
/// run in any clone; the tests that read `../shared/seeds` itself are extras, skipped with a
/// reason where the folder is absent.
@Suite struct SeedFidelityTests {
    /// Renders `connector`'s link-account page with nothing selected.
    static func renderedStructure(_ connector: Connector, catalog: Catalog? = nil) throws -> GuideStructure {
        let catalog = catalog ?? Catalog(connectors: [connector])
        let url = try catalog.guide(connector: connector.key)
        return GuideStructure(renderedPage: GuideRenderer(catalog: catalog).render(url, as: .html))
    }

    static func imported(_ seed: String, key: String? = nil) throws -> (page: String, result: StackOnePageImporter.Result) {
        let page = try SeedPages.page(seed)
        return (page.text, try StackOnePageImporter(key: key).importPage(page.text, file: page.name))
    }

    // MARK: Against the recorded facts (every clone)

    @Test("the recorded facts hold the seeds' structure (so an empty comparison cannot pass)", arguments: [
        ("000", 1, 1, ["Scopes (Optional)"], 0),
        ("002", 1, 4, ["API Token"], 52),
        ("003", 2, 4, ["Subdomain", "Client ID", "Client Secret"], 0),
    ])
    func recordedFactsAreNotEmpty(seed: String, sections: Int, steps: Int, fields: [String], actions: Int) throws {
        let facts = try SeedFacts.recorded(seed)
        #expect(facts.structure.sections.count == sections)
        #expect(facts.structure.sections.map(\.steps.count).reduce(0, +) == steps)
        #expect(facts.structure.hubFields == fields)
        #expect(facts.structure.hubTitle == "Linking the Account from the Hub")
        #expect(facts.structure.hubSteps == ["Navigate to the Hub", "Fill out the fields", "Connect"])
        #expect(facts.actions.count == actions)
        #expect(facts.title.hasPrefix("Connect "))
    }

    @Test("Guides/front renders to the structure of seed 002 and has its catalogue")
    func committedFront() throws {
        let facts = try SeedFacts.recorded("002")
        #expect(try Self.renderedStructure(Fixtures.front, catalog: Fixtures.catalog) == facts.structure)
        let actions = Fixtures.front.actions.map { action in
            SeedFacts.Action(id: action.id.rawValue, label: action.label, scopes: action.requirement.alternatives.first?.map(\.rawValue) ?? [])
        }
        #expect(actions == facts.actions)
        #expect(Fixtures.front.actions.allSatisfy { $0.requirement.alternatives.count == 1 })
        // The provider link of the first step is the page's.
        #expect(facts.links.contains("https://app.frontapp.com"))
        #expect(Fixtures.front.methods[0].guides[.config]?.sections[0].steps[0].content?.contains("(https://app.frontapp.com)") == true)
    }

    @Test("Guides/capsule's link-account guide renders to the structure of seed 000")
    func committedCapsule() throws {
        let capsule = try #require(Fixtures.catalog.connector("capsule"))
        #expect(try Self.renderedStructure(capsule, catalog: Fixtures.catalog) == SeedFacts.recorded("000").structure)
    }

    /// Allowed difference, on purpose: the seed lists Traffit's six scopes as static text in
    /// "Configure the client and select scopes". Guides/traffit declares them as the step's
    /// `scopes` (display scopes and "Enables actions" badge), so a tailored guide shows only the
    /// scopes the selected actions need. Rendered with nothing selected, that step therefore
    /// carries the six scopes in `data-guide-scopes` and its display list, and a badge naming
    /// every action (each needs one of the six). Everything else must equal the seed.
    @Test("Guides/traffit renders to the structure of seed 003, scope step tailored")
    func committedTraffit() throws {
        let traffit = try #require(Fixtures.catalog.connector("traffit"))
        let sixScopes = ["employee", "recruitment", "webhook", "client", "user", "crm"]
        var expected = try SeedFacts.recorded("003").structure
        expected.updateStep("Configure the client and select scopes") { step in
            step.scopes = sixScopes
            step.displayScopes = sixScopes
            step.badge = traffit.actions.map(\.label).sorted(by: TailoredGuide.codePointOrder).joined(separator: ", ")
        }
        #expect(try Self.renderedStructure(traffit, catalog: Fixtures.catalog) == expected)
        #expect(traffit.scopeDefinitions.map(\.scope.rawValue) == sixScopes)
    }

    // MARK: Against the seeds themselves (only where ../shared/seeds is present)

    /// Re-reads the seeds and compares them with the recorded facts; `SCOPEGUIDE_RECORD=1`
    /// rewrites the facts (and fails, so a recording run never passes).
    @Test("the recorded facts are what the seeds show", .enabled(if: SeedPages.available, SeedPages.absentReason),
          arguments: ["000", "002", "003"])
    func recordedFactsMatchTheSeeds(seed: String) throws {
        let facts = try SeedFacts(page: SeedPages.page(seed).text)
        let url = SeedFacts.directory.appendingPathComponent("\(seed).json")
        if ProcessInfo.processInfo.environment["SCOPEGUIDE_RECORD"] == "1" {
            try facts.encoded().write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(url.lastPathComponent); unset SCOPEGUIDE_RECORD and run again")
            return
        }
        #expect(try SeedFacts.recorded(seed) == facts)
    }

    /// Seeds 000, 002 and 003 imported and rendered give the structure they show.
    @Test("import → render keeps the seed's structure", .enabled(if: SeedPages.available, SeedPages.absentReason),
          arguments: ["000", "002", "003"])
    func importedSeedRendersLikeTheSeed(seed: String) throws {
        let (page, result) = try Self.imported(seed)
        let rendered = try Self.renderedStructure(result.connector)
        let expected = GuideStructure(seedPage: page)
        #expect(rendered == expected, "rendered:\n\(rendered)\n\nseed:\n\(expected)")
    }

    @Test("importing seed 002 gives a guide that renders like Guides/front", .enabled(if: SeedPages.available, SeedPages.absentReason))
    func importedFrontMatchesCommittedFront() throws {
        let (_, result) = try Self.imported("002", key: "front-imported")
        #expect(try Self.renderedStructure(result.connector) == Self.renderedStructure(Fixtures.front, catalog: Fixtures.catalog))
        #expect(result.connector.actions == Fixtures.front.actions)
        // First-seen order from the step's scope list is the order Guides/front defines them in.
        #expect(result.connector.scopeDefinitions.map(\.scope) == Fixtures.front.scopeDefinitions.map(\.scope))
    }
}
