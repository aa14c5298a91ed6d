import Ccmark
import ScopeGuideCore

/// cmark parse and render options, mapped to `CMARK_OPT_*` in one place.
///
/// There is deliberately no `unsafe` member: guide and request text must never be rendered
/// with raw HTML passed through.
struct CMarkOptions: OptionSet, Sendable {
    let rawValue: Int32

    /// Validate UTF-8 in the input, replacing invalid sequences with U+FFFD.
    static let validateUTF8 = CMarkOptions(rawValue: CMARK_OPT_VALIDATE_UTF8)
    /// Curly quotes and dashes.
    static let smart = CMarkOptions(rawValue: CMARK_OPT_SMART)

    static let `default`: CMarkOptions = [.validateUTF8]
}
