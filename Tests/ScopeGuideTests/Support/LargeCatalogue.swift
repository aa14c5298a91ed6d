import Foundation

/// A generated catalogue the size and shape of a large public API's permission catalogue: about
/// 11,000 actions over 700 scopes, most allowing 2–10 alternative scopes, some needing two at
/// once, `includes` three levels deep and four privilege levels, written in block style.
enum LargeCatalogue {
    static let scopeCount = 700
    static let actionCount = 11_000

    /// The connector file, and with `parts > 1` the actions spread over that many files
    /// (`area-N.actions.yaml`): the same catalogue either way.
    static func files(key: String = "graph", parts: Int = 1, seed: UInt64 = 0x6A7A) -> [String: String] {
        var generator = SeededGenerator(seed: seed)
        var main = "key: \(key)\nname: Generated Graph\n\nscopeDefinitions:\n"
        // Levels: scopes 0..<100 include up to three of 100..<300, which include up to two of 300..<700.
        for index in 0..<scopeCount {
            var lines = ["  s\(index).ReadWrite:"]
            lines.append("    description: Scope \(index)")
            lines.append("    privilege: \(1 + index % 4)")
            let children: [Int]
            switch index {
            case 0..<100: children = (0..<Int.random(in: 0...3, using: &generator)).map { _ in Int.random(in: 100..<300, using: &generator) }
            case 100..<300: children = (0..<Int.random(in: 0...2, using: &generator)).map { _ in Int.random(in: 300..<700, using: &generator) }
            default: children = []
            }
            let unique = Array(Set(children)).sorted()
            if !unique.isEmpty {
                lines.append("    includes:")
                lines += unique.map { "      - s\($0).ReadWrite" }
            }
            main += lines.joined(separator: "\n") + "\n"
        }
        var actions: [String] = []
        for index in 0..<actionCount {
            var lines = ["  - id: \(key)_op_\(index)", "    label: Operation \(index)", "    requiredScopes:", "      anyOf:"]
            for _ in 0..<Int.random(in: 2...10, using: &generator) {
                if Int.random(in: 0..<10, using: &generator) == 0 {
                    let pair = [Int.random(in: 0..<scopeCount, using: &generator), Int.random(in: 0..<scopeCount, using: &generator)]
                    lines.append("        - [s\(pair[0]).ReadWrite, s\(pair[1]).ReadWrite]")
                } else {
                    lines.append("        - s\(Int.random(in: 0..<scopeCount, using: &generator)).ReadWrite")
                }
            }
            actions.append(lines.joined(separator: "\n"))
        }
        let everyScope = (0..<scopeCount).map { "s\($0).ReadWrite" }.joined(separator: ", ")
        let authentication = """

            authentication:
              - oauth:
                  type: oauth2
                  label: OAuth 2.0
                  support:
                    guides:
                      config:
                        sections:
                          - title: Grant the permissions
                            steps:
                              - title: Add the permissions
                                scopes: [\(everyScope)]

            """
        guard parts > 1 else {
            return ["\(key).connector.yaml": main + "\nactions:\n" + actions.joined(separator: "\n") + "\n" + authentication]
        }
        var files = ["\(key).connector.yaml": main + "\nactions: []\n" + authentication]
        let size = (actions.count + parts - 1) / parts
        for part in 0..<parts {
            let slice = actions[min(actions.count, part * size)..<min(actions.count, (part + 1) * size)]
            files["area-\(part).actions.yaml"] = "actions:\n" + slice.joined(separator: "\n") + "\n"
        }
        return files
    }

    /// Writes `files` into `<folder>/<key>/` and returns the guides folder.
    static func write(_ files: [String: String], key: String = "graph") throws -> URL {
        let guides = FileManager.default.temporaryDirectory.appendingPathComponent("sg-large-\(UUID().uuidString)")
        let folder = guides.appendingPathComponent(key)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return guides
    }
}
