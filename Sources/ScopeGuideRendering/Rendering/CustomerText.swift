import ScopeGuideCore

/// Customer values (`var.<name>`) put into guide text as text, never as Markdown.
///
/// A customer value substituted into the Markdown before parsing would be parsed with it: a
/// value of `\n\n# URGENT [call us](https://evil.example)` became a heading and a link on a page
/// carrying the site's name. So ``TextVariables`` substitutes a placeholder for each customer
/// value, the text is parsed and sanitised, and ``fill(_:with:)`` then puts the values into the
/// nodes the placeholders landed in: as the literal of text and code (which cmark escapes in
/// both HTML and CommonMark output) and percent-encoded in a link's or image's URL (so a value
/// cannot choose a scheme). A placeholder is private-use characters around a number, which
/// cmark treats as ordinary word characters: it never splits one, and it parses no differently
/// from the word a value would usually be.
enum CustomerText {
    /// What stands for the `index`th value while the text is parsed.
    static func placeholder(_ index: Int) -> String { "\u{E000}\(index)\u{E001}" }

    /// `text` with each placeholder replaced by `transform` of its value.
    static func filling(_ text: String, with values: [String], _ transform: (String) -> String) -> String {
        guard !values.isEmpty, text.unicodeScalars.contains("\u{E000}") else { return text }
        var result = ""
        var rest = text.unicodeScalars[...]
        while let open = rest.firstIndex(of: "\u{E000}") {
            result.unicodeScalars.append(contentsOf: rest[..<open])
            let digits = rest[rest.index(after: open)...].prefix { ("0"..."9").contains($0) }
            let close = digits.endIndex
            guard close != rest.endIndex, rest[close] == "\u{E001}", let index = Int(String(digits)), values.indices.contains(index) else {
                result.unicodeScalars.append(rest[open])
                rest = rest[rest.index(after: open)...]
                continue
            }
            result += transform(values[index])
            rest = rest[rest.index(after: close)...]
        }
        result.unicodeScalars.append(contentsOf: rest)
        return result
    }

    /// A value as text: control characters and line or paragraph separators become spaces, so
    /// even a value a variable's own pattern lets through stays on its line.
    static func asText(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: isLineBreaking) else { return value }
        return String(String.UnicodeScalarView(value.unicodeScalars.map { isLineBreaking($0) ? " " : $0 }))
    }

    /// A value in a URL: every byte but ASCII letters, digits and `-._~` percent-encoded.
    static func asURLPart(_ value: String) -> String {
        FormEncoding.percentEncode(value)
    }

    /// Puts `values` into the parsed document under `root` where their placeholders are.
    static func fill(_ root: CMarkNode, with values: [String]) {
        guard !values.isEmpty else { return }
        root.rewriteStrings(text: { filling($0, with: values, asText) }, url: { filling($0, with: values, asURLPart) })
    }

    private static func isLineBreaking(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
