import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// The DocC article "The guide format" against the loader: every key the loader accepts
/// (``GuideKeys``, the lists its strict key check uses) is named in the article as `` `key` ``,
/// and every key the article's tables name is one the loader accepts.
@Suite struct GuideFormatArticleTests {
    static let articleURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/ScopeGuide/ScopeGuide.docc/GuideFormat.md")

    static func article() throws -> String { try String(contentsOf: articleURL, encoding: .utf8) }

    /// The first cell of each table row that is a code span: the keys the article's tables define.
    static func tableKeys(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("| `") else { return nil }
            let cell = line.dropFirst(3)
            guard let end = cell.firstIndex(of: "`") else { return nil }
            return String(cell[..<end])
        }
    }

    @Test("every key the loader accepts is named in the guide-format article", arguments: GuideKeys.all.map(\.object))
    func everyKeyDocumented(object: String) throws {
        let text = try Self.article()
        let keys = try #require(GuideKeys.all.first { $0.object == object }).keys
        #expect(!keys.isEmpty)
        let missing = keys.filter { !text.contains("`\($0)`") }
        #expect(missing.isEmpty, "GuideFormat.md does not name these \(object) keys: \(missing)")
    }

    @Test("every key the article's tables define is one the loader accepts")
    func everyDocumentedKeyAccepted() throws {
        let accepted = Set(GuideKeys.all.flatMap(\.keys))
        let documented = Self.tableKeys(try Self.article())
        // Every object's table is there: the loader has 60-odd distinct keys.
        #expect(documented.count >= accepted.count)
        let unknown = Set(documented).subtracting(accepted).sorted()
        #expect(unknown.isEmpty, "GuideFormat.md documents keys the loader does not accept: \(unknown)")
        let undocumented = accepted.subtracting(documented).sorted()
        #expect(undocumented.isEmpty, "GuideFormat.md has no table row for these keys: \(undocumented)")
    }

    @Test("the article's connector example loads")
    func exampleLoads() throws {
        let text = try Self.article()
        let blocks = text.components(separatedBy: "```yaml\n").dropFirst().compactMap { $0.components(separatedBy: "\n```").first }
        let example = try #require(blocks.first { $0.hasPrefix("key: ") })
        let loaded = try CatalogLoader().loadConnector(yaml: example, file: "GuideFormat.md")
        #expect(loaded.connector.key == "demo")
        #expect(loaded.connector.actions.map(\.id.rawValue) == ["demo_list", "demo_events"])
    }
}
