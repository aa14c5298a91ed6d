import Testing
import Yams
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct GuideFrontMatterTests {
    static let texts = [
        "Connect Front with API Token", "front", "api-token", "yes", "Yes", "YES", "yes please", "y", "n", "no", "No way",
        "true", "False", "on", "Off", "null", "Null", "nothing", "~", "", "1", "-1", "+1", ".5", ".inf", ".NaN", "0x1F",
        "2026-12-01", "<<", "=", "conversations:read", "https://docs.stackone.com/connectors/front", "a: b", "- x", "#x",
        "'quoted'", "\"double\"", "trailing ", " leading", "Ünïcode", "tags:*", "NO", "nULL", "TRUE", "tRUE",
    ]

    @Test("front matter values read back as the same strings (yes, 1 and null quoted), written as Yams writes strings")
    func sameAsYams() throws {
        var generator = SeededGenerator(seed: 0xF407)
        let alphabet = Array("aenoyftulNYTFO019.-+:~<= ")
        let random = (0..<2_000).map { _ in String((0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        for text in Self.texts + random {
            let ours = try Yams.serialize(node: .scalar(GuideFrontMatter.scalar(text)), width: -1, allowUnicode: true)
            let yams = try Yams.serialize(node: .scalar(text.represented()), width: -1, allowUnicode: true)
            #expect(ours == yams, "\(text)")
            let document = try Yams.serialize(node: .mapping(Node.Mapping([(Node("key"), Node.scalar(GuideFrontMatter.scalar(text)))])), width: -1, allowUnicode: true)
            let loaded = try #require(try Yams.load(yaml: document) as? [String: Any])
            #expect(loaded["key"] as? String == text, "\(text) came back as \(String(describing: loaded["key"]))")
        }
    }
}
