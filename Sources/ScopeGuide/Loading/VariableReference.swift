/// Finds `{{name}}` placeholders in guide text: the one scanner the loader (which checks the
/// names are declared) and the renderer (which substitutes them) share.
enum VariableReference {
    /// Each `{{name}}` in `text`, in order: its range, braces included, and its name with
    /// surrounding whitespace trimmed (`{{ name }}` is `name`). An unclosed `{{` ends the scan.
    static func occurrences(in text: Substring) -> [(range: Range<String.Index>, name: String)] {
        var found: [(range: Range<String.Index>, name: String)] = []
        var rest = text
        while let open = firstPair(of: UInt8(ascii: "{"), in: rest),
            let close = firstPair(of: UInt8(ascii: "}"), in: rest[rest.utf8.index(open, offsetBy: 2)...])
        {
            let end = rest.utf8.index(close, offsetBy: 2)
            found.append((open..<end, rest[rest.utf8.index(open, offsetBy: 2)..<close].trimmingWhitespace))
            rest = rest[end...]
        }
        return found
    }

    /// The names used in `text`, in order of appearance.
    static func names(in text: String) -> [String] { occurrences(in: text[...]).map(\.name) }

    /// Whether `text` may hold a placeholder (it has `{{`): a byte scan, cheaper than
    /// ``occurrences(in:)`` for the many texts that have none.
    static func mayOccur(in text: Substring) -> Bool { firstPair(of: UInt8(ascii: "{"), in: text) != nil }

    /// Where `byte` first appears twice in a row in `text` (`{{` or `}}`), by a plain byte scan:
    /// it finds every pair Foundation's `range(of:)` would (no other characters are canonically
    /// equivalent to a brace), without its Unicode machinery.
    private static func firstPair(of byte: UInt8, in text: Substring) -> String.Index? {
        let bytes = text.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let next = bytes.index(after: index)
            if bytes[index] == byte, next != bytes.endIndex, bytes[next] == byte { return index }
            index = next
        }
        return nil
    }
}
