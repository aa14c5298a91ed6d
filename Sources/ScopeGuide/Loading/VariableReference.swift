import Foundation

/// Finds `{{name}}` placeholders in guide text.
enum VariableReference {
    /// The names used in `text`, in order of appearance; `{{ name }}` is trimmed to `name`.
    static func names(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            names.append(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return names
    }
}
