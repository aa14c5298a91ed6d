import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// YAML whose composition costs far more than its text: alias bombs, collection keys, deep
/// nesting (see `YAMLPreflight`). Each must be one located error, found quickly.
@Suite struct YAMLShapeTests {
    /// A guide file with, under an extension key `x-bomb`, anchors `l0`…`l<levels-1>`, each a list of
    /// ten of the one before (`l0`: ten scalars), and the last used as `use`: a key (`? *l…`) or a value.
    static func aliasBomb(levels: Int, asKey: Bool) -> String {
        var lines = ["x-bomb:", "  l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1..<levels {
            lines.append("  l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        lines.append(asKey ? "  ? *l\(levels - 1)\n  : 1" : "  use: *l\(levels - 1)")
        return lines.joined(separator: "\n") + "\n" + BadInputTests.yaml(actions: "  - {id: demo_a, label: A, requiredScopes: a}")
    }

    static func errors(_ text: String) -> [LoadError] { BadInputTests.loadErrors(Data(text.utf8)) }

    @Test("an alias bomb of a million nodes used as a key is refused where its aliases pass 100,000 nodes")
    func aliasBombAsKey() {
        // Before: Yams hashed the million-node key to find duplicates (3.2 s in a debug build)
        // and the file loaded. Line 6 defines l4: l1…l3 bring in 110 + 1,110 + 11,110 nodes,
        // and the eighth alias of l3 (11,111 nodes each) passes the bound.
        let clock = ContinuousClock()
        let start = clock.now
        let errors = Self.errors(Self.aliasBomb(levels: 6, asKey: true))
        #expect(errors.map(\.reason) == [.aliasExpansion(101_218)])
        #expect(errors.map(\.location.line) == [6])
        #expect(errors.first?.description.contains("100000") == true)
        #expect(clock.now - start < .seconds(1))
    }

    @Test("an alias bomb used as a value is refused the same way", arguments: [5, 9])
    func aliasBombAsValue(levels: Int) {
        let errors = Self.errors(Self.aliasBomb(levels: levels, asKey: false))
        #expect(errors.map(\.reason) == [.aliasExpansion(101_218)])
    }

    @Test("aliases bringing in up to 100,000 nodes load")
    func aliasesWithinTheBound() throws {
        // l0…l3 bring in 110 + 1,110 + 11,110 nodes, and `use: *l3` another 11,111.
        let text = Self.aliasBomb(levels: 4, asKey: false)
        #expect(try BadInputTests.load(text).actions.count == 1)
        // An alias of a scalar may be a key.
        let scalarKey = "x-k: &k name\nx-other: {*k : 1}\n" + BadInputTests.yaml(actions: "  - {id: demo_a, label: A, requiredScopes: a}")
        #expect(try BadInputTests.load(scalarKey).actions.count == 1)
    }

    @Test("a sequence, a mapping or an alias of one as a mapping key is refused at the key", arguments: [
        "extra:\n  ? [a, b]\n  : 1\n",
        "extra: {{a: 1}: 2}\n",
        "seq: &s [a]\nextra:\n  ? *s\n  : 1\n",
    ])
    func collectionKey(_ prefix: String) {
        let errors = Self.errors(prefix + BadInputTests.yaml(actions: "  - {id: demo_a, label: A, requiredScopes: a}"))
        #expect(errors.map(\.reason) == [.collectionKey])
        let keyLine = prefix.split(separator: "\n").firstIndex { $0.contains("?") || $0.contains("{{") }! + 1
        #expect(errors.map(\.location.line) == [keyLine])
    }

    @Test("nesting by keys cannot multiply the cost: 150 nested mapping keys are refused at once")
    func nestedKeys() {
        // Each level would hash the whole key below it: depth × size, without any alias.
        let depth = 150
        let key = String(repeating: "{? ", count: depth) + "x" + String(repeating: " : 1}", count: depth)
        let errors = Self.errors("x-extra: \(key)\n" + BadInputTests.yaml(actions: "  - {id: demo_a, label: A, requiredScopes: a}"))
        #expect(errors.map(\.reason) == [.collectionKey])
    }

    @Test("sequences and mappings nested more than 200 deep are refused; 200 load", arguments: [200, 201, 999])
    func nesting(depth: Int) {
        // The root mapping is one level: depth - 1 more reach `depth`.
        let inner = depth - 1
        let text = "x-extra: " + String(repeating: "[", count: inner) + String(repeating: "]", count: inner) + "\n"
            + BadInputTests.yaml(actions: "  - {id: demo_a, label: A, requiredScopes: a}")
        if depth <= CatalogLoader.maximumNesting {
            #expect((try? BadInputTests.load(text)) != nil)
        } else {
            let errors = Self.errors(text)
            #expect(errors.map(\.reason) == [.nestingTooDeep])
            #expect(errors.map(\.location.line) == [1])
        }
    }
}
