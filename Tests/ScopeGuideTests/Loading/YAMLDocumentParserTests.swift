import Foundation
import Testing
import Yams
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// ``YAMLDocumentParser`` reads a document as composing through Yams with the loader's
/// resolver did: the same tree (texts, kinds, styles, tags, positions) and the same errors. Yams
/// stays the oracle here: ``sameAsYams(_:)`` composes each text both ways and compares.
@Suite struct YAMLDocumentParserTests {
    /// The valid connector with `extra` (an unknown key, so only a warning) added after `name`,
    /// and the config field's `required` set to `required`.
    static func yaml(extra: String, required: String = "true") -> String {
        CatalogLoaderTests.valid
            .replacingOccurrences(of: "name: Demo\n", with: "name: Demo\nx-extra: \(extra)\n")
            .replacingOccurrences(of: "required: true", with: "required: \(required)")
    }

    static func parse(_ yaml: String) -> Result<YAMLDocument?, YAMLDocumentParser.Failure> {
        Result { () throws(YAMLDocumentParser.Failure) in try YAMLDocumentParser.parse(yaml) }
    }

    /// Yams' error as the loader worded it before: libyaml's problem and context, at its mark.
    static func described(_ error: YamlError) -> YAMLDocumentParser.Failure? {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return .invalid(context.map { "\(problem) \($0.text)" } ?? problem, line: mark.line, column: mark.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return .invalid("duplicate key \(names) in mapping", line: context.mark.line, column: context.mark.column)
        case .reader(let problem, _, _, _):
            return .invalid(problem, line: 1, column: 1)
        default:
            return nil
        }
    }

    /// Node `index` of `document` against Yams' `node`: kind, position, text, style and tag.
    static func expect(_ document: YAMLDocument, _ index: Int32, equals node: Node, at path: String) {
        let ours = document.nodes[Int(index)]
        #expect(ours.line == Int32(node.mark?.line ?? 0), "line of \(path)")
        #expect(ours.column == Int32(node.mark?.column ?? 0), "column of \(path)")
        switch node {
        case .scalar(let scalar):
            #expect(ours.kind == .scalar, "kind of \(path)")
            guard ours.kind == .scalar else { return }
            let mine = document.yamsScalar(index)
            #expect(mine.string == scalar.string, "text of \(path)")
            #expect(mine.style == scalar.style, "style of \(path)")
            #expect(mine.tag.description == scalar.tag.description, "tag of \(path)")
        case .mapping(let mapping):
            #expect(ours.kind == .mapping, "kind of \(path)")
            guard ours.kind == .mapping, Int(ours.count) == mapping.count * 2 else {
                Issue.record("pairs of \(path)")
                return
            }
            for (offset, (key, value)) in mapping.enumerated() {
                let position = Int(ours.start) + offset * 2
                expect(document, document.children[position], equals: key, at: "\(path).key\(offset)")
                expect(document, document.children[position + 1], equals: value, at: "\(path).value\(offset)")
            }
        case .sequence(let sequence):
            #expect(ours.kind == .sequence, "kind of \(path)")
            guard ours.kind == .sequence, Int(ours.count) == sequence.count else {
                Issue.record("items of \(path)")
                return
            }
            for (offset, item) in sequence.enumerated() {
                expect(document, document.children[Int(ours.start) + offset], equals: item, at: "\(path)[\(offset)]")
            }
        case .alias:
            Issue.record("Yams composed an alias node at \(path)")
        }
    }

    static let differential: [String] = [
        // Shapes and styles.
        "a: 1\nb: [x, 'y', \"z\"]\nc: {d: e}\n", "- a\n- - b\n  - c\n- {}\n- []\n", "plain", "'single'", "\"double \\t \\u00e9\"",
        "text: |\n  line one\n  line two\nfolded: >-\n  a\n  b\n", "a:\nb: ~\nc: null\nd: ''\n", "x: \"nul \\0 inside\"\n",
        "# only a comment\n---\na: 1\n...\n", "\u{FEFF}a: 1\n", "a: 1\r\nb:\r\n  - 2\r\n", "é: ü\nключ: значение\n",
        "? a\n: 1\n? b\n", "[a, b, {c: d, e: [f]}]", "a: &x 1\nb: *x\n",
        // A leading U+FEFF in a scalar, which Yams' strings dropped (a key too).
        "a: \"\\uFEFFx\"\nb: \"\\uFEFF\\uFEFFy\"\nc: \"x\\uFEFF\"\n", "\"\\uFEFFid\": 1\nid: 2\n", "[\"\\uFEFF\"]",
        // Tags.
        "a: !!str yes\nb: !!bool yes\nc: !custom v\nd: ! v\ne: !!int '1'\nf: !<tag:example.com,2000:x> v\n",
        "!!map {a: !!seq [!!str b]}", "%TAG !e! tag:example.com,2000:\n---\na: !e!x v\n",
        // Anchors and aliases, shadowing, keys through aliases.
        "a: &x {b: 1}\nc: *x\nd: &x [2]\ne: *x\n", "k: &k name\nm: {*k : 1}\n", "&k yes : 1\nv: *k\n",
        "a: &s x\nb: [*s, *s]\n",
        // Keys that are duplicates only to a finer or coarser resolver, or not at all.
        "{yes: 1, \"yes\": 2}", "{1: a, '1': b}", "{null: a, 'null': b}", "{~: a, null: b}", "{!!str yes: 1, yes: 2}",
        "{! yes: 1, yes: 2}", "{! a: 1, a: 2}", "{a: 1, 'a': 2}", "{a: 1, \"a\": 2}",
        // Duplicates.
        "{a: 1, a: 2}", "{b: 1, c: 2, b: 3, c: 4}", "{yes: 1, Yes: 2, yes: 3}", "{!!bool yes: 1, yes: 2}", "{!!int 1: a, 1: b}",
        "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", "x: &k a\ny: {*k : 1, a: 2}\n", "{\u{212A}: 1, K: 2}", "{é: 1, e\u{301}: 2}",
        "{z: 1, a: 2, z: 3, a: 4}", "{'q': 1, q: 2, \"q\": 3}",
        // Errors.
        "a: *nowhere\n", "a: &x [*x]\n", "a: 1\n---\nb: 2\n", "a: [1, 2\n", "a: 'open\n", "a:\n\t- b\n", "a: b: c\n",
        "- a\nb: c\n", "{a: 1, a: 2}\n---\n", "a: {b: 1, b: 2}\nc: *none\n", "a: *none\nb: {c: 1, c: 2}\n", "a: 1\n--- [\n",
        "", "# nothing\n", "---\n", "--- |\n  text\n",
    ]

