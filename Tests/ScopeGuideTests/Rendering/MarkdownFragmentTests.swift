import Ccmark
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Markdown output splices a block text's CommonMark rendering instead of rebuilding its nodes.
/// These tests hold that to the bytes cmark prints for the rebuilt nodes, in every place the
/// builder puts block text: after a heading at the top level, and inside a loose ordered list's
/// item (whose marker width, and so indentation, grows with the number), followed by a list or not.
@Suite struct MarkdownFragmentTests {
    enum Place: CustomStringConvertible {
        case topLevel
        case item(number: Int32)
        var description: String {
            switch self {
            case .topLevel: "top level"
            case .item(let number): "item \(number)"
            }
        }
    }

    static let places: [Place] = [.topLevel, .item(number: 1), .item(number: 9), .item(number: 10), .item(number: 100)]

    /// Texts where cmark's CommonMark output depends on structure: lists at the end (the
    /// `<!-- end list -->` case), code blocks, nesting, quotes, breaks, escapes at line starts.
    static let texts = [
        "Plain paragraph.",
        "One\nsoft break\n\nTwo paragraphs.",
        "- a\n- b",
        "1. one\n2. two",
        "- a\n\n  b\n- c",
        "- outer\n  - inner\n    - innermost",
        "Text\n\n- a\n- b\n\n```\ncode\n```",
        "    indented code\n    more",
        "```swift\nlet x = 1\n\n\nlet y = 2\n```",
        "~~~\n```\n~~~",
        "> quote\n> more\n>\n> - in quote",
        "# Heading\n\nSetext\n---",
        "Hard  \nbreak and back\\\nslash",
        "\\- not a list\n\\# not a heading\n1\\. not ordered",
        "* * *\n\nAfter a rule",
        "<div>raw html</div>\n\ntext <b>inline</b>",
        "[link](https://example.com \"title\") and ![img](https://example.com/i.png)",
        "[bad](javascript:alert(1))",
        "Tabs\tinside\n\tand code",
        "- a\n\n\n- b",
        "1) paren\n2) list",
        "+ plus\n+ list\n\n- dash list",
        "Trailing spaces   ",
        "\n\n\n",
        "",
        "Line one\n    continuation",
        "- [ ] task\n- [x] done",
        "Emphasis *a* **b** _c_ __d__ `code`",
        "1. a\n\n   ```\n   code in item\n   ```\n2. b",
        "> - a\n> - b\n\n- c",
    ]

    @Test("spliced block text prints the bytes of its rebuilt nodes", arguments: places)
    func knownTexts(place: Place) {
        for text in Self.texts {
            for followedByList in [false, true] {
                #expect(
                    Self.render(text, place: place, splice: true, followedByList: followedByList)
                        == Self.render(text, place: place, splice: false, followedByList: followedByList),
                    "text \(text.debugDescription), followed by a list: \(followedByList)")
            }
        }
    }

    @Test("same on 5,000 random texts built from Markdown lines")
    func randomTexts() {
        let lines = [
            "text", "- item", "  - nested", "1. first", "10. tenth", "> quote", "```", "~~~", "    code", "",
            "# heading", "***", "* star", "+ plus", "\tTab", "<p>html</p>", "a  ", "\\", "[x](y)", "|a|b|", "---",
            "1. ", "- ", "   - deep", "```js", "<!-- end list -->", "  > q", "2) two", "Setext", "===", "    ", "*a*",
        ]
        var generator = SeededGenerator(seed: 0x5C09E)
        for index in 0..<5_000 {
            let count = Int.random(in: 1...10, using: &generator)
            let text = (0..<count).map { _ in lines.randomElement(using: &generator)! }.joined(separator: "\n")
            let place = Self.places[index % Self.places.count]
            let followedByList = index % 2 == 0
            let spliced = Self.render(text, place: place, splice: true, followedByList: followedByList)
            let rebuilt = Self.render(text, place: place, splice: false, followedByList: followedByList)
            #expect(spliced == rebuilt, "text \(text.debugDescription) at \(place), followed by a list: \(followedByList)")
            if spliced != rebuilt { return }
        }
    }

    /// The text's block `place`d as the builder places a body, by splicing or by rebuilding nodes.
    static func render(_ markdown: String, place: Place, splice: Bool, followedByList: Bool) -> String {
        let fragment = MarkdownFragment(markdown, kind: .block)
        let document = CMarkDocument()
        var parent = document.root
        switch place {
        case .topLevel:
            parent.appendHeading(level: 2).appendText("Section")
        case .item(let number):
            let list = document.root.appendList(ordered: true, tight: false)
            cmark_node_set_list_start(list.pointer, number)
            parent = list.appendItem()
            parent.appendParagraph().appendStrong("Step")
        }
        if splice {
            let text = fragment.commonMark(beforeList: followedByList)
            if !text.isEmpty { parent.appendRenderedCommonMark(text) }
        } else {
            let parsed = CMarkDocument(parsing: markdown)
            parent.append(CMarkSnapshot(childrenOf: parsed.root))
        }
        if followedByList { parent.appendList(ordered: false).appendItem().appendParagraph().appendCode("scope:read") }
        return document.render(.commonMark)
    }
}
