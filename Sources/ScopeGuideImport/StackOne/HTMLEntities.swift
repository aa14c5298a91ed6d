import ScopeGuideCore

/// Decodes the HTML character references that StackOne's pages use, such as `&#x22;` in
/// `data-guide-actions-json` and `&amp;` in text.
enum HTMLEntities {
    private static let named: [String: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "ndash": "–", "mdash": "—", "rarr": "→", "hellip": "…", "copy": "©",
    ]

    /// `text` with every reference decoded; an unknown or malformed one is kept as written.
    static func decode(_ text: String) -> String {
        decodeMarkingReferences(text).map(\.character).reduce(into: "") { $0.append($1) }
    }

    /// Each character of `text` after decoding, flagged when it came from a reference (so a
    /// caller can escape a decoded `<` or `*` that the page meant literally).
    static func decodeMarkingReferences(_ text: String) -> [(character: Character, isReference: Bool)] {
        var result: [(Character, Bool)] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";"),
                let decoded = reference(String(text[text.index(after: index)..<semicolon]))
            {
                result.append((decoded, true))
                index = text.index(after: semicolon)
            } else {
                result.append((character, false))
                index = text.index(after: index)
            }
        }
        return result
    }

    private static func reference(_ body: String) -> Character? {
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            return UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map(Character.init)
        }
        if body.hasPrefix("#") {
            return UInt32(body.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map(Character.init)
        }
        return named[body]
    }
}
