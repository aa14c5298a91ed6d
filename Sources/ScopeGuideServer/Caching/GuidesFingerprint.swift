import Crypto
import Foundation
import ScopeGuide

/// What a served answer depends on besides its request: the program and the guide sources.
///
/// Two `serve` processes of the same binary over the same `Guides/` have the same fingerprint, so
/// the `ETag`s they derive from it (``EntityTag/init(fingerprint:key:)``) agree, and a client or a
/// shared cache that revalidates through another instance behind a load balancer still gets
/// `304`. Any edit to a guide file, or another build of the program, changes it.
enum GuidesFingerprint {
    /// SHA-256 of the running executable's bytes, read once per process (about 40 ms for a 67 MB
    /// release build); `nil` when the file cannot be read.
    static let program: String? = {
        #if os(Linux)
        let path = "/proc/self/exe"
        #else
        guard let path = Bundle.main.executablePath else { return nil }
        #endif
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 4 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return ContentHash.hex(hasher.finalize())
    }()

    /// The fingerprint of the program together with the guide sources' digest
    /// (`ContentHash.folder(_:)`, the one shard receipts record).
    static func combined(program: String, folder: String) -> String {
        ContentHash.hex(SHA256.hash(data: Array("\(program)\n\(folder)".utf8)))
    }

    /// A fingerprint no other load shares: for guides not loaded from a folder, or a folder that
    /// changed while it was read (its digest then names no one catalogue).
    static func unique() -> String { "unique-" + UUID().uuidString }
}
