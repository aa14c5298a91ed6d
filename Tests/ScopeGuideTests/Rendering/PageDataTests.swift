import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// The page data's hand-written JSON against Foundation's `JSONEncoder`, which writes the cached
/// members: both must escape alike, or a page would change with the request path that built it.
@Suite struct PageDataTests {
    static let samples: [String] = [
        String(String.UnicodeScalarView((0..<0x80).map { Unicode.Scalar(UInt8($0)) })),
        "é😀\u{2028}\u{2029}\u{FFFD}", "</script><script>alert(1)</script>", "a\\\"b", "", "https://x.example/a?b=1&c=<2>",
    ]

    /// `value` as `JSONEncoder` writes it on one line (keys sorted, slashes unescaped), with
    /// `<`, `>` and `&` escaped as the page needs.
    static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e").replacingOccurrences(of: "&", with: "\\u0026")
    }

    @Test("strings are escaped as JSONEncoder escapes them, then made script-safe", arguments: samples)
    func stringsMatchJSONEncoder(_ text: String) throws {
        let written = PrettyJSON.string(text).text(.compact, escapingMarkup: true)
        #expect(written == (try Self.encoded(text)))
        #expect(!written.contains("<") && !written.contains(">") && !written.contains("&"))
    }

    @Test("the page data parses back to the request's values")
    func requestMembersRoundTrip() throws {
        var url = try Fixtures.catalog.guide(connector: "front")
        try url.select(["front_send_message"])
        url.base = "https://docs.example.com/\"<x>&\n"
        url.separator = .pipe
        let graph = ScopeGraph(Fixtures.front)
        let shared = PageData.Shared(connector: Fixtures.front, method: Fixtures.front.methods[0], graph: graph, fullGuideScopes: [])
        let resolution = Resolver(connector: Fixtures.front).resolve(url.selection, for: Fixtures.front.methods[0])
        let json = PageData.scriptJSON(shared, url: url.url, resolution: resolution, graph: graph)
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["base"] as? String == url.url.base)
        #expect(object["selection"] as? [String] == ["front_send_message"])
        #expect(object["separator"] as? String == "pipe")
        #expect(object["whitelabel"] as? Bool == false)
        #expect(object["definedCount"] as? Int == graph.definedCount)
        #expect(object["granted"] as? [String] == [] && object["refused"] as? [String] == [])
        let answer = try #require(object["resolution"] as? [String: Any])
        #expect(answer["scopes"] as? [Int] == resolution.scopes.compactMap(graph.number(of:)) && answer["optimal"] as? Bool == true)
        #expect(object["levels"] as? [Int] == Fixtures.front.scopeDefinitions.map(\.privilege))
        #expect(Array(object.keys).sorted() == [
            "actions", "base", "closures", "connector", "definedCount", "fullGuideScopes", "grantChange", "grantChangeText", "granted", "levels", "path", "refused", "resolution",
            "scopeDescriptions", "scopes", "selection", "separator", "variables", "whitelabel",
        ])
        #expect(object["scopeDescriptions"] as? [String] == Fixtures.front.scopeDefinitions.map { $0.description ?? "" })
    }

    /// The whole page data as `JSONEncoder` writes it, keys sorted.
    struct Reference: Encodable {
        struct ActionData: Encodable {
            var alternatives: [[Int]]
            var id: String
            var label: String
        }
        var actions: [ActionData]
        var base: String
        struct Answer: Encodable {
            var optimal: Bool
            var scopes: [Int]
        }
        var closures: [[Int]]
        var connector: String
        var defaultScopes: [Int]?
        var definedCount: Int
        /// The connector's variables with the patterns their values must match, in declaration
        /// order; only when it declares some.
        struct Declared: Encodable {
            var name: String
            var pattern: String
        }
        var declaredVariables: [Declared]?
        var fullGuideScopes: [Int]
        var grantChange: String
        var grantChangeText: String?
        var granted: [String]
        var levels: [Int]?
        var path: String
        var refused: [String]
        var resolution: Answer
        /// Per defined scope its description (`""` for none); only when some scope has one.
        var scopeDescriptions: [String]?
        var scopes: [String]
        var selection: [String]
        var separator: String
        var variables: [String: String]
        var whitelabel: Bool
    }

    @Test("the written JSON is byte for byte what JSONEncoder writes", arguments: [false, true])
    func matchesJSONEncoder(hostile: Bool) throws {
        var connector = Fixtures.front
        if hostile {
            // Descriptions are escaped like any text; one without a description reads as "".
            for index in connector.scopeDefinitions.indices where index % 4 == 0 {
                connector.scopeDefinitions[index].description = index == 0 ? nil : Self.samples[index % Self.samples.count]
            }
            for index in connector.actions.indices where index % 3 == 0 {
                connector.actions[index].label = Self.samples[index % Self.samples.count] + " \(index)"
            }
            connector.methods[0].defaultScopes = Array(connector.scopeDefinitions.prefix(2).map(\.scope))
            // Patterns are escaped like any text; a variable without one carries the default.
            connector.variables = [
                Variable(name: "sub", label: "Sub", pattern: "^[a-z0-9-]+\\.\"<x>\"$"), Variable(name: "é", label: "E"),
                Variable(name: "a", label: "A", pattern: "\\d+"),
            ]
        }
        let graph = ScopeGraph(connector)
        let method = connector.methods[0]
        let full = Array(connector.scopeDefinitions.suffix(3).map(\.scope))
        var url = try Catalog(connectors: [connector]).guide(connector: "front")
        try url.select([connector.actions[1].id, connector.actions[4].id])
        try url.setConstraints(granted: [connector.scopeDefinitions[0].scope.rawValue], refused: [connector.scopeDefinitions[3].scope.rawValue])
        let resolution = Resolver(connector: connector).resolve(url.selection, for: method, constraints: url.constraints)
        let written = PageData.scriptJSON(
            PageData.Shared(connector: connector, method: method, graph: graph, fullGuideScopes: full), url: url.url, resolution: resolution, graph: graph)

        let reference = Reference(
            actions: connector.actions.map { action in
                .init(alternatives: action.requirement.alternatives.map { $0.compactMap(graph.number(of:)) }, id: action.id.rawValue, label: action.label)
            },
            base: url.url.base, closures: graph.closures.map(\.members), connector: connector.key,
            defaultScopes: method.defaultScopes?.compactMap(graph.number(of:)), definedCount: graph.definedCount,
            declaredVariables: hostile ? connector.variables.map { .init(name: $0.name, pattern: $0.pattern ?? Variable.defaultPattern) } : nil,
            fullGuideScopes: full.compactMap(graph.number(of:)), grantChange: method.grantChange.rawValue, grantChangeText: method.grantChangeText, granted: url.constraints.granted.map(\.rawValue),
            levels: connector.scopeDefinitions.contains { $0.privilege != 1 } ? connector.scopeDefinitions.map(\.privilege) : nil,
            path: url.url.path, refused: url.constraints.refused.map(\.rawValue),
            resolution: .init(optimal: resolution.isOptimal, scopes: resolution.scopes.compactMap(graph.number(of:))),
            scopeDescriptions: connector.scopeDefinitions.map { $0.description ?? "" }, scopes: graph.scopes.map(\.rawValue),
            selection: url.selection.actions.map(\.rawValue), separator: url.separator.rawValue, variables: [:], whitelabel: false)
        #expect(written == (try Self.encoded(reference)))
    }
}
