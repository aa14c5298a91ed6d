import Foundation

/// A connector whose full selection is expensive to resolve: `actions` any-of actions, each
/// satisfied by any one of `alternatives` scopes drawn from `scopes`, so that finding the fewest
/// scopes is a hitting-set search. Deterministic (a fixed linear congruential generator), so
/// every run builds the same file.
enum HeavyGuide {
    static let key = "heavy"
    static let path = "/connectors/heavy/guides/link-account/key"

    static func yaml(actions: Int, scopes: Int, alternatives: Int) -> String {
        var state: UInt64 = 12345
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var lines = ["key: \(key)", "name: Heavy", "scopeDefinitions:"]
        lines += (0..<scopes).map { "  s\($0): {}" }
        lines.append("actions:")
        for action in 0..<actions {
            var picks: [Int] = []
            while picks.count < alternatives {
                let scope = next(scopes)
                if !picks.contains(scope) { picks.append(scope) }
            }
            lines.append("  - {id: heavy_a\(action), label: Action \(action), requiredScopes: {anyOf: [\(picks.map { "s\($0)" }.joined(separator: ", "))]}}")
        }
        lines += [
            "authentication:", "  - key:", "      type: custom", "      label: Key", "      support:", "        guides:", "          config:",
            "            sections:", "              - title: Grant access",
            "                steps: [{title: Grant the scopes, scopes: \((0..<scopes).map { "s\($0)" }.joined(separator: " "))}]",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every action's id, comma-separated: the most expensive selection.
    static func allActions(_ count: Int) -> String { (0..<count).map { "heavy_a\($0)" }.joined(separator: ",") }

    /// A guides folder holding only this connector; the caller removes it.
    static func folder(actions: Int, scopes: Int, alternatives: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-heavy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(key), withIntermediateDirectories: true)
        try yaml(actions: actions, scopes: scopes, alternatives: alternatives)
            .write(to: folder.appendingPathComponent("\(key)/\(key).connector.yaml"), atomically: true, encoding: .utf8)
        return folder
    }
}
