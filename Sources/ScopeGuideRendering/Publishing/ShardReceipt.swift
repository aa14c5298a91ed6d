import Foundation
import ScopeGuideCore

/// What one `build --shard i/n` run wrote, left in the output folder as
/// `.scopeguide-shard-<i>-of-<n>.json` for `SiteBuild/merge(writer:)`.
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
        let json = PrettyJSON.object([
            ("shard", .integer(shard)), ("count", .integer(count)), ("build", .string(build)),
            ("files", .object(files.map { ($0.key, .string($0.value)) })),
        ])
        return OutputFile(path: Self.fileName(shard: shard, count: count), contents: json.text + "\n")
    }

    /// The names of the receipts at the top of the writer's folder, sorted.
    static func names(writer: OutputWriter) -> [String] {
        writer.fileNames().filter { $0.hasPrefix(namePrefix) && $0.hasSuffix(".json") }
    }

    /// The largest receipt read: a shard of the largest catalogue lists a few thousand files.
    static let maximumSize = 16 << 20

    /// The receipt named `name` in the writer's folder, or `nil` if it cannot be read as one:
    /// not a regular file, larger than ``maximumSize``, not JSON of this shape, or with a value
    /// out of range (a shard outside `1…count`, a count outside `1…`
    /// `SiteBuild/Shard/maximumCount`, a path outside the folder, a hash that is not SHA-256
    /// hex). Nothing in a receipt can make the merge trap or run long.
    static func read(_ name: String, writer: OutputWriter) -> ShardReceipt? {
        guard let data = writer.contents(of: name, limit: maximumSize) else { return nil }
        return decode(data, name: name)
    }

    /// ``read(_:writer:)``'s checks on a receipt's bytes.
    static func decode(_ data: Data, name: String) -> ShardReceipt? {
        guard let receipt = try? JSONDecoder().decode(ShardReceipt.self, from: data),
            SiteBuild.Shard(index: receipt.shard, count: receipt.count) != nil,
            name == fileName(shard: receipt.shard, count: receipt.count),
            isSHA256(receipt.build),
            receipt.files.allSatisfy({ path, hash in isSHA256(hash) && isRelativePath(path) })
        else { return nil }
        return receipt
    }

    private static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private static func isRelativePath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.isEmpty && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }
}
