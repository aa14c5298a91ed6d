/// Which link URLs may appear in output: cmark's own rule for safe mode, applied to both formats.
enum URLSafety {
    /// `false` for `javascript:`, `vbscript:` and `file:` URLs, and `data:` URLs other than
    /// PNG, GIF, JPEG and WebP images, compared case-insensitively after leading whitespace and
    /// control characters (which browsers ignore).
    static func isSafe(_ url: String) -> Bool {
        let trimmed = url.unicodeScalars.drop { $0.value <= 0x20 }
        let lowered = String(String.UnicodeScalarView(trimmed)).lowercased()
            .filter { !($0 == "\t" || $0 == "\n" || $0 == "\r") }
        for scheme in ["javascript:", "vbscript:", "file:"] where lowered.hasPrefix(scheme) { return false }
        if lowered.hasPrefix("data:") {
            return ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lowered.hasPrefix($0) }
        }
        return true
    }
}
