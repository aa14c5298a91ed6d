import Foundation
import Testing

/// The StackOne Hub pages the project was specified from, in `../shared/seeds` beside the
/// package (CI checks `shared/` out next to the clone).
enum SeedPages {
    static let directory = Fixtures.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")

    /// The seed whose file name starts with `number` (`"002"`), with its file name.
    static func page(_ number: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (name: String, text: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let name = try #require(names.sorted().first { $0.hasPrefix(number + "_") },
                                "seed \(number)_* not found in \(directory.path)", sourceLocation: sourceLocation)
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return (name, text)
    }
}
