import Foundation

/// The rule for the web addresses a guide source holds (`authorizationUrl`, `tokenUrl`,
/// `support.link`, and the site's `docsBaseURL` and `callbackURLPattern`): the loader refuses any
/// other, and renderers link only addresses that pass it.
///
/// These addresses become links on pages customers trust, so a `javascript:` (or `data:`, or
/// `file:`) address there would run in, or leave from, the guide's page. Only `https:` with a
/// host passes, and `http:` to the local machine (`localhost`, `127.0.0.1`, `[::1]`), for
/// development servers.
package enum WebAddress {
    /// Whether `text` is an `https:` URL with a host, or an `http:` URL to the local machine,
    /// with no whitespace or control characters anywhere. Placeholders for a customer's value,
    /// `<subdomain>` or `{{connector}}`, may stand for letters (Traffit's token URL is
    /// `https://<subdomain>.traffit.com/oauth2/token`).
    package static func isAllowed(_ text: String) -> Bool {
        isPlainHTTPS(text) || isAllowedByComponents(text)
    }

    /// Whether `text` is plainly an `https:` URL: `https://`, a host of lowercase letters, digits,
    /// dots and hyphens, then only characters a URL may hold as they are (no `[`, `]` or `#`, `%`
    /// only before two hex digits). Every such text passes ``isAllowedByComponents(_:)`` too; this
    /// answers the common case (a dynamic guide URL on every render) without Foundation's
    /// `URLComponents`: a render's link line went from 157,000 instructions to 13,000. Anything else, `false`,
    /// goes to the full check.
    static func isPlainHTTPS(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let prefix = Array("https://".utf8)
        guard bytes.count > prefix.count, bytes.starts(with: prefix) else { return false }
        var index = prefix.count
        let hostStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "/"), bytes[index] != UInt8(ascii: "?") {
            switch bytes[index] {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"): index += 1
            default: return false
            }
        }
        guard index > hostStart else { return false }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                index += 1
            case UInt8(ascii: "%"):
                guard index + 2 < bytes.count, bytes[index + 1].isHexDigit, bytes[index + 2].isHexDigit else { return false }
                index += 3
            default:
                // Unreserved, and the delimiters a path or query may hold as they are.
                guard "-._~:/?@!$&'()*+,;=".utf8.contains(byte) else { return false }
                index += 1
            }
        }
        return true
    }

    /// The full rule, through Foundation's `URLComponents`.
    static func isAllowedByComponents(_ text: String) -> Bool {
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

private extension UInt8 {
    var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self | 0x20)
    }
}
