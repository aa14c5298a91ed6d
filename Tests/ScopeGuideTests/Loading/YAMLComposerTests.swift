import Foundation
import Testing
import Yams
@testable import ScopeGuide

/// ``YAMLComposer`` composes with Yams' basic resolver where it can: these cases, where a key's
/// resolved tag shows, must read exactly as with the full resolver.
@Suite struct YAMLComposerTests {
    /// The valid connector with `extra` (an unknown key, so only a warning) added after `name`,
    /// and the config field's `required` set to `required`.
    static func yaml(extra: String, required: String = "true") -> String {
        CatalogLoaderTests.valid
            .replacingOccurrences(of: "name: Demo\n", with: "name: Demo\nextra: \(extra)\n")
            .replacingOccurrences(of: "required: true", with: "required: \(required)")
    }

    @Test("only text that may have a tag or an anchor needs the full resolver", arguments: [
        ("key: demo", false), ("label: \"Q and A\"", false), ("label: Wow!", false), ("url: https://x.example/?a=1&b=2", false),
        ("label: Q&A", false), ("label: R & D", false), ("a: b &", false),
        ("a: !!str yes", true), ("a: &x b", true), ("&x a: b", true), ("! a", true), ("a:\n  - &x b", true), ("{a: 1,&x b: 2}", true),
        ("[&x a]", true), ("{\"a\":&x b}", true), ("a:\t!!str b", true), ("\u{FEFF}&x a: b", true), ("a:\u{2028}&x b", true),
        ("a: \"see &x\"", true), ("a: b # &x", true),
    ])
    func needsFullResolver(_ text: String, _ expected: Bool) {
        #expect(YAMLComposer.mayNeedFullResolver(text) == expected)
    }

    @Test("`!` and `&` inside plain text keep the fast path and decode as with the full resolver")
    func plainBangAndAmpersand() throws {
        let yaml = CatalogLoaderTests.valid
            .replacingOccurrences(of: "label: List Items", with: "label: Q&A, R & D, Wow!")
            .replacingOccurrences(of: "warning: Needs an admin.", with: "warning: See https://x.example/?a=1&b=2 now!")
        #expect(!YAMLComposer.mayNeedFullResolver(yaml))
        let fast = try CatalogLoader().loadConnector(yaml: yaml).connector
        #expect(fast.actions[0].label == "Q&A, R & D, Wow!")

        let node = try #require(try Yams.compose(yaml: yaml, YAMLComposer.fullResolver))
        var decoder = ConnectorDecoder(folder: nil)
        let full = decoder.decode(YAMLCursor(node: node, keyPath: .root, file: "test.yaml"))
        #expect(decoder.diagnostics.problems.isEmpty)
        #expect(full == fast)
    }

    @Test("keys equal only when every scalar is a string are not duplicates", arguments: [
        // (Sequence keys such as `? [yes]` are refused before composing: YAMLShapeTests.)
        "{yes: 1, \"yes\": 2}", "{1: a, '1': b}", "{null: a, 'null': b}", "{~: a, null: b}",
    ])
    func notDuplicates(_ extra: String) throws {
        let (_, warnings) = try CatalogLoader().loadConnector(yaml: Self.yaml(extra: extra))
        #expect(warnings.map(\.reason) == [.unknownKey("extra")])
    }

    @Test("duplicate keys are the same syntax error as before", arguments: [
        ("{a: 1, a: 2}", #"test.yaml:3:9: YAML syntax error: duplicate key "a" in mapping"#),
        ("{b: 1, c: 2, b: 3, c: 4}", #"test.yaml:3:9: YAML syntax error: duplicate key "b", "c" in mapping"#),
        ("{yes: 1, Yes: 2, yes: 3}", #"test.yaml:3:9: YAML syntax error: duplicate key "yes" in mapping"#),
        // Equal only because of the explicit tag: the full resolver reads plain `yes` as a bool too.
        ("{!!bool yes: 1, yes: 2}", #"test.yaml:3:9: YAML syntax error: duplicate key "yes" in mapping"#),
        ("{!!int 1: a, 1: b}", #"test.yaml:3:9: YAML syntax error: duplicate key "1" in mapping"#),
    ])
    func duplicates(_ extra: String, _ expected: String) {
        #expect(Fixtures.loadErrors(Self.yaml(extra: extra)).map(\.description) == [expected])
    }

    @Test("an explicit str tag keeps a key apart from the plain bool it spells")
    func explicitString() throws {
        _ = try CatalogLoader().loadConnector(yaml: Self.yaml(extra: "{!!str yes: 1, yes: 2}"))
    }

    @Test("booleans read as Yams reads them, whatever the letter case", arguments: [
        ("yes", true), ("yEs", true), ("TRUE", true), ("oN", true), ("off", false), ("No", false), ("!custom yes", true),
        ("!!bool 'yes'", true),
    ])
    func booleans(_ spelled: String, _ expected: Bool) throws {
        let connector = try CatalogLoader().loadConnector(yaml: Self.yaml(extra: "x", required: spelled)).connector
        #expect(connector.methods[0].configFields[0].isRequired == expected)
    }

    @Test("what a non-boolean is called", arguments: [
        ("'yes'", "a string"), ("!!str yes", "a string"), ("y", "a string"), ("1", "a number"), ("0x1F", "a number"),
        ("1_000", "a number"), ("1:30", "a number"), (".inf", "a number"), ("nan", "a number"), ("2001-12-14", "a string"),
        ("[]", "a list"), ("{}", "a mapping"), ("!!null ''", "a string"), ("''", "a string"),
    ])
    func notBooleans(_ spelled: String, _ found: String) {
        #expect(Fixtures.loadErrors(Self.yaml(extra: "x", required: spelled)).map(\.reason) == [
            .wrongType(expected: "true or false", found: found),
        ])
    }

    @Test("an anchored key reused as a value reads as the full resolver tagged it", arguments: [
        ("yes", nil), ("YES", nil), ("yEs", "a string"), ("1", "a number"),
    ] as [(String, String?)])
    func anchoredKey(_ key: String, _ found: String?) {
        let errors = Fixtures.loadErrors(Self.yaml(extra: "{&k \(key): 1}", required: "*k"))
        #expect(errors.map(\.reason) == (found.map { [.wrongType(expected: "true or false", found: $0)] } ?? []))
    }

    @Test("an anchored value reused through an alias reads as itself")
    func anchoredValue() throws {
        let connector = try CatalogLoader().loadConnector(yaml: Self.yaml(extra: "&k yEs", required: "*k")).connector
        #expect(connector.methods[0].configFields[0].isRequired)
    }
}
