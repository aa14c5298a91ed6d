import ScopeGuideCore

/// Which link URLs and image sources may appear in output: cmark's own rule for safe mode for
/// links, `https:` only for images, applied to both formats.
enum URLSafety {
    /// `false` for `javascript:`, `vbscript:` and `file:` URLs, and `data:` URLs other than
    /// PNG, GIF, JPEG and WebP images, compared case-insensitively after leading whitespace and
    /// control characters, and ignoring tabs and line breaks (which browsers ignore).
    static func isSafe(_ url: String) -> Bool { isSafe(utf8: url.utf8) }

    /// ``isSafe(_:)`` for the UTF-8 bytes of a URL, such as a C string's.
    static func isSafe(utf8 url: some Sequence<UInt8>) -> Bool {
        // Only the first 16 meaningful bytes can decide: the longest prefix below has 15.
        let head = head(of: url, count: 16)
        for scheme in unsafeSchemes where head.starts(with: scheme) { return false }
        if head.starts(with: data) { return safeData.contains { head.starts(with: $0) } }
        return true
    }

    /// Whether an image may load from `url`: `https:` only, compared as ``isSafe(_:)`` compares.
    /// Other sources (`http:` is mixed content on an https page, `data:` and relative ones depend
    /// on where the page is opened) are dropped, and `check` warns about them.
    static func isImageSource(_ url: String) -> Bool { isImageSource(utf8: url.utf8) }

    /// ``isImageSource(_:)`` for the UTF-8 bytes of a URL, such as a C string's.
    static func isImageSource(utf8 url: some Sequence<UInt8>) -> Bool {
        head(of: url, count: https.count) == https
    }

    /// The first `count` bytes that decide a URL's scheme: leading whitespace and control
    /// characters skipped, tabs and line breaks ignored, ASCII letters lowercased (schemes are
    /// ASCII).
    private static func head(of url: some Sequence<UInt8>, count: Int) -> [UInt8] {
        var head: [UInt8] = []
        head.reserveCapacity(count)
        var started = false
        for byte in url {
            if !started {
                guard byte > 0x20 else { continue }
                started = true
            }
            if byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            head.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            if head.count == count { break }
        }
        return head
    }

    private static let https = Array("https://".utf8)
    private static let unsafeSchemes = ["javascript:", "vbscript:", "file:"].map { Array($0.utf8) }
    private static let data = Array("data:".utf8)
    private static let safeData = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].map { Array($0.utf8) }
}
