import Crypto
import Foundation
import ScopeGuide

/// A strong entity tag: the first 16 bytes of a SHA-256 in hex, quoted.
///
/// Assets are tagged by their bytes. Tailored guides are tagged by the guides' fingerprint and
/// the canonical request (``init(fingerprint:key:)``): rendering is deterministic, so the same
/// program, guide sources and canonical request always give the same body, and a client's copy
/// can be confirmed with `304 Not Modified` without rendering or hashing the body.
struct EntityTag: Hashable, Sendable, CustomStringConvertible {
    /// With the quotes, as it appears in `ETag`.
    let description: String

    init<Bytes: Collection<UInt8>>(body: Bytes) {
        description = Self.quotedHex(SHA256.hash(data: Array(body)))
    }

    /// The tag of the answer to the canonical request `key` under the guides `fingerprint`
    /// (``GuideLibrary/Contents/fingerprint``).
    init(fingerprint: String, key: String) {
        var hasher = SHA256()
        hasher.update(data: Array(fingerprint.utf8))
        hasher.update(data: [0x0A])
        hasher.update(data: Array(key.utf8))
        description = Self.quotedHex(hasher.finalize())
    }

    private static func quotedHex(_ digest: SHA256.Digest) -> String {
        "\"" + ContentHash.hex(digest.prefix(16)) + "\""
    }

    /// Whether an `If-None-Match` value names this tag: `*`, or a comma-separated list holding it.
    /// The comparison is weak (a `W/` prefix is ignored), as RFC 9110 §13.1.2 asks. Without
    /// `wildcard`, only a list that names this tag matches.
    func matches(ifNoneMatch header: String, wildcard: Bool = true) -> Bool {
        header.split(separator: ",").contains { item in
            var tag = item.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return wildcard }
            if tag.hasPrefix("W/") { tag = String(tag.dropFirst(2)) }
            return tag == description
        }
    }
}
