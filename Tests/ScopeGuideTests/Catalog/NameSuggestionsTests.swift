import Testing

@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// "Did you mean" stays a bounded courtesy: a request full of unknown names must not cost an
/// edit distance per name and defined scope (issue 22: eight such requests stalled the server).
@Suite struct NameSuggestionsTests {
    @Test("only the first five unknown scopes of a request get suggestions; every unknown one is still named")
    func firstFiveUnknownScopes() throws {
        let names = (0..<360).map { "messages:sendd\($0)" }
        let url = "/connectors/front/guides/link-account/api-token?granted=" + names.joined(separator: ",")
        let error = #expect(throws: GuideURLError.self) { try GuideRequest(parsing: url, in: Fixtures.catalog) }
        guard case .unknownScopes(let unknown, _) = error else {
            Issue.record("expected unknownScopes, got \(String(describing: error))")
            return
        }
        #expect(unknown.map(\.scope) == names)
        #expect(unknown.prefix(5).allSatisfy { !$0.suggestions.isEmpty }, "\(unknown.prefix(5))")
        #expect(unknown.dropFirst(5).allSatisfy { $0.suggestions.isEmpty })
    }

    @Test("only the first five unknown actions of a selection get suggestions")
    func firstFiveUnknownActions() throws {
        let ids = (0..<50).map { ActionID("front_send_messag\($0)") }
        let error = #expect(throws: SelectionError.self) { try Selection(ids, in: Fixtures.front) }
        guard case .unknownActions(let unknown, _) = error else { return }
        #expect(unknown.count == 50)
        #expect(unknown.prefix(5).allSatisfy { !$0.suggestions.isEmpty })
        #expect(unknown.dropFirst(5).allSatisfy { $0.suggestions.isEmpty })
    }

    @Test("a name longer than the limit gets no suggestions, even one that contains a defined name")
    func longNames() {
        let long = String(repeating: "x", count: NameSuggestions.maximumNameLength) + "messages:send"
        #expect(NameSuggestions.closest(to: long, in: ["messages:send", "tags:read"]).isEmpty)
        // At the limit a containing name is still related.
        let atLimit = String(repeating: "x", count: NameSuggestions.maximumNameLength - 13) + "messages:send"
        #expect(NameSuggestions.closest(to: atLimit, in: ["messages:send", "tags:read"]) == ["messages:send"])
    }

    @Test("the cut-off edit distance equals the full one up to the cut-off, and exceeds it past it")
    func cutoffDistance() {
        var generator = SeededGenerator(seed: 22)
        let alphabet = Array("abc:".unicodeScalars)
        for _ in 0..<2_000 {
            let a = (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let b = (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let cutoff = Int.random(in: 0...6, using: &generator)
            let full = NameSuggestions.editDistance(a, b)
            let cut = NameSuggestions.editDistance(a, b, cutoff: cutoff)
            if full <= cutoff { #expect(cut == full, "\(a) \(b)") } else { #expect(cut > cutoff, "\(a) \(b)") }
        }
    }
}
