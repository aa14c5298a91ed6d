import Crypto
import Foundation

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
        return hex(hasher.finalize())
    }()

    /// A digest of the visible regular files under `folder`: their relative paths and bytes, in
    /// path order; `nil` when a file cannot be read.
    static func folder(_ folder: URL) -> String? {
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
            guard let data = try? Data(contentsOf: file.url) else { return nil }
            hasher.update(data: Array(file.path.utf8) + [0])
            hasher.update(data: Array(String(data.count).utf8) + [0])
            hasher.update(data: data)
        }
        return hex(hasher.finalize())
    }

    /// The fingerprint of the program together with a folder digest.
    static func combined(program: String, folder: String) -> String {
        hex(SHA256.hash(data: Array("\(program)\n\(folder)".utf8)))
    }

    /// A fingerprint no other load shares: for guides not loaded from a folder, or a folder that
    /// changed while it was read (its digest then names no one catalogue).
    static func unique() -> String { "unique-" + UUID().uuidString }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
