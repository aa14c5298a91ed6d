import Foundation

/// What one `build --shard i/n` run wrote, left in the output folder as
/// `.scopeguide-shard-<i>-of-<n>.json` for ``SiteBuild/merge(writer:)``.
///
/// The merge checks with the receipts that every shard of one split ran, from the same guide
/// sources and options as the merge itself (``SiteBuild/fingerprint``), and that each guide file
/// is still the one its shard wrote: a shard that never ran, files left by an earlier build, a
/// shard run from another commit or with other options, a file edited since, all fail the merge
/// instead of publishing a site no plain build would give. The merge then deletes the receipts.
struct ShardReceipt: Codable, Hashable, Sendable {
    var shard: Int
    var count: Int
    /// The ``SiteBuild/fingerprint`` of the run that wrote it.
    var build: String
    /// The SHA-256 of each guide file the shard wrote, by path.
    var files: [String: String]

    static let namePrefix = ".scopeguide-shard-"

    static func fileName(shard: Int, count: Int) -> String { "\(namePrefix)\(shard)-of-\(count).json" }

    /// The receipt as a file of the output folder.
    func file() -> OutputFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let json = (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return OutputFile(path: Self.fileName(shard: shard, count: count), contents: json + "\n")
    }

    /// The names of the receipts at the top of `folder`, sorted.
    static func names(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix(namePrefix) && $0.hasSuffix(".json") }.sorted()
    }

    /// The receipt in `folder` named `name`, or `nil` if it cannot be read as one.
    static func read(_ name: String, in folder: URL) -> ShardReceipt? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
            let receipt = try? JSONDecoder().decode(ShardReceipt.self, from: data),
            name == fileName(shard: receipt.shard, count: receipt.count)
        else { return nil }
        return receipt
    }
}
