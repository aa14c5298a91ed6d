import Ccmark
import CLibFuzzer
import Foundation
import ScopeGuide
import ScopeGuideCore
// @testable for the splice check below (MarkdownFragment, CMarkDocument's nodes and
// CMarkSnapshot are internal to rendering); SwiftPM's debug builds allow it.
@testable import ScopeGuideRendering

/// libFuzzer target: arbitrary text as the Markdown of a step (its content, title and a list
/// item) and of the guide's warning, rendered to Markdown, the HTML fragment and the page.
///
/// Checked on every input: rendering is byte-identical on a second call (which uses the
/// catalogue's cached fragments); the Markdown, read again by plain cmark, has no raw HTML and no
/// unsafe link; the fragment has no `<script`, event-handler attribute or unsafe URL; and the
/// text as block content, spliced into Markdown output as cmark rendered it, prints the bytes
/// cmark prints for its rebuilt nodes (MarkdownFragment).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGuideRenderer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let step = Step(title: text, content: text, list: [text, "plain"], scopes: ["a:read"])
    let guide = Guide(warning: text, sections: [
        Section(title: "First", content: text, steps: [Step(title: "Open", content: "Sign in."), step]),
    ])
    let connector = Connector(
        key: "demo", name: "Demo",
        scopeDefinitions: [ScopeDefinition(scope: "a:read"), ScopeDefinition(scope: "a:write", includes: ["a:read"])],
        actions: [Action(id: "demo_list", label: "List", requirement: Requirement(allOf: ["a:read"]))],
        methods: [AuthMethod(key: "token", kind: .custom, label: "Token", guides: [.config: guide])])
    let catalog = Catalog(connectors: [connector])
    let renderer = GuideRenderer(catalog: catalog)
    var request = try! catalog.guide(connector: "demo")
    try! request.select(["demo_list"])

    checkSplice(text)
    for format in [RenderFormat.markdown, .fragment, .html] {
        let first = renderer.render(request, as: format)
        let second = renderer.render(request, as: format)
        precondition(first == second, "\(format) rendering is not byte-identical on a second call")
        switch format {
        case .markdown: checkMarkdown(first)
        case .fragment: checkHTML(first)
        default: break
        }
    }
    return 0
}

/// Block text spliced where the builder puts it (top level, list items whose marker width
/// differs, followed by a list or not) must print as its rebuilt nodes do.
func checkSplice(_ text: String) {
    let fragment = MarkdownFragment(text, kind: .block)
    for followedByList in [false, true] {
        for number: Int32 in [0, 1, 100] {
            let rendered = [true, false].map { splice in
                let document = CMarkDocument()
                var parent = document.root
                if number == 0 {
                    parent.appendHeading(level: 2).appendText("Section")
                } else {
                    let list = document.root.appendList(ordered: true, tight: false)
                    cmark_node_set_list_start(list.pointer, number)
                    parent = list.appendItem()
                    parent.appendParagraph().appendStrong("Step")
                }
                if splice {
                    let spliced = fragment.commonMark(beforeList: followedByList)
                    if !spliced.isEmpty { parent.appendRenderedCommonMark(spliced) }
                } else {
                    let parsed = CMarkDocument(parsing: text)
                    parent.append(CMarkSnapshot(childrenOf: parsed.root))
                }
                if followedByList { parent.appendList(ordered: false).appendItem().appendParagraph().appendCode("a:read") }
                return document.render(.commonMark)
            }
            precondition(rendered[0] == rendered[1], "spliced block text prints differently (item \(number), list after: \(followedByList)):\n\(rendered[0].debugDescription)\n\(rendered[1].debugDescription)")
        }
    }
}

/// Plain cmark (no sanitiser) must find no raw HTML and no unsafe link in our Markdown.
func checkMarkdown(_ markdown: String) {
    var text = markdown
    guard let root = text.withUTF8({ bytes in
        bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) }
    }) else { fatalError("cmark could not parse the output") }
    defer { cmark_node_free(root) }
    let iterator = cmark_iter_new(root)
    defer { cmark_iter_free(iterator) }
    while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
        guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            let literal = String(cString: cmark_node_get_literal(node))
            // cmark's CommonMark renderer writes this comment itself to keep two lists apart; after
            // a nested list it reads back as an inline comment (Fuzz/README.md).
            precondition(literal == "<!-- end list -->\n" || literal == "<!-- end list -->", "raw HTML in Markdown output: \(literal.debugDescription)")
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            let url = String(cString: cmark_node_get_url(node))
            precondition(isSafe(url), "unsafe link in Markdown output: \(url.debugDescription)")
        default:
            break
        }
    }
}

/// No script element, no event handler, no unsafe URL in an attribute.
func checkHTML(_ html: String) {
    let lowered = html.lowercased()
    precondition(!lowered.contains("<script"), "script element in the fragment")
    for attribute in ["href=\"", "src=\""] {
        for piece in lowered.components(separatedBy: attribute).dropFirst() {
            let value = String(piece.prefix { $0 != "\"" })
            precondition(isSafe(value.replacingOccurrences(of: "&amp;", with: "&")), "unsafe URL \(value.debugDescription) in the fragment")
        }
    }
    // A tag's attributes are ours; an `on…=` inside a tag would be an event handler.
    let bytes = Array(lowered.utf8)
    var inTag = false
    for index in bytes.indices {
        switch bytes[index] {
        case UInt8(ascii: "<"): inTag = true
        case UInt8(ascii: ">"): inTag = false
        case UInt8(ascii: "o") where inTag && index > 0 && bytes[index - 1] == UInt8(ascii: " "):
            guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "n") else { continue }
            let name = bytes[(index + 2)...].prefix { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
            let next = index + 2 + name.count
            precondition(name.isEmpty || next >= bytes.count || bytes[next] != UInt8(ascii: "="), "event handler attribute in the fragment")
        default:
            break
        }
    }
}

/// cmark's own rule for safe mode: no javascript:, vbscript:, file:, and data: only for images.
func isSafe(_ url: String) -> Bool {
    let trimmed = url.drop { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true }.lowercased()
        .filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
    if ["javascript:", "vbscript:", "file:"].contains(where: trimmed.hasPrefix) { return false }
    if trimmed.hasPrefix("data:") {
        return ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: trimmed.hasPrefix)
    }
    return true
}

// This file's top-level code is the program's entry point: hand control to libFuzzer, which calls
// `fuzzGuideRenderer` with each input (`FuzzGuideRenderer -help=1` lists its options).
var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzGuideRenderer(data!, size) })
