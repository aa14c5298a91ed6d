import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct YAMLCursorTests {
    static func cursor(_ yaml: String) throws -> YAMLCursor {
        let document = try #require(try YAMLDocumentParser.parse(yaml))
        return YAMLCursor(root: document, file: "test.yaml")
    }

    @Test("null is a plain ~, null, Null, NULL or nothing; never a quoted one", arguments: [
        ("a: ~", true), ("a: null", true), ("a: Null", true), ("a: NULL", true), ("a:", true),
        ("a: nuLL", false), ("a: 'null'", false), ("a: \"\"", false), ("a: ''", false), ("a: x", false), ("a: []", false),
    ])
    func null(_ yaml: String, _ isNull: Bool) throws {
        let pair = try #require(try Self.cursor(yaml).pairs?.first)
        #expect(pair.value.isNull == isNull)
    }

    @Test("a key's value is found by name, with its path and position; a null value is absent")
    func subscriptByKey() throws {
        let root = try Self.cursor("a: 1\n\"b c\": {d: [x, y]}\ne: ~\n")
        let d = try #require(root["b c"]?["d"])
        #expect(d.path == #"["b c"].d"#)
        #expect((d.location.line, d.location.column) == (2, 12))
        #expect(d.items?.map(\.path) == [#"["b c"].d[0]"#, #"["b c"].d[1]"#])
        #expect(root["e"] == nil)
        #expect(root["zz"] == nil)
        #expect(d["x"] == nil)
    }

    @Test("pairs and forEachKey list every key in document order")
    func pairsInOrder() throws {
        // A collection key is refused (YAMLPreflight) unless it is an alias of an empty one,
        // which a cursor names "" as Yams' `Node.string` did.
        let root = try Self.cursor("z: 1\na: 2\n1: 3\ne: &e []\n? *e\n: 4\n")
        #expect(root.pairs?.map(\.key) == ["z", "a", "1", "e", ""])
        #expect(root.pairs?.map(\.value.path) == ["z", "a", "1", "e", #"[""]"#])
        var keys: [String] = []
        root.forEachKey(notIn: []) { key, _ in keys.append(key) }
        #expect(keys == ["z", "a", "1", "e", ""])
        keys = []
        root.forEachKey(notIn: ["a", "e", "zz"]) { key, value in keys.append("\(key)@\(value.location.line)") }
        #expect(keys == ["z@1", "1@3", "@6"])
        #expect(root.isMapping)
        #expect(try Self.cursor("[a]").pairs == nil)
    }

    @Test("kinds are named as Yams reads the scalar", arguments: [
        ("~", "null"), ("yes", "a boolean"), ("OFF", "a boolean"), ("tRuE", "a boolean"), ("'yes'", "a string"),
        ("12", "a number"), ("-0x1F", "a number"), ("1.5e3", "a number"), (".NaN", "a number"), ("infinity", "a number"),
        ("12 monkeys", "a string"), ("[]", "a list"), ("{}", "a mapping"),
    ])
    func kindName(_ value: String, _ kind: String) throws {
        let items = try #require(try Self.cursor("[\(value)]").items)
        #expect(items.map(\.kindName) == [kind])
    }
}
