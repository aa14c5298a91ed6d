import Foundation
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Vectors of the engine's text functions, which need no catalogue: `encodeQueryValue` and
/// `formEncode` (FormEncoding), `decodeComponent`, `abbreviated` (how messages quote values),
/// `scopeNames` (a pasted scope list) and `suggestions` ("did you mean").
extension EngineVectors {
    /// Pieces random texts are made of: what URLs reserve, what encodings disagree on, Unicode
    /// that is more than one code unit, code point or scalar per character, white space Swift
    /// and JavaScript may class differently, and control characters.
    static let textPieces: [String] = [
        "a", "Z", "0", "9", "read", "Mail.Send", "-", ".", "_", "~", ":", "@", "!", "$", "'", "(", ")", "*", ",", ";", "/", "?", "&", "=", "+",
        "#", "%", "[", "]", " ", "\"", "<", ">", "\\", "^", "`", "{", "|", "}", "\u{FC}", "\u{E9}", "e\u{301}", "\u{301}", "\u{1F600}",
        "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", "\u{1F1EB}\u{1F1F7}", "\u{4E2D}", "\u{3A3}", "\u{130}", "\u{DF}", "\t", "\n", "\r\n", "\r",
        "\u{B}", "\u{C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2003}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{3000}", "\u{FEFF}", "\u{200B}",
        "\u{180E}", "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{80}", "\u{9F}", "\u{202E}", "\u{10FFFF}",
    ]

    static func randomText(_ generator: inout SeededGenerator, pieces: Int) -> String {
        (0..<pieces).map { _ in textPieces.randomElement(using: &generator)! }.joined()
    }

    /// Short texts of every piece, and longer random ones.
    static func texts(seed: UInt64, count: Int) -> [String] {
        var generator = SeededGenerator(seed: seed)
        return textPieces + (0..<count).map { _ in randomText(&generator, pieces: Int.random(in: 1...12, using: &generator)) }
    }

    static func encodeQueryValue() throws -> File {
        var builder = Builder("encodeQueryValue")
        for text in texts(seed: 0x25_05, count: 120) { try builder.add(text, FormEncoding.encodeQueryValue(text)) }
        return builder.file
    }

    static func formEncode() throws -> File {
        var builder = Builder("formEncode")
        for text in texts(seed: 0x25_06, count: 120) { try builder.add(text, FormEncoding.encode(text)) }
        return builder.file
    }

    struct Decoded: Encodable {
        /// Form style: `+` is a space.
        var form: String?
        var plain: String?
    }

    /// Escapes valid and not (bad hex, cut short, bytes that are not UTF-8: lone lead bytes,
    /// overlong forms, surrogates, past U+10FFFF), a byte-order mark, `+`, and raw text.
    static func decodeComponent() throws -> File {
        var builder = Builder("decodeComponent")
        var generator = SeededGenerator(seed: 0x25_07)
        let escapes = [
            "%20", "%2C", "%2c", "%2B", "+", "%C3%BC", "%c3%bc", "%E2%82%AC", "%F0%9F%98%80", "%EF%BB%BF", "%00", "%0A", "%25", "%", "%2", "%zz",
            "%G0", "%+1", "%-1", "%C3", "%FF", "%C0%AF", "%ED%A0%80", "%F4%90%80%80", "%80", "%E2%82", "%CC%81",
        ]
        var inputs = escapes
        for _ in 0..<160 {
            inputs.append((0..<Int.random(in: 1...6, using: &generator)).map { _ in
                Bool.random(using: &generator) ? escapes.randomElement(using: &generator)! : textPieces.randomElement(using: &generator)!
            }.joined())
        }
        for text in inputs {
            try builder.add(text, Decoded(form: FormEncoding.decode(Substring(text)), plain: FormEncoding.decode(Substring(text), plusAsSpace: false)))
        }
        return builder.file
    }

    /// Texts around the 200 bytes past which messages abbreviate, in characters of one to
    /// many bytes and scalars (so the first 100 characters are not the first 100 code points),
    /// with control characters written as `\u{…}`.
    static func abbreviated() throws -> File {
        var builder = Builder("abbreviated")
        var generator = SeededGenerator(seed: 0x25_08)
        var inputs = textPieces
        let wide = ["a", "\u{E9}", "e\u{301}", "\u{1F600}", "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", "\u{1F1EB}\u{1F1F7}", "\u{4E2D}", "\r\n", "\u{1B}", "\u{85}"]
        for piece in wide {
            let bytes = piece.utf8.count
            for target in [199, 200, 201, 202, 260] { inputs.append(String(repeating: piece, count: max(1, target / bytes))) }
        }
        for _ in 0..<120 { inputs.append(randomText(&generator, pieces: Int.random(in: 40...160, using: &generator))) }
        for text in inputs { try builder.add(text, text.abbreviated) }
        return builder.file
    }

