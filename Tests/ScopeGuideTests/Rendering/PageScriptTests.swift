import Foundation
import Testing

/// The page script's pure engine against brute force and its URL rules, in Node
/// (`scripts/js-engine-selftest.mjs`); the browser parity test covers the DOM side.
@Suite struct PageScriptTests {
    @Test("the page script's engine self-test passes in Node")
    func nodeSelfTest() throws {
        let node = ["/usr/bin/node", "/usr/local/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let executable = try #require(node, "node is not installed; run scripts/setup")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [Fixtures.packageRoot.appendingPathComponent("scripts/js-engine-selftest.mjs").path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text.suffix(2000))")
        #expect(text.contains(" passed, 0 failed"))
    }
}
