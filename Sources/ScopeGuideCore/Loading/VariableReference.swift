/// Finds `{{name}}` placeholders in guide text: the one scanner the loader (which checks the
/// names are declared) and the renderer (which substitutes them) share.
package enum VariableReference {
    /// Each `{{name}}` in `text`, in order: its range, braces included, and its name with
    /// surrounding whitespace trimmed (`{{ name }}` is `name`). An unclosed `{{` ends the scan.
    package static func occurrences(in text: Substring) -> [(range: Range<String.Index>, name: String)] {
        var found: [(range: Range<String.Index>, name: String)] = []
        var rest = text
        // A byte search finds every pair Foundation's `range(of:)` would: no other characters
        // are canonically equivalent to a brace.
        while let open = rest.firstUTF8Range(of: "{{"), let close = rest[open.upperBound...].firstUTF8Range(of: "}}") {
            found.append((open.lowerBound..<close.upperBound, rest[open.upperBound..<close.lowerBound].trimmingWhitespace))
            rest = rest[close.upperBound...]
        }
        return found
    }

    /// The names used in `text`, in order of appearance.
    package static func names(in text: String) -> [String] { occurrences(in: text[...]).map(\.name) }

    /// Whether `text` may hold a placeholder (it has `{{`): a byte scan, cheaper than
    /// ``occurrences(in:)`` for the many texts that have none.
    package static func mayOccur(in text: Substring) -> Bool { text.containsUTF8("{{") }
}
