import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct DiagnosticTests {
    @Test("load, import and lint problems print in the one shape: where, severity, key path, message")
    func oneShape() {
        let load = LoadError(location: SourceLocation(file: "g/demo.connector.yaml", line: 3, column: 5), keyPath: "actions[0].id", reason: .duplicateActionID("a"))
        #expect(Diagnostic(load).description == #"g/demo.connector.yaml:3:5: error: actions[0].id: duplicate action id "a""#)
        let unknownKey = LoadError(location: SourceLocation(file: "x.yaml", line: 1, column: 1), keyPath: "requiredScope", reason: .unknownKey("requiredScope", suggestions: ["requiredScopes"]))
        #expect(Diagnostic(unknownKey).severity == .error)
        #expect(Diagnostic(unknownKey).description == #"x.yaml:1:1: error: requiredScope: unknown key "requiredScope"; did you mean "requiredScopes"? (start a deliberate extension's key with x-)"#)

        let imported = ImportError(file: "page.mdx", line: 12, reason: .ignoredComment)
        #expect(Diagnostic(imported).description == "page.mdx:12: warning: an HTML comment is ignored")
        #expect(imported.description == Diagnostic(imported).description)
        let failed = ImportError(file: "page.mdx", line: 4, reason: .unknownElement("kbd"))
        #expect(Diagnostic(failed).severity == .error)

        let finding = LintFinding(connector: "demo", kind: .noActions)
        #expect(Diagnostic(finding).description == "demo: warning: connector has no actions")
        #expect(finding.description == Diagnostic(finding).description)
    }

    @Test("a load failure lists its errors as diagnostics, in source order")
    func loadFailure() {
        let late = LoadError(location: SourceLocation(file: "a.yaml", line: 9, column: 1), keyPath: "", reason: .missingLabel)
        let early = LoadError(location: SourceLocation(file: "a.yaml", line: 2, column: 7), keyPath: "name", reason: .missingField("name"))
        let failure = DiagnosticsError(loading: [late, early])
        #expect(failure.diagnostics.map(\.line) == [2, 9])
        #expect(failure.description.hasPrefix(#"a.yaml:2:7: error: name: missing required field "name""#))
        #expect(failure.description.hasSuffix("2 errors in guide sources"))
    }

    @Test("diagnostics encode every field for scripts, and sort files before connectors")
    func encodingAndOrder() throws {
        let diagnostic = Diagnostic(severity: .error, file: "f.yaml", line: 2, column: 3, keyPath: "k", message: "m")
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(diagnostic)) as? [String: Any])
        #expect(object["severity"] as? String == "error")
        #expect(object["file"] as? String == "f.yaml" && object["line"] as? Int == 2 && object["column"] as? Int == 3)
        #expect(object["keyPath"] as? String == "k" && object["message"] as? String == "m")
        let lint = Diagnostic(severity: .warning, connector: "a", message: "x")
        let later = Diagnostic(severity: .error, file: "f.yaml", line: 10, column: 1, message: "y")
        #expect([lint, later, diagnostic].sorted(by: Diagnostic.sourceOrder) == [diagnostic, later, lint])
    }
}
