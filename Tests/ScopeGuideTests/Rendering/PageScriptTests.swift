import Foundation
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering
import TestTools
import Testing

/// The page script's pure engine against brute force and its URL rules, in Node
/// (`scripts/js-engine-selftest.mjs`), and against the Swift engine on the committed engine
/// vectors (``EngineVectors``); the browser parity tests cover the DOM side and replay the
/// vectors in Chromium.
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

    @Test("the page script gives the Swift engine's answer on every committed engine vector, in Node", .requires(.node))
    func nodeReplaysEngineVectors() throws {
        let counts = try EngineVectors.committedCaseCounts()
        let total = counts.values.reduce(0, +)
        #expect(total >= 2_000)
        let (status, text) = try Self.runSelfTest(["--vectors", EngineVectors.folder.path])
        print("engine vectors in Node: \(text.split(separator: "\n").suffix(2).joined(separator: "; "))")
        #expect(status == 0, "\(text.suffix(4000))")
        #expect(text.contains("\n\(total) passed, 0 failed"))
        for (name, count) in counts.sorted(by: { $0.key < $1.key }) {
            #expect(text.contains("\(name): \(count) cases, \(count) passed, 0 failed"), "\(name)")
        }
    }
}
