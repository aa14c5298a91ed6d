/// The values `{{name}}` placeholders take in one rendering: the customer's values for the
/// connector's variables, plus the built-ins from the site and connector.
struct TextVariables {
    private(set) var values: [String: String]

    init(connector: Connector, site: Site, isWhitelabel: Bool, customer: [String: String]) {
        values = customer
        values["platformName"] = isWhitelabel ? site.whitelabelName : site.platformName
        values["hubName"] = site.hubName
        values["connectorName"] = connector.name
        values["callbackURL"] = site.callbackURL(for: connector)
    }

    /// `text` with each `{{name}}` replaced by its value, or by a visible `‹name›` when the
    /// customer gave none, never by an empty string.
    func substitute(_ text: String) -> String {
        guard text.contains("{{") else { return text }
        var result = ""
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            let name = rest[open.upperBound..<close.lowerBound].trimmingWhitespace
            result += values[name] ?? "‹\(name)›"
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}
