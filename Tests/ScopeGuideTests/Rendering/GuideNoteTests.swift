import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Every note a guide can carry appears in Markdown, in the HTML fragment and on the page: one
/// component builds them for all three.
@Suite struct GuideNoteTests {
    static let catalog: Catalog = {
        // Twelve actions of two alternatives each over overlapping scopes, so a tiny search budget
        // cannot prove its answer minimal.
        let scopes = (0..<12).map { "  s\($0): {}" }.joined(separator: "\n")
        let actions = (0..<12).map { "  - {id: n_\($0), label: Action \($0), requiredScopes: {anyOf: [s\($0), s\(($0 + 1) % 12)]}}" }
            .joined(separator: "\n")
        let yaml = """
            key: notes
            name: Notes
            scopeDefinitions:
            \(scopes)
            actions:
            \(actions)
            authentication:
              - oauth2:
                  type: oauth2
                  label: OAuth
                  grantType: authorization_code
                  authorizationUrl: https://notes.example/authorize
                  tokenUrl: https://notes.example/token
                  defaultScopes: [s0]
                  support:
                    guides:
                      config:
                        sections:
                          - title: Grant
                            steps:
                              - title: Pick scopes
                                scopes: [\((0..<12).map { "s\($0)" }.joined(separator: ", "))]
            """
        do {
            return Catalog(connectors: [try CatalogLoader().loadConnector(yaml: yaml, file: "notes.connector.yaml").connector])
        } catch {
            fatalError("\(error)")
        }
    }()

    /// The request for `query`, its notes, and the guide in each format.
    static func rendered(_ query: String, renderer: GuideRenderer = GuideRenderer(catalog: catalog)) throws -> (notes: [GuideNote], outputs: [String]) {
        var request = try catalog.guide(connector: "notes")
        try request.applyQuery(Substring(query))
        let notes = GuideNote.notes(for: renderer.tailor.guide(for: request))
        return (notes, [RenderFormat.markdown, .fragment, .html].map { renderer.render(request, as: $0) })
    }

    @Test("each note is in Markdown, the fragment and the page", arguments: [
        ("", ["default-scopes"]),
        // The grant already enables the selection: nothing to do, so no reasons for a request.
        ("actions=n_0,n_1&granted=s1", ["already-granted", "reconsent"]),
        ("actions=n_0&granted=s0,s5", ["already-granted", "reconsent"]),
        ("actions=n_0,n_3&without=s0,s1", ["refused", "unavailable", "why"]),
    ])
    func everyFormat(query: String, expected: [String]) throws {
        let (notes, outputs) = try Self.rendered(query)
        #expect(notes.map(\.name) == expected)
        for note in notes {
            let (label, text) = note.content
            for output in outputs {
                let escaped = text.replacingOccurrences(of: "'", with: "’")
                #expect(output.contains(text) || output.contains(escaped), "\(note.name) missing from \(output.prefix(300))")
                if let label { #expect(output.contains(label)) }
            }
        }
    }

    @Test("a search that ran out of budget says so in every format")
    func notMinimal() throws {
        let tight = GuideRenderer(tailor: Tailor(catalog: Self.catalog, nodeBudget: 1))
        let (notes, outputs) = try Self.rendered("actions=" + (0..<12).map { "n_\($0)" }.joined(separator: ","), renderer: tight)
        #expect(notes.first == .notMinimal)
        #expect(notes.map(\.name) == ["not-minimal", "why"])
        for output in outputs { #expect(output.contains(GuideNote.notMinimal.content.text)) }
    }

    @Test("the page marks its notes for the script, which hides them once the selection changes")
    func pageMarksNotes() throws {
        let (_, outputs) = try Self.rendered("actions=n_0&granted=s0,s5")
        #expect(outputs[2].contains("<div class=\"sg-summary\" data-guide-notes>"))
        #expect(!outputs[1].contains("data-guide-notes"))
    }
}
