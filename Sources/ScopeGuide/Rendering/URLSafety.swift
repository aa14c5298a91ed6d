/// Which link URLs may appear in output: cmark's own rule for safe mode, applied to both formats.
enum URLSafety {
    /// `false` for `javascript:`, `vbscript:` and `file:` URLs, and `data:` URLs other than
    /// PNG, GIF, JPEG and WebP images, compared case-insensitively after leading whitespace and
    /// control characters, and ignoring tabs and line breaks (which browsers ignore).
    static func isSafe(_ url: String) -> Bool { isSafe(utf8: url.utf8) }

    /// ``isSafe(_:)`` for the UTF-8 bytes of a URL, such as a C string's.
    static func isSafe(utf8 url: some Sequence<UInt8>) -> Bool {
        // Only the first 16 meaningful bytes can decide: the longest prefix below has 15. The
        // schemes are ASCII, so lowercasing ASCII letters is enough.
        var head: [UInt8] = []
        head.reserveCapacity(16)
        var started = false
        for byte in url {
            if !started {
                guard byte > 0x20 else { continue }
                started = true
            }
            if byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            head.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            if head.count == 16 { break }
        }
        for scheme in unsafeSchemes where head.starts(with: scheme) { return false }
        if head.starts(with: data) { return safeData.contains { head.starts(with: $0) } }
        return true
    }

    private static let unsafeSchemes = ["javascript:", "vbscript:", "file:"].map { Array($0.utf8) }
    private static let data = Array("data:".utf8)
    private static let safeData = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].map { Array($0.utf8) }
}
