import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// A catalogue in several files: `*.actions.yaml` beside the connector file.
@Suite struct SplitCatalogueTests {
    static func guides(_ files: [String: String]) throws -> URL {
        try LargeCatalogue.write(files, key: "demo")
    }

    static let main = """
        key: demo
        name: Demo
        scopeDefinitions:
          a: {}
          b: {}
        actions:
          - {id: demo_first, label: First, requiredScopes: a}
        authentication:
          - token:
              type: custom
              label: Token
              support: {guides: {config: {sections: [{title: S, steps: [{title: T, scopes: [a, b]}]}]}}}
        """

    @Test("actions files follow the connector file's actions, in code-point order of their names")
    func mergeOrder() throws {
        let folder = try Self.guides([
            "demo.connector.yaml": Self.main,
            "b.actions.yaml": "actions:\n  - {id: demo_b, label: B, requiredScopes: b}\n",
            "Z.actions.yaml": "actions:\n  - {id: demo_z, label: Z, requiredScopes: a}\n",
            "notes.yaml": "not: read",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let connector = try #require(try CatalogLoader().load(directory: folder).catalog.connector("demo"))
        #expect(connector.actions.map(\.id.rawValue) == ["demo_first", "demo_z", "demo_b"])
    }

    @Test("problems in an actions file name that file, line and column; an id repeated across files is reported where it repeats")
    func errorsNameTheirFile() throws {
        let folder = try Self.guides([
            "demo.connector.yaml": Self.main,
            "more.actions.yaml": "actions:\n  - {id: demo_first, label: Again, requiredScopes: a}\n  - {id: demo_c, label: C, requiredScopes: nope}\nextra: 1\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try CatalogLoader().load(directory: folder)
            Issue.record("loaded a catalogue with errors")
        } catch {
            let lines = error.loadErrors.map(\.description)
            #expect(lines.contains { $0.contains("/demo/more.actions.yaml:2:10: actions[0].id:") && $0.contains("duplicate action id \"demo_first\"") }, "\(lines)")
            #expect(lines.contains { $0.contains("/demo/more.actions.yaml:3:44: actions[1].requiredScopes:") && $0.contains("nope") }, "\(lines)")
        }
    }

    @Test("an 11,000-action catalogue in one ~3 MB block-style file loads and resolves; split over 5 files it gives the same bytes")
    func largeCatalogue() throws {
        let single = LargeCatalogue.files(parts: 1)
        let text = try #require(single["graph.connector.yaml"])
        #expect(text.utf8.count > 2 << 20, "the file is past the old 2 MiB cap")
        let one = try LargeCatalogue.write(single), five = try LargeCatalogue.write(LargeCatalogue.files(parts: 5))
        defer { try? FileManager.default.removeItem(at: one); try? FileManager.default.removeItem(at: five) }
        let a = try CatalogLoader().load(directory: one).catalog, b = try CatalogLoader().load(directory: five).catalog
        let connector = try #require(a.connector("graph"))
        #expect(connector.actions.count == LargeCatalogue.actionCount)
        #expect(connector.scopeDefinitions.count == LargeCatalogue.scopeCount)
        #expect(b.connector("graph") == connector)
        var url = try a.guide(connector: "graph")
        try url.select(connector.actions.prefix(40).map(\.id))
        let first = GuideRenderer(catalog: a).render(url, as: .json), second = GuideRenderer(catalog: b).render(url, as: .json)
        #expect(first == second)
        let report = try JSONDecoder().decode(ResolutionReport.self, from: Data(first.utf8))
        #expect(!report.scopes.isEmpty && report.selection.count == 40)
    }
}
