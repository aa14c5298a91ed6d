import Foundation
import Testing

/// Compares output with a committed golden file beside the tests.
///
/// With `SCOPEGUIDE_RECORD=1` it rewrites the file and fails, so a recording run is never
/// mistaken for a passing one; review the diff like code.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func assertMatches(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SCOPEGUIDE_RECORD"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); unset SCOPEGUIDE_RECORD and run again", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name); run with SCOPEGUIDE_RECORD=1 to create it", sourceLocation: sourceLocation)
            return
        }
        guard actual != expected else { return }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = Array(zip(actualLines, expectedLines)).firstIndex { $0 != $1 } ?? min(actualLines.count, expectedLines.count)
        let shown = { (lines: [Substring]) in first < lines.count ? String(lines[first].prefix(300)) : "<end of file>" }
        Issue.record("""
            \(name) differs at line \(first + 1):
              expected: \(shown(expectedLines))
              actual:   \(shown(actualLines))
            """, sourceLocation: sourceLocation)
    }
}
