import Testing
import Yams
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct YAMLDocumentTests {
    static func document(_ yaml: String) throws -> YAMLDocument {
        try #require(try YAMLDocumentParser.parse(yaml))
    }

    /// The nodes of the root sequence's items.
    static func items(_ document: YAMLDocument) -> [Int32] {
        let root = document.nodes[Int(document.root)]
        return (0..<Int(root.count)).map { document.children[Int(root.start) + $0] }
    }

    @Test("scalars compare as String's ==, bytes first: canonically equivalent texts are equal")
    func keyEquality() throws {
        let document = try Self.document("[\u{212A}, K, k, 'é', \"e\u{301}\"]")
        let items = Self.items(document)
        #expect(document.scalar(items[0], equals: "K"))
        #expect(document.scalar(items[1], equals: "K"))
        #expect(!document.scalar(items[2], equals: "K"))
        #expect(document.scalar(items[3], equals: "e\u{301}"))
        #expect(document.scalar(items[3], equalsScalar: items[4]))
        #expect(!document.scalar(items[1], equalsScalar: items[2]))
        #expect(document.nodes.map(\.isASCII) == [true, false, true, true, false, false])
    }

    @Test("a scalar's text is kept as UTF-8 and read back whole, NUL included")
    func text() throws {
        let document = try Self.document("[\"a\\0b\", ключ, '']")
        #expect(Self.items(document).map(document.string) == ["a\0b", "ключ", ""])
    }

    @Test("null is a plain ~, null, Null, NULL or nothing", arguments: [
        ("~", true), ("null", true), ("NULL", true), ("''", false), ("nUll", false), ("'~'", false), ("x", false),
    ])
    func null(_ spelled: String, _ isNull: Bool) throws {
        let document = try Self.document("[\(spelled)]")
        #expect(document.isNull(Self.items(document)[0]) == isNull)
    }

    @Test("a key's Yams scalar carries its resolved tag; a value's tag is as parsed")
    func yamsScalars() throws {
        let document = try Self.document("{yEs: 1, yes: 2, ! a: 3, 'q': 4, v: yEs}")
        let root = document.nodes[Int(document.root)]
        let nodes = (0..<Int(root.count)).map { document.children[Int(root.start) + $0] }
        let tags = nodes.map { document.yamsScalar($0).tag.description }
        #expect(tags == [
            "tag:yaml.org,2002:str", "", "tag:yaml.org,2002:bool", "", "tag:yaml.org,2002:str", "",
            "tag:yaml.org,2002:str", "", "tag:yaml.org,2002:str", "",
        ])
        #expect(Bool.construct(from: document.yamsScalar(nodes[9])) == true)
        #expect(Bool.construct(from: document.yamsScalar(nodes[0])) == nil)
    }
}
