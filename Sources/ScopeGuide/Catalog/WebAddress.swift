import Foundation

/// The rule for the web addresses a guide source holds (`authorizationUrl`, `tokenUrl`,
/// `support.link`, and the site's `docsBaseURL` and `callbackURLPattern`): the loader refuses any
/// other, and renderers link only addresses that pass it.
///
/// These addresses become links on pages customers trust, so a `javascript:` (or `data:`, or
/// `file:`) address there would run in, or leave from, the guide's page. Only `https:` with a
/// host passes, and `http:` to the local machine (`localhost`, `127.0.0.1`, `[::1]`), for
/// development servers.
public enum WebAddress {
    /// Whether `text` is an `https:` URL with a host, or an `http:` URL to the local machine,
    /// with no whitespace or control characters anywhere. Placeholders for a customer's value,
    /// `<subdomain>` or `{{connector}}`, may stand for letters (Traffit's token URL is
    /// `https://<subdomain>.traffit.com/oauth2/token`).
    static func isAllowed(_ text: String) -> Bool {
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }),
            let components = URLComponents(string: fillingPlaceholders(text)), let scheme = components.scheme?.lowercased(),
            let host = components.host?.lowercased(), !host.isEmpty
        else { return false }
        switch scheme {
        case "https": return true
        case "http": return localHosts.contains(host)
        default: return false
        }
    }

    /// `text` with each `<name>` and `{{name}}` (a name of letters, digits, `_`, `.` and `-`)
    /// replaced by `x`.
    private static func fillingPlaceholders(_ text: String) -> String {
        guard text.contains("<") || text.contains("{{") else { return text }
        var result = ""
        var rest = text[...]
        while let open = rest.firstIndex(where: { $0 == "<" || $0 == "{" }) {
            result += rest[..<open]
            let closing = rest[open] == "<" ? ">" : "}}"
            let start = rest[open] == "<" ? rest.index(after: open) : rest.index(open, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex
            if rest[open] == "{", !rest[open...].hasPrefix("{{") {
                result.append("{")
                rest = rest[rest.index(after: open)...]
                continue
            }
            guard let close = rest[start...].range(of: closing),
                !rest[start..<close.lowerBound].isEmpty,
                rest[start..<close.lowerBound].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) })
            else {
                result.append(rest[open])
                rest = rest[rest.index(after: open)...]
                continue
            }
            result += "x"
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// What the loader's error says it expected.
    static let expectation = "an https: URL (http: only for localhost)"

    private static let localHosts: Set<String> = ["localhost", "127.0.0.1", "::1", "[::1]"]
}
