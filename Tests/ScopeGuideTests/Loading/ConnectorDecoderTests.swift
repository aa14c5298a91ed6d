import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct ConnectorDecoderTests {
    @Test("scope lists split at whitespace as Character.isWhitespace does", arguments: [
        "a b", "  a\tb\n", "a\r\nb", "a\u{0B}b\u{0C}c", "", "   ", "a", "a\u{00A0}b", "a\u{2003}b", "a\u{85}b", "a \u{301}b",
        "a\u{200B}b", "a\u{1F}b", "ä b",
    ])
    func words(_ text: String) {
        #expect(ConnectorDecoder.words(text) == text.split(whereSeparator: \.isWhitespace).map(String.init))
    }

    @Test("a label is blank exactly when trimming whitespace empties it", arguments: [
        "", " ", "\t", "\n", " x", "x ", "\u{3000}", "\u{00A0}", "\u{200B}", "\u{2028}", "\u{85}", "\u{7F}", "\u{1}", "\u{301}", "~",
    ])
    func blank(_ text: String) {
        #expect(ConnectorDecoder.isBlank(text) == text.trimmingCharacters(in: .whitespaces).isEmpty)
    }

    @Test("action ids take letters, digits and _ . : @ - only", arguments: [
        ("a.b:c@d-e_F9", true), ("demo_é", false), ("a b", false), ("a,b", false), ("a/b", false),
    ])
    func actionIDs(_ id: String, _ valid: Bool) {
        let yaml = CatalogLoaderTests.valid.replacingOccurrences(of: "id: demo_list", with: "id: \"\(id)\"")
        let reasons = Fixtures.loadErrors(yaml).map(\.reason)
        #expect(reasons == (valid ? [] : [.invalidValue(id, expected: "an action id of letters, digits and _ . : @ -")]))
    }

    @Test("variables are found in labels, content and lists", arguments: [
        ("{ {tenant}}", false), ("x{{tenant}}", true), ("{{{tenant}}}", true), ("{tenant}", false),
    ])
    func variablesInText(_ text: String, _ reported: Bool) {
        let yaml = CatalogLoaderTests.valid.replacingOccurrences(of: "label: List Items", with: "label: \"\(text)\"")
        #expect(Fixtures.loadErrors(yaml).contains { if case .undeclaredVariable = $0.reason { true } else { false } } == reported)
    }
}