    /// Scope lists as pasted from a provider's console: names joined by the five separators,
    /// runs of them, Unicode white space, and combining marks that join a separator into one
    /// character with what follows.
    static func scopeNames() throws -> File {
        var builder = Builder("scopeNames")
        var generator = SeededGenerator(seed: 0x25_09)
        let names = ["read", "write", "Mail.Read", "https://www.googleapis.com/auth/drive", "repo", "read:org", "\u{E9}:read", "a*b", ""]
        let separators = [" ", ",", ";", "|", "\n", "\r\n", "\t", ", ", " ,", "\u{A0}", "\u{3000}", "\u{2028}", "\u{85}", "\u{FEFF}", "\u{200B}", "\u{180E}", " \u{301}", ",\u{301}", "+", "%20"]
        for _ in 0..<200 {
            let count = Int.random(in: 0...5, using: &generator)
            var text = Bool.random(using: &generator) ? "" : separators.randomElement(using: &generator)!
            for index in 0..<count {
                if index > 0 { text += separators.randomElement(using: &generator)! }
                text += names.randomElement(using: &generator)!
            }
            if Bool.random(using: &generator) { text += separators.randomElement(using: &generator)! }
            try builder.add(text, GuideRequest.scopeNames(text))
        }
        return builder.file
    }

    struct SuggestionInput: Encodable {
        var name: String
        /// `actions` or `scopes` of the group's page data (its action ids or defined scopes, as
        /// the page suggests them), or the names themselves.
        var candidates: Candidates

        enum Candidates: Encodable {
            case actions, scopes
            case names([String])

            func encode(to encoder: Encoder) throws {
                var container = encoder.singleValueContainer()
                switch self {
                case .actions: try container.encode("actions")
                case .scopes: try container.encode("scopes")
                case .names(let names): try container.encode(names)
                }
            }
        }
    }

    /// Mistyped names against the committed catalogues' action ids and scopes and against
    /// Unicode names: typos, other case (a final sigma, a dotted capital I, sharp s), parts and
    /// extensions of names, other text, and names around the 256-scalar limit.
    static func suggestions() throws -> File {
        var builder = Builder("suggestions")
        var generator = SeededGenerator(seed: 0x25_0A)
        let unicode = ["\u{3A3}\u{3A3}", "\u{3C3}\u{3C2}", "\u{39F}\u{394}\u{39F}\u{3A3}", "stra\u{DF}e", "STRASSE", "\u{130}stanbul", "e\u{301}t\u{E9}", "caf\u{E9}", "\u{1F600}x"]
        func misspelled(_ name: String) -> String {
            switch Int.random(in: 0..<9, using: &generator) {
            case 0: return name.uppercased()
            case 1: return String(name.dropFirst(Int.random(in: 0...3, using: &generator)))
            case 2: return name + String(repeating: "x", count: Int.random(in: 1...6, using: &generator))
            case 3: return String(name.prefix(Int.random(in: 1...8, using: &generator)))
            case 4: return randomText(&generator, pieces: Int.random(in: 1...6, using: &generator))
            case 5: return name + String(repeating: "y", count: max(0, 256 - name.unicodeScalars.count + Int.random(in: -1...1, using: &generator)))
            case 6: return name.replacingOccurrences(of: "_", with: " ")
            case 7: return ""
            default:
                var characters = Array(name)
                if !characters.isEmpty { characters[Int.random(in: characters.indices, using: &generator)] = "q" }
                return String(characters)
            }
        }
        for connector in Fixtures.catalog.connectors {
            builder.group(data: pageData(connector))
            for number in 0..<30 {
                let byScope = number % 3 == 2
                let names = byScope ? connector.scopeDefinitions.map(\.scope.rawValue) : connector.actions.map(\.id.rawValue)
                let name = misspelled(names.randomElement(using: &generator)!)
                try builder.add(SuggestionInput(name: name, candidates: byScope ? .scopes : .actions), NameSuggestions.closest(to: name, in: names))
            }
        }
        builder.group(data: nil)
        for _ in 0..<60 {
            let name = misspelled(unicode.randomElement(using: &generator)!)
            try builder.add(SuggestionInput(name: name, candidates: .names(unicode)), NameSuggestions.closest(to: name, in: unicode))
        }
        return builder.file
    }
}
