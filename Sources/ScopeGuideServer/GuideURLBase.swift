import HTTPTypes
import Hummingbird

/// Where the dynamic guide URLs on served pages point.
///
/// By default the request's own host, so the address bar, the page's URL field and the JSON all
/// name this server and a copied link opens the same tailored page. Behind a proxy or TLS
/// terminator, `--base-url` fixes it instead.
package enum GuideURLBase: Sendable, Hashable {
    /// Always this base, such as `https://guides.example.com` (`scopeguide serve --base-url`).
    case fixed(String)
    /// `http://` and the request's `Host` when it is a plain `host[:port]`; `fallback` when the
    /// header is missing or looks like anything else.
    case requestHost(fallback: String)

    /// The base for `request`, without a trailing slash.
    func base(for request: Request) -> String {
        switch self {
        case .fixed(let base):
            return base.hasSuffix("/") ? String(base.dropLast()) : base
        case .requestHost(let fallback):
            // HTTP/1's Host header arrives as the request's authority.
            guard let host = request.head.authority ?? request.headers[Self.host], Self.isPlainHost(host) else { return fallback }
            return "http://" + host
        }
    }

    private static let host = HTTPField.Name("Host")!

    /// A DNS name or IPv4 address, or a bracketed IPv6 address, with an optional port: nothing
    /// that could smuggle a path, credentials or markup into a URL.
    static func isPlainHost(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 255 else { return false }
        var host = Substring(text)
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") {
            let port = host[host.index(after: colon)...]
            guard (1...5).contains(port.count), port.allSatisfy(\.isASCIIDigit), let number = Int(port), number <= 65535 else { return false }
            host = host[..<colon]
        }
        if host.hasPrefix("[") {
            let inner = host.dropFirst().dropLast()
            return host.hasSuffix("]") && !inner.isEmpty && inner.allSatisfy { $0.isASCII && ($0.isHexDigit || $0 == ":" || $0 == ".") }
        }
        return !host.isEmpty && host.first != "." && host.first != "-"
            && host.allSatisfy { $0.isASCIILetterOrDigit || $0 == "." || $0 == "-" }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIILetterOrDigit: Bool { isASCII && (isLetter || isNumber) }
}
