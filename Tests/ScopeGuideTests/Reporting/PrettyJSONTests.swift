import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct PrettyJSONTests {
    static func encoded<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("resolution reports are JSONEncoder's bytes: every shipped guide, random selections, grants and refusals")
    func reportsMatchJSONEncoder() throws {
        let catalog = Fixtures.catalog
        let tailor = Tailor(catalog: catalog)
        var generator = SeededGenerator(seed: 0x150F)
        var checked = 0
        for var request in catalog.allGuides {
            let ids = request.connector.actions.map(\.id)
            let scopes = request.connector.scopeDefinitions.map(\.scope.rawValue)
            for index in 0..<40 {
                try request.select(Array(ids.shuffled(using: &generator).prefix(index % 7)))
                let granted = index % 3 == 0 ? [] : Array(scopes.shuffled(using: &generator).prefix(2))
                let refused = index % 4 == 0 ? Array(scopes.filter { !granted.contains($0) }.shuffled(using: &generator).prefix(1)) : []
                try request.setConstraints(granted: granted, refused: refused)
                request.separator = Separator.allCases.randomElement(using: &generator)!
                let report = ResolutionReport(tailor.guide(for: request), url: request.url)
                #expect(report.json() == (try Self.encoded(report)) + "\n", "\(request)")
                checked += 1
            }
        }
        #expect(checked >= 160)
    }

    @Test("strings are escaped as JSONEncoder escapes them: quotes, backslashes, control characters, slashes and Unicode")
    func strings() throws {
        let every = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        for text in [every, "a/b", "“quoted” — ü 😀", "\u{2028}\u{2029}", "", "\\\"", "<script>&</script>"] {
            #expect(PrettyJSON.string(text).text == (try Self.encoded(text)), "\(text.debugDescription)")
            #expect(PrettyJSON.strings([text]).text == (try Self.encoded([text])))
        }
        struct Empties: Encodable { var b: [String] = []; var a: [String: String] = [:]; var c: String? = nil }
        #expect(PrettyJSON.object([("b", .array([])), ("a", .object([])), ("c", nil)]).text == (try Self.encoded(Empties())))
    }
}
