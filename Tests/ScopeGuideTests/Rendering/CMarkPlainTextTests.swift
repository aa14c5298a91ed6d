import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// `CMarkDocument.plainTextBlocks(in:)` and `inlineMarkup(in:)`: Markdown read by cmark.
@Suite struct CMarkPlainTextTests {
    @Test("each paragraph and heading as its text: markup, entities and escapes read, raw HTML tags left out")
    func blocks() {
        let markdown = """
            # The `title`

            Lists [the *messages*](https://example.com) in
            the user's mailbox &amp; more: \\*not emphasis\\* <b>bold</b>.

            - an item ![alt text](https://example.com/i.png)

            > quoted  
            > text

            ```
            code is not text
            ```
            ---
            """
        #expect(CMarkDocument.plainTextBlocks(in: markdown) == [
            "The title",
            "Lists the messages in the user's mailbox & more: *not emphasis* bold.",
            "an item alt text",
            "quoted text",
        ])
        #expect(CMarkDocument.plainTextBlocks(in: "") == [])
    }

    @Test("inline markup is each kind cmark parses, once, in the order met")
    func inlineMarkup() {
        #expect(CMarkDocument.inlineMarkup(in: "`a` *b* `c` [d](https://x) **e** ![f](https://y) <https://z>")
            == [.codeSpan, .emphasis, .link, .strongEmphasis, .image])
        #expect(CMarkDocument.inlineMarkup(in: "projects/*/secrets/*/versions and a_b_c, 1. x, <b>y</b>, a \\`b\\`") == [])
        #expect(CMarkDocument.inlineMarkup(in: "*`code` first*") == [.emphasis, .codeSpan])
    }
}
