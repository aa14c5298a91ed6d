import ScopeGuideCore

/// The values `{{name}}` placeholders take in one rendering: the customer's values for the
/// connector's variables, plus the built-ins from the site and connector.
struct TextVariables {
    private let connector: Connector
    private let site: Site
    let isWhitelabel: Bool
    private let customer: [String: String]
    /// Whether any value came from the customer (the request) rather than the site or connector.
    var hasCustomerValues: Bool { !customer.isEmpty }

    init(connector: Connector, site: Site, isWhitelabel: Bool, customer: [String: String]) {
        self.connector = connector
        self.site = site
        self.isWhitelabel = isWhitelabel
        self.customer = customer
    }

    /// The value of a built-in `{{name}}` (which a customer value cannot override), computed
    /// when a text names it, not for every rendering; `nil` for any other name.
    func builtInValue(of name: String) -> String? {
        switch name {
        case "platformName": isWhitelabel ? site.whitelabelName : site.platformName
        case "hubName": site.hubName
        case "connectorName": connector.name
        case "callbackURL": site.callbackURL(for: connector)
        default: nil
        }
    }

    /// Guide text ready to parse: `markdown` with each built-in `{{name}}` replaced by its value
    /// (site and connector text, Markdown like the guide's own), each customer value by a
    /// placeholder for ``CustomerText/fill(_:with:)`` to put in as text after parsing, and each
    /// variable the customer gave no value for by a visible `‹name›`, never by an empty string.
    struct Substituted {
        var markdown: String
        /// The customer values, by placeholder number.
        var customerValues: [String] = []
    }

    func substitute(_ text: String) -> Substituted {
        guard VariableReference.mayOccur(in: text[...]) else { return Substituted(markdown: text) }
        var result = Substituted(markdown: "")
        var rest = text.startIndex
        for (range, name) in VariableReference.occurrences(in: text[...]) {
            result.markdown += text[rest..<range.lowerBound]
            if let value = builtInValue(of: name) {
                result.markdown += value
            } else if let value = customer[name] {
                result.markdown += CustomerText.placeholder(result.customerValues.count)
                result.customerValues.append(value)
            } else {
                result.markdown += "‹\(name)›"
            }
            rest = range.upperBound
        }
        result.markdown += text[rest...]
        return result
    }

    /// Whether `text` substitutes to the same result for every request, so its rendering can be
    /// cached: it names no variable, or no customer values are given.
    func isCacheable(_ text: String) -> Bool {
        !hasCustomerValues || !VariableReference.mayOccur(in: text[...])
    }
}
