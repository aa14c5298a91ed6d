import Crypto
import Foundation

/// SHA-256 digests in lowercase hex: the manifest's file hashes, the hashed asset names, the guide
/// sources' digest (shard receipts, the server's fingerprint) and the server's entity tags.
package enum ContentHash {
    /// The first `bytes` bytes of the digest (all 32 by default) as `2 × bytes` hex digits.
    package static func hex(of text: String, bytes: Int = 32) -> String {
        var text = text
        return hex(text.withUTF8 { SHA256.hash(data: $0) }.prefix(bytes))
    }

    /// `bytes` as two lowercase hex digits each.
    package static func hex(_ bytes: some Sequence<UInt8>) -> String {
        // Two digits a byte from a table: `String(format: "%02x")` per byte was a quarter of
        // the manifest's time.
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        for byte in bytes {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// A digest of the visible regular files under `folder`, their relative paths and bytes in
    /// path order: equal for two checkouts of the same guide sources, different after any edit;
    /// `nil` when a file cannot be read. `build --shard` records it and `--merge` compares it
    /// (`ShardReceipt`); the server's fingerprint is made from it.
    package static func folder(_ folder: URL) -> String? {
        let root = folder.resolvingSymlinksInPath().standardizedFileURL
        let base = root.path + "/"
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        var files: [(path: String, url: URL)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            files.append((path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path, url))
        }
        var hasher = SHA256()
        for file in files.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
            guard let data = FileManager.default.contents(atPath: file.url.path) else { return nil }
            // Lengths first, so no two different lists of files hash the same bytes.
            hasher.update(data: Data("\(file.path.utf8.count):\(file.path)\(data.count):".utf8))
            hasher.update(data: data)
        }
        return hex(hasher.finalize())
    }
}
