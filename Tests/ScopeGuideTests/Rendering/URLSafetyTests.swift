import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct URLSafetyTests {
    @Test("unsafe schemes, however written", arguments: [
        "javascript:alert(1)", "JavaScript:alert(1)", "  javascript:x", "\u{1}\u{1F}javascript:x", "java\tscript:x",
        "java\nscript:x", "jav\r\nascript:x", "vbscript:msgbox", "VBScript:x", "file:///etc/passwd", "FILE:x",
        "data:text/html,<script>x</script>", "DATA:text/html,x", "data:image/svg+xml,<svg/>", "data:", "\n data:x",
    ])
    func unsafe(_ url: String) {
        #expect(!URLSafety.isSafe(url))
        #expect(!URLSafety.isSafe(utf8: Array(url.utf8)))
    }

    @Test("everything else", arguments: [
        "https://example.com", "http://x", "mailto:a@b.c", "/relative/path", "#anchor", "", "   ", "javascript",
        "data:image/png;base64,AAAA", "DATA:IMAGE/PNG;base64,AAAA", "data:image/gif,x", "data:image/jpeg,x",
        "data:image/webp,x", "xjavascript:x", "jav ascript:x", "https://x/?u=javascript:y", "java\u{0}script:x",
    ])
    func safe(_ url: String) {
        #expect(URLSafety.isSafe(url))
        #expect(URLSafety.isSafe(utf8: Array(url.utf8)))
    }
}
