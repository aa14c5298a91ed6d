/// A customer-specific value a guide's text can use as `{{name}}`, such as a subdomain.
public struct Variable: Hashable, Sendable {
    public var name: String
    public var label: String
    public var example: String?
    /// A regular expression a value must match in full, when given.
    public var pattern: String?

    public init(name: String, label: String, example: String? = nil, pattern: String? = nil) {
        self.name = name
        self.label = label
        self.example = example
        self.pattern = pattern
    }
}
