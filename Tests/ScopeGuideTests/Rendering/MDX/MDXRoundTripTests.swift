import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// The Hub's MDX both ways: a page imported then exported is the page (the seeds, byte for byte
/// from their first element to the end, where `../shared/seeds` is beside the clone; the
/// committed fixture pages always), and a guide exported then imported is the guide.
@Suite struct MDXRoundTripTests {
    /// `page` imported (its connector's own key), then rendered as MDX untailored.
    static func reexported(_ page: String, file: String) throws -> String {
        let imported = try StackOnePageImporter().importPage(page, file: file)
        let catalog = Catalog(connectors: [imported.connector])
        let method = try #require(imported.connector.methods.first)
        let kind = try #require(method.guides.keys.first)
        let request = try catalog.guide(connector: imported.connector.key, slug: method.slug, kind: kind)
        return GuideRenderer(catalog: catalog).render(request, as: .mdx)
    }

    /// The page from its first element (a line starting with `<`) to the end.
    static func body(ofPage page: String) -> Substring {
        guard let start = page.range(of: "\n<") else { return page[...] }
        return page[page.index(after: start.lowerBound)...]
    }

    /// The MDX after its front matter and the blank line that follows it.
    static func body(ofExport mdx: String) throws -> Substring {
        #expect(mdx.hasPrefix("---\ntitle: "))
        let end = try #require(mdx.range(of: "\n---\n\n"))
        return mdx[end.upperBound...]
    }

    @Test("import then export gives back seeds 000, 002 and 003 byte for byte from their first element", .enabled(if: SeedPages.available, SeedPages.absentReason), arguments: ["000", "002", "003"])
    func seeds(seed: String) throws {
        let page = try SeedPages.page(seed)
        let exported = try Self.reexported(page.text, file: page.name)
        let expected = Self.body(ofPage: page.text), actual = try Self.body(ofExport: exported)
        #expect(actual.utf8.count > 1_000)
        #expect(actual == expected, "first difference at byte \(zip(actual.utf8, expected.utf8).prefix { $0 == $1 }.count)")
    }

    /// Pages in the Hub's format committed with the tests (`Fixtures/MDX`, the committed guides
    /// of Front, Gmail's connector profile and Traffit as `render --format mdx` wrote them: a
    /// catalogue panel, scoped steps with badges and copy buttons, `anyOf` actions, a connector
    /// profile's hub part, the callback URL and a variable), read without `../shared`.
    static let fixtures = ["front.link-account.api-token", "gmail.connector-profile.oauth-2-0", "traffit.link-account.oauth-2-0-client-credentials"]

    @Test("import then export gives back each committed MDX fixture byte for byte, front matter included", arguments: fixtures)
    func fixturePages(name: String) throws {
        let file = Fixtures.packageRoot.appendingPathComponent("Tests/ScopeGuideTests/Fixtures/MDX/\(name).mdx")
        let page = try String(contentsOf: file, encoding: .utf8)
        let exported = try Self.reexported(page, file: name + ".mdx")
        #expect(exported == page, "first difference at byte \(zip(exported.utf8, page.utf8).prefix { $0 == $1 }.count)")
        #expect(page.utf8.count > 10_000)
    }

    @Test("export then import gives back every guide in Guides/: its sections, steps, texts, scopes, warning, fields and catalogue")
    func guides() throws {
        let renderer = GuideRenderer(catalog: Fixtures.catalog)
        var count = 0
        for request in Fixtures.catalog.allGuides {
            let mdx = renderer.render(request, as: .mdx)
            // The page names its connector, not the connector's key (`import --key`).
            let imported = try StackOnePageImporter(key: request.connector.key).importPage(mdx, file: "\(request.url.path).mdx")
            #expect(imported.warnings.isEmpty, "\(request.url.path): \(imported.warnings)")
            let connector = imported.connector, method = try #require(connector.methods.first)
            #expect(connector.name == request.connector.name)
            #expect(method.label == request.method.label && method.slug == request.method.slug)
            #expect(method.guides[request.kind] == request.guide, "\(request.url.path)")
            if method.guides[request.kind] != request.guide, let guide = method.guides[request.kind] {
                for (index, section) in guide.sections.enumerated() where index < request.guide.sections.count && section != request.guide.sections[index] {
                    Issue.record("\(request.url.path) section \(index): \(section) ≠ \(request.guide.sections[index])")
                }
            }
            let fields = request.kind == .config ? request.method.configFields : request.method.setupFields
            let importedFields = request.kind == .config ? method.configFields : method.setupFields
            #expect(importedFields.map(\.label) == fields.map(\.label) && importedFields.map(\.isRequired) == fields.map(\.isRequired))
            #expect(connector.actions == request.connector.actions, "\(request.url.path)")
            let used = Set(request.connector.variables.map(\.name))
            #expect(Set(connector.variables.map(\.name)).isSubset(of: used))
            count += 1
        }
        #expect(count == Fixtures.catalog.allGuides.count && count >= 9)
    }
}
