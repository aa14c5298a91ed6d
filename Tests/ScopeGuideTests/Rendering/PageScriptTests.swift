import Foundation
@testable import ScopeGuide
import TestTools
import Testing

/// The page script's pure engine against brute force and its URL rules, in Node
/// (`scripts/js-engine-selftest.mjs`), and against the Swift engine on the shared engine vectors;
/// the browser parity tests cover the DOM side and replay the vectors in Chromium.
@Suite struct PageScriptTests {
    /// Runs the self-test script with `arguments`: its exit status and output.
    static func runSelfTest(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let executable = try ExternalTool.node.required()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [Fixtures.packageRoot.appendingPathComponent("scripts/js-engine-selftest.mjs").path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test("the page script's engine self-test passes in Node", .requires(.node))
    func nodeSelfTest() throws {
        let (status, text) = try Self.runSelfTest([])
        #expect(status == 0, "\(text.suffix(2000))")
        #expect(text.contains(" passed, 0 failed"))
    }

    @Test("the page script gives the engine's answers on the shared engine vectors, in Node", .requires(.node))
    func nodeReplaysEngineVectors() throws {
        let corpus = try EngineVectors.corpus()
        #expect(corpus.caseCount >= 500)
        #expect(corpus.constrainedLevelCount >= 50)
        let file = try EngineVectors.write(corpus)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let (status, text) = try Self.runSelfTest(["--vectors", file.path])
        print("engine vectors in Node: \(corpus.caseCount) cases, \(corpus.constrainedLevelCount) with levels and a grant or refusal, "
            + "\(corpus.nonOptimalCount) not proven optimal (compared too); \(text.split(separator: "\n").suffix(2).joined(separator: "; "))")
        #expect(status == 0, "\(text.suffix(3000))")
        #expect(text.contains("\(corpus.caseCount) passed, 0 failed"))
    }

    /// Issue 22: a static page took `?var.x=1` (undeclared) or a value its pattern refuses and
    /// put it in the dynamic URL it showed, which the engine answers with 400.
    @Test("the page script refuses and keeps exactly the variables the engine does, with its messages, in Node", .requires(.node))
    func nodeReplaysVariableVectors() throws {
        let corpus = try EngineVectors.variableCorpus()
        // Enough of each kind that a gap shows: refusals, and refusals by the default pattern.
        #expect(corpus.caseCount >= 1000)
        #expect(corpus.refusedCount >= 300 && corpus.defaultPatternRefusals >= 20)
        let file = try EngineVectors.write(corpus)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let (status, text) = try Self.runSelfTest(["--variable-vectors", file.path])
        print("variable vectors in Node: \(corpus.caseCount) cases, \(corpus.refusedCount) refused; \(text.split(separator: "\n").suffix(2).joined(separator: "; "))")
        #expect(status == 0, "\(text.suffix(3000))")
        #expect(text.contains("\(corpus.caseCount) passed, 0 failed"))
    }

    /// Issue 24: the page reads, writes and plans `stages=` as the engine does.
    @Test("the page script parses, writes and plans consent stages as the engine does, in Node", .requires(.node))
    func nodeReplaysStageVectors() throws {
        let corpus = try StageVectors.corpus()
        #expect(corpus.caseCount >= 500 && corpus.planCount >= 300 && corpus.errorCount >= 40)
        #expect(GrantChange.allCases.allSatisfy { (corpus.plansByChange[$0.rawValue] ?? 0) >= 50 })
        #expect(PrefillKind.allCases.allSatisfy { (corpus.prefillsByKind[$0.rawValue] ?? 0) >= 30 }, "\(corpus.prefillsByKind)")
        let file = try StageVectors.write(corpus)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let (status, text) = try Self.runSelfTest(["--stage-vectors", file.path])
        print("stage vectors in Node: \(corpus.caseCount) cases, \(corpus.planCount) plans \(corpus.plansByChange.sorted { $0.key < $1.key }), "
            + "prefill links \(corpus.prefillsByKind.sorted { $0.key < $1.key }), "
            + "\(corpus.errorCount) refused; \(text.split(separator: "\n").suffix(2).joined(separator: "; "))")
        #expect(status == 0, "\(text.suffix(3000))")
        #expect(text.contains("\(corpus.caseCount) passed, 0 failed"))
    }
}
