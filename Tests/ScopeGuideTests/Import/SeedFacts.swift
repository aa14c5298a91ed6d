import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// What one StackOne Hub seed page establishes, recorded in `Fixtures/SeedFacts/<seed>.json` so
/// the suite checks the committed guides against it in any clone: the title, the action
/// catalogue, every link, and the rendered structure (sections, steps, scopes, badges, hub
/// fields).
///
/// The facts are read from the pages by the same independent extractors the seed tests use
/// (``GuideStructure``, regular expressions). Where the seeds are present,
/// `SeedFidelityTests.recordedFactsMatchTheSeeds` re-reads them and fails on any difference; with
/// `SCOPEGUIDE_RECORD=1` it rewrites the files instead (and fails, so review the diff).
struct SeedFacts: Codable, Equatable {
    struct Action: Codable, Equatable {
        var id: String
        var label: String
        var scopes: [String]
    }

    var title: String
    var actions: [Action]
    /// Every `href` on the page, in order.
    var links: [String]
    var structure: GuideStructure

    static let directory = Fixtures.packageRoot.appendingPathComponent("Tests/ScopeGuideTests/Fixtures/SeedFacts")

    /// Reads the facts from a seed page's markup.
    init(page: String) throws {
        title = Markup.first(#"(?m)^# (.*)$"#, in: page)?[1] ?? ""
        let json = Markup.first(#"data-guide-actions-json="([^"]*)""#, in: page)?[1]
        actions = try json.map { try JSONDecoder().decode([Action].self, from: Data(Self.decodeEntities($0).utf8)) } ?? []
        links = Markup.all(#"href="([^"]*)""#, in: page).map { $0[1] }
        structure = GuideStructure(seedPage: page)
    }

    /// The recorded facts of seed `number`.
    static func recorded(_ number: String) throws -> SeedFacts {
        try JSONDecoder().decode(SeedFacts.self, from: Data(contentsOf: directory.appendingPathComponent("\(number).json")))
    }

    /// The facts as committed: pretty-printed, keys sorted, one trailing newline.
    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    private static func decodeEntities(_ text: String) -> String {
        text.replacingOccurrences(of: "&#x22;", with: "\"").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
