import Foundation
import Testing

/// The StackOne Hub pages the project was specified from, in `../shared/seeds` beside the
/// package. Only the project's own CI has that folder; a clone anywhere else does not, so every
/// test that reads it is an extra, skipped with ``absentReason`` (see ``SeedFacts`` for what the
/// suite checks without it).
enum SeedPages {
    static let directory = Fixtures.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")

    /// Whether the seeds are beside the package (the three StackOne pages among them).
    static let available: Bool = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return ["000_", "002_", "003_"].allSatisfy { prefix in names.contains { $0.hasPrefix(prefix) } }
    }()

    /// Why a seed test is skipped, shown by `swift test`.
    static let absentReason: Comment = "../shared/seeds is not beside this clone; the recorded facts in Fixtures/SeedFacts are checked instead"

    /// The seed whose file name starts with `number` (`"002"`), with its file name.
    static func page(_ number: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (name: String, text: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let name = try #require(names.sorted().first { $0.hasPrefix(number + "_") },
                                "seed \(number)_* not found in \(directory.path)", sourceLocation: sourceLocation)
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return (name, text)
    }
}
