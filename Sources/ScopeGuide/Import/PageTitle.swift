/// The title line of a StackOne Hub guide page, `# Connect <Name> with <Method> – StackOne Hub`,
/// which names the connector and the authentication method.
struct PageTitle: Hashable, Sendable {
    var connectorName: String
    var methodLabel: String

    /// Parses the heading text (without `# `); `nil` when it does not have that shape.
    ///
    /// The platform suffix after the last ` – ` (or ` - `) is dropped; the name ends at the first
    /// ` with `, as in every published page.
    init?(heading: String) {
        var text = heading.trimmingWhitespace
        for separator in [" – ", " — ", " - "] {
            if let range = text.range(of: separator, options: .backwards) {
                text = String(text[..<range.lowerBound])
                break
            }
        }
        guard text.hasPrefix("Connect "), let with = text.range(of: " with ") else { return nil }
        let name = text[text.index(text.startIndex, offsetBy: "Connect ".count)..<with.lowerBound].trimmingWhitespace
        let label = text[with.upperBound...].trimmingWhitespace
        guard !name.isEmpty, !label.isEmpty else { return nil }
        connectorName = name
        methodLabel = label
    }
}
