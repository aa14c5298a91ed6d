import Crypto
import Foundation

/// A strong entity tag for a rendered body: the first 16 bytes of its SHA-256 in hex, quoted.
///
/// Rendering is deterministic, so equal tags mean equal bodies and a client's cached copy can be
/// confirmed with `304 Not Modified` instead of sending the page again.
struct EntityTag: Hashable, Sendable, CustomStringConvertible {
    /// With the quotes, as it appears in `ETag`.
    let description: String

    init<Bytes: Collection<UInt8>>(body: Bytes) {
        let digest = SHA256.hash(data: Array(body)).prefix(16)
        description = "\"" + digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined() + "\""
    }

    /// Whether an `If-None-Match` value names this tag: `*`, or a comma-separated list holding it.
    /// The comparison is weak (a `W/` prefix is ignored), as RFC 9110 §13.1.2 asks.
    func matches(ifNoneMatch header: String) -> Bool {
        header.split(separator: ",").contains { item in
            var tag = item.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag = String(tag.dropFirst(2)) }
            return tag == description
        }
    }
}
