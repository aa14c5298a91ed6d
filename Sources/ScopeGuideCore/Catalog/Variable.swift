/// A customer-specific value a guide's text can use as `{{name}}`, such as a subdomain.
package struct Variable: Hashable, Sendable {
    package var name: String
    package var label: String
    package var example: String?
    /// A regular expression a value must match in full, when given; otherwise values must match
    /// ``defaultPattern``.
    package var pattern: String?

    /// What a value of a variable without a `pattern` must match: one line of 1 to
    /// `maximumDefaultLength` characters, none of them a control or format character (no
    /// line breaks, NULs or bidirectional overrides). `check` warns about such variables: a
    /// pattern saying what the value is (`[a-z0-9-]+` for a subdomain) is better.
    package static let defaultPattern = "[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]{1,\(maximumDefaultLength)}"

    /// The longest value, in characters, ``defaultPattern`` allows: 200.
    package static let maximumDefaultLength = 200

    /// The pattern values are checked against: ``pattern``, or ``defaultPattern``.
    package var effectivePattern: String { pattern ?? Self.defaultPattern }

    package init(name: String, label: String, example: String? = nil, pattern: String? = nil) {
        self.name = name
        self.label = label
        self.example = example
        self.pattern = pattern
    }
}