    @Test("the document and every error are as Yams composed them", arguments: differential)
    func sameAsYams(_ yaml: String) throws {
        let yams = Result { try Yams.compose(yaml: yaml, YAMLDocument.resolver) }
        switch (Self.parse(yaml), yams) {
        case (.success(let document?), .success(let node?)):
            Self.expect(document, document.root, equals: node, at: "root")
        case (.success(nil), .success(nil)):
            break
        case (.failure(let failure), .failure(let error as YamlError)):
            #expect(failure == Self.described(error))
        case (let ours, let theirs):
            Issue.record("ours: \(ours), Yams: \(theirs)")
        }
    }

    @Test("positions are 1-based, a column counts characters, and an alias is where its anchor is")
    func positions() throws {
        let document = try #require(try YAMLDocumentParser.parse("é: &a [x]\nb:\n  - *a\n  - 'y'\n"))
        let root = YAMLCursor(root: document, file: "t.yaml")
        #expect(root["é"]?.location == SourceLocation(file: "t.yaml", line: 1, column: 4))
        let items = try #require(root["b"]?.items)
        #expect(items.map(\.location.line) == [1, 4])
        #expect(items.map(\.location.column) == [4, 5])
        #expect(items.map(\.path) == ["b[0]", "b[1]"])
    }

    @Test("a limit refused anywhere before a syntax error wins over an earlier composition error")
    func refusalFirst() throws {
        // The root mapping is the first level, so the 200th `[` is one too many.
        let deep = String(repeating: "[", count: 201) + String(repeating: "]", count: 201)
        #expect(Self.parse("a: {b: 1, b: 2}\nc: \(deep)\n").failure == .refused(.init(reason: .tooDeep, line: 2, column: 203)))
        #expect(Self.parse("a: *none\nc: \(deep)\n").failure == .refused(.init(reason: .tooDeep, line: 2, column: 203)))
        // After the first syntax error nothing is read: the error is libyaml's.
        guard case .invalid(_, let line, _) = Self.parse("a: [1\nb: \(deep)\n").failure else {
            Issue.record("expected a syntax error")
            return
        }
        #expect(line == 2)
        // A composition error before a syntax error is the one reported, as Yams stopped there.
        #expect(Self.parse("a: *none\nb: [1\n").failure == .invalid("found undefined alias", line: 1, column: 4))
    }

    @Test("a mapping of many keys finds its duplicates too")
    func manyKeys() {
        let keys = (0..<40).map { "k\($0): \($0)" } + ["k7: again", "'k30': str", "k30: again"]
        #expect(Self.parse(keys.joined(separator: "\n")).failure == .invalid(#"duplicate key "k30", "k7" in mapping"#, line: 31, column: 1))
    }

    @Test("keys equal only when every scalar is a string are not duplicates", arguments: [
        // (Sequence keys such as `? [yes]` are refused before composing: YAMLShapeTests.)
        "{yes: 1, \"yes\": 2}", "{1: a, '1': b}", "{null: a, 'null': b}", "{~: a, null: b}",
    ])
    func notDuplicates(_ extra: String) throws {
        // Loads: the keys are told apart, and x-extra is an extension.
        let (_, warnings) = try CatalogLoader().loadConnector(yaml: Self.yaml(extra: extra))
        #expect(warnings.isEmpty)
    }

    @Test("duplicate keys are the same syntax error as before", arguments: [
        ("{a: 1, a: 2}", #"test.yaml:3:11: YAML syntax error: duplicate key "a" in mapping"#),
        ("{b: 1, c: 2, b: 3, c: 4}", #"test.yaml:3:11: YAML syntax error: duplicate key "b", "c" in mapping"#),
        ("{yes: 1, Yes: 2, yes: 3}", #"test.yaml:3:11: YAML syntax error: duplicate key "yes" in mapping"#),
        // Equal only because of the explicit tag: the full resolver reads plain `yes` as a bool too.
        ("{!!bool yes: 1, yes: 2}", #"test.yaml:3:11: YAML syntax error: duplicate key "yes" in mapping"#),
        ("{!!int 1: a, 1: b}", #"test.yaml:3:11: YAML syntax error: duplicate key "1" in mapping"#),
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

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
