import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// The committed engine vectors (`Tests/ScopeGuideTests/Fixtures/engine-vectors/`) are what the
/// Swift engine answers today: each file is generated again and compared byte for byte, so an
/// engine change without `SCOPEGUIDE_RECORD=1 swift test --filter EngineVectorFixtureTests`
/// fails here, naming the first case that differs. With `SCOPEGUIDE_RECORD=1` the files are
/// rewritten and the test fails, as goldens are recorded. The page script replays the same
/// files in Node (``PageScriptTests``) and Chromium (``BrowserParityTests``).
@Suite struct EngineVectorFixtureTests {
    static var isRecording: Bool { ProcessInfo.processInfo.environment["SCOPEGUIDE_RECORD"] == "1" }

    @Test("each committed vector file is what the Swift engine answers today", arguments: EngineVectors.generators.map(\.function))
    func upToDate(function: String) throws {
        let make = try #require(EngineVectors.generators.first { $0.function == function }?.make)
        let file = try make()
        let url = EngineVectors.folder.appendingPathComponent(file.name)
        #expect(file.caseCount > 0)
        if Self.isRecording {
            try FileManager.default.createDirectory(at: EngineVectors.folder, withIntermediateDirectories: true)
            try file.text.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(file.name) (\(file.caseCount) cases); unset SCOPEGUIDE_RECORD and run again")
            return
        }
        guard let committed = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing \(file.name); run \(EngineVectors.recordCommand)")
            return
        }
        if let difference = Self.firstDifference(committed: committed, generated: file) {
            Issue.record("""
                engine-vectors/\(file.name) is stale: \(difference)
                The Swift engine's answers changed, or the file was edited; if the change is meant, run \(EngineVectors.recordCommand) and review the diff.
                """)
        }
    }

    /// Where `committed` and the generated text first differ, or `nil` when they are the same.
    static func firstDifference(committed: String, generated file: EngineVectors.File) -> String? {
        guard committed != file.text else { return nil }
        let old = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let new = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        let label = line < file.lineLabels.count ? file.lineLabels[line] : "past the end"
        // Around the first differing character: a case is one long line.
        let a = line < old.count ? Array(old[line]) : [], b = line < new.count ? Array(new[line]) : []
        let at = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let shown = { (characters: [Character]) in
            characters.isEmpty ? "<end of file>"
                : (at > 100 ? "…" : "") + String(characters[max(0, at - 100)..<min(characters.count, at + 200)]) + (at + 200 < characters.count ? "…" : "")
        }
        return "line \(line + 1), \(label), character \(at + 1):\n  committed: \(shown(a))\n  engine:    \(shown(b))"
    }

    @Test("the vectors cover at least 2,000 cases, and the folder holds exactly the generated files")
    func coverage() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: EngineVectors.folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names == EngineVectors.generators.map { $0.function + ".json" }.sorted(), "files without a generator, or generators without a file")
        let total = try EngineVectors.committedCaseCounts().values.reduce(0, +)
        #expect(total >= 2_000, "\(total) cases")
    }

    /// The committed cases of `function`, each with its group's page data.
    static func cases(_ function: String) throws -> [(data: [String: Any]?, input: Any, expected: Any)] {
        let text = try String(contentsOf: EngineVectors.folder.appendingPathComponent(function + ".json"), encoding: .utf8)
        let file = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? [String: Any])
        let groups = try #require(file["groups"] as? [[String: Any]])
        return groups.flatMap { group in
            ((group["cases"] as? [[String: Any]]) ?? []).map { (group["data"] as? [String: Any], $0["input"] ?? NSNull(), $0["expected"] ?? NSNull()) }
        }
    }

    /// A generator that stopped drawing what a function is there for would still replay clean.
    @Test("the vectors hold the cases each function is there for: budgets run out, every grant change, refusals, templates, links too long")
    func strength() throws {
        let resolve = try Self.cases("resolve").map { ($0.data, $0.expected as? [String: Any] ?? [:]) }
        #expect(resolve.filter { $0.1["optimal"] as? Bool == false }.count >= 10, "answers not proven optimal")
        #expect(resolve.filter { $0.0?["levels"] != nil && $0.1["grant"] != nil }.count >= 100, "levels with a grant")
        for change in GrantChange.allCases {
            #expect(resolve.filter { ($0.1["grant"] as? [String: Any])?["change"] as? String == change.rawValue }.count >= 50, "\(change.rawValue)")
        }
        #expect(resolve.filter { !(($0.1["unavailable"] as? [Any]) ?? []).isEmpty }.count >= 30, "unavailable actions")

        let report = try Self.cases("reportLines").map { ($0.data?["grantChange"] as? String ?? "", Dictionary(uniqueKeysWithValues: (($0.expected as? [[Any]]) ?? []).map { ($0[0] as? String ?? "", $0[1] as? String) })) }
        for change in GrantChange.allCases {
            #expect(report.filter { $0.0 == change.rawValue && $0.1["reconsent"]??.hasPrefix("needed:") == true }.count >= 40, "re-consent under \(change.rawValue)")
        }
        for key in ["dropped", "unneeded", "unavailable"] {
            #expect(report.filter { $0.1[key] as? String != nil }.count >= 20, "\(key) lines")
        }

        let parsed = try Self.cases("parseQuery").map { $0.expected as? [String: Any] ?? [:] }
        #expect(parsed.filter { $0["error"] != nil }.count >= 100 && parsed.filter { $0["query"] != nil }.count >= 100)
        #expect(try Self.cases("variables").filter { ($0.expected as? [String: Any])?["error"] != nil }.count >= 300)

        let sections = try Self.cases("tailor").flatMap { ($0.expected as? [[String: Any]]) ?? [] }
        let steps = sections.flatMap { ($0["steps"] as? [[String: Any]]) ?? [] }
        #expect(sections.filter { $0["visible"] as? Bool == false }.count >= 50 && steps.filter { $0["visible"] as? Bool == false }.count >= 100)
        #expect(steps.filter { !(($0["badge"] as? [Any]) ?? []).isEmpty }.count >= 100)

        let prefill = try Self.cases("prefillLink")
        #expect(prefill.filter { $0.expected is NSNull }.count >= 10 && prefill.filter { $0.expected is String }.count >= 100)
        #expect(prefill.contains { ($0.expected as? String)?.hasPrefix("https://github.com/settings/tokens/new") == true })
        let authorize = try Self.cases("authorizeURL").compactMap { $0.expected as? String }
        #expect(authorize.filter { $0.contains("{client_id}") || $0.contains("{redirect_uri}") }.count >= 20)
        #expect(authorize.filter { $0.hasSuffix("include_granted_scopes=true") }.count >= 20)
    }
}
