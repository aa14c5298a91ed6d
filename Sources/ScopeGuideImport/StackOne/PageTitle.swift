import ScopeGuideCore

/// The title line of a StackOne guide page, which names the connector, the authentication
/// method and the guide's kind:
/// - link-account pages: `# Connect <Name> with <Method> – StackOne Hub`;
/// - connector-profile pages: `# <Name> <Method> connector profile – StackOne setup guide`.
struct PageTitle: Hashable, Sendable {
    var connectorName: String
    var methodLabel: String
    var kind: GuideKind

    /// Parses the heading text (without `# `); `nil` when it has neither shape.
    ///
    /// The platform suffix after the last ` – ` (or ` - `) is dropped. In a link-account title
    /// the name ends at the first ` with `, as in every published page. A connector-profile
    /// title does not mark where the name ends, so `summary` (the page's one-line blockquote,
    /// "Set up the <Method> connector profile for <Name> in StackOne.") decides when it matches
    /// the title; otherwise the method starts at the first word that begins every published
    /// method label (``methodWords``).
    /// - Parameter platformSuffix: whether the heading ends with the platform's name, as a
    ///   published page's title line does; front matter's title does not.
    init?(heading: String, summary: String? = nil, platformSuffix: Bool = true) {
        var text = heading.trimmingWhitespace
        for separator in [" – ", " — ", " - "] where platformSuffix {
            if let range = text.range(of: separator, options: .backwards) {
                text = String(text[..<range.lowerBound])
                break
            }
        }
        if text.hasPrefix("Connect "), let with = text.range(of: " with ") {
            let name = text[text.index(text.startIndex, offsetBy: "Connect ".count)..<with.lowerBound].trimmingWhitespace
            let label = text[with.upperBound...].trimmingWhitespace
            guard !name.isEmpty, !label.isEmpty else { return nil }
            self.init(connectorName: name, methodLabel: label, kind: .config)
            return
        }
        let suffix = " connector profile"
        guard text.lowercased().hasSuffix(suffix) else { return nil }
        let nameAndMethod = String(text.dropLast(suffix.count)).trimmingWhitespace
        if let summary, let (name, label) = Self.fromSummary(summary), nameAndMethod == "\(name) \(label)" {
            self.init(connectorName: name, methodLabel: label, kind: .setup)
            return
        }
        let words = nameAndMethod.split(separator: " ")
        guard let start = words.indices.dropFirst().first(where: { Self.methodWords.contains(words[$0].lowercased()) }) else { return nil }
        self.init(connectorName: words[..<start].joined(separator: " "), methodLabel: words[start...].joined(separator: " "), kind: .setup)
    }

    private init(connectorName: String, methodLabel: String, kind: GuideKind) {
        self.connectorName = connectorName
        self.methodLabel = methodLabel
        self.kind = kind
    }

    /// The first words of StackOne's method labels ("OAuth 2.0 (User Token)", "API Key",
    /// "Basic Auth", "Personal Access Token", "Service Account", "Client Credentials", …).
    static let methodWords: Set<String> = [
        "oauth", "oauth2", "oauth2.0", "api", "basic", "bearer", "personal", "service", "client", "jwt", "token",
        "access", "username", "private", "app", "custom", "session",
    ]

    /// `Set up the <Method> connector profile for <Name> in …`: method and name.
    private static func fromSummary(_ summary: String) -> (name: String, label: String)? {
        let prefix = "Set up the ", middle = " connector profile for ", end = " in "
        guard summary.hasPrefix(prefix), let middleRange = summary.range(of: middle),
            let endRange = summary.range(of: end, range: middleRange.upperBound..<summary.endIndex)
        else { return nil }
        let label = summary[summary.index(summary.startIndex, offsetBy: prefix.count)..<middleRange.lowerBound].trimmingWhitespace
        let name = summary[middleRange.upperBound..<endRange.lowerBound].trimmingWhitespace
        return label.isEmpty || name.isEmpty ? nil : (name, label)
    }
}
