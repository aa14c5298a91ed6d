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

    static func compactEncoded<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A report shaped like the CLI's: nested structures, optionals present and absent, an enum,
    /// a dictionary, lists of lists, an explicit null and a URL.
    struct Sample: Encodable {
        enum Kind: String, Encodable { case error, warning }
        struct Entry: Encodable { var id: String; var requires: [[String]]; var line: Int? }
        var kind: Kind
        var entries: [Entry]
        var counts: [String: Int]
        var note: String?
        var flag: Bool
        var empty: [Entry] = []
        var maybe: [String?] = ["a", nil]
        var link = URL(string: "https://example.com/a?b=c&d=<e>")!
        var big: UInt8 = 200
    }

    static let sample = Sample(
        kind: .warning,
        entries: [.init(id: "x/<y>", requires: [["a", "b"], []], line: 3), .init(id: "\u{2028}\"", requires: [], line: nil)],
        counts: ["b10": 1, "b2": 2, "a": 0], note: nil, flag: true)

    @Test("any Encodable report is written as JSONEncoder writes it, pretty and compact")
    func encodableMatchesJSONEncoder() throws {
        let tree = try PrettyJSON(encoding: Self.sample)
        #expect(tree.text == (try Self.encoded(Self.sample)))
        #expect(tree.text(.compact) == (try Self.compactEncoded(Self.sample)))
        #expect(try PrettyJSON(encoding: [Diagnostic(severity: .error, file: "a.yaml", line: 2, keyPath: "k", message: "m")]).text
            == (try Self.encoded([Diagnostic(severity: .error, file: "a.yaml", line: 2, keyPath: "k", message: "m")])))
        #expect(throws: EncodingError.self) { try PrettyJSON(encoding: ["x": 1.5]) }
    }

    @Test("escaping markup writes <, > and & as \\u escapes, and only those, in either layout")
    func escapingMarkup() throws {
        let tree = try PrettyJSON(encoding: Self.sample)
        for layout in [PrettyJSON.Layout.pretty, .compact] {
            let plain = tree.text(layout)
            #expect(plain.contains("<"))
            let escaped = tree.text(layout, escapingMarkup: true)
            #expect(escaped == plain.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
                .replacingOccurrences(of: "&", with: "\\u0026"))
        }
    }

    @Test("ordered objects keep their order; written text is copied as is; null is written")
    func orderedWrittenAndNull() {
        let value = PrettyJSON.orderedObject([("z", .integer(1)), ("a", nil), ("m", .written("[1,2]")), ("b", .null)])
        #expect(value.text(.compact) == #"{"z":1,"m":[1,2],"b":null}"#)
    }
}
