import Crypto

/// The SHA-256 of a text's UTF-8 bytes in lowercase hex: the manifest's file hashes and the
/// hashed asset names.
enum ContentHash {
    /// The first `bytes` bytes of the digest (all 32 by default) as `2 × bytes` hex digits.
    static func hex(of text: String, bytes: Int = 32) -> String {
        var text = text
        let digest = text.withUTF8 { SHA256.hash(data: $0) }
        // Two digits a byte from a table: `String(format: "%02x")` per byte was a quarter of
        // the manifest's time.
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(2 * bytes)
        for byte in digest.prefix(bytes) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
