import Yams

/// Turns YAML text into Yams nodes, as cheaply as the text allows without changing what the
/// decoder sees.
///
/// Yams hashes every mapping key to find duplicates, and hashing a key resolves its tag: with
/// the full resolver, four regular expressions (bool, int, float, null) run on every key, which
/// was an eighth of the time spent loading. ``compose(_:)`` uses Yams' `basic` resolver, which
/// tags every untagged key `str` without a regular expression, whenever that provably gives the
/// same result, and falls back to the full resolver otherwise.
///
/// A resolved tag only matters in two ways, both through keys. (Nothing resolves the tag of a
/// node outside a key: ``YAMLCursor`` and Yams' `Bool.construct` read the tag as parsed, which
/// is the same under both resolvers.)
/// - Two keys of a mapping are duplicates when their text *and* resolved tag are equal. The
///   basic resolver's tags are coarser (`yes` and `"yes"` are both `str`, where the full resolver
///   tags the first `bool`), so it finds every duplicate the full resolver finds, and a few more.
///   A duplicate error from the basic resolver is therefore checked again with the full one. The
///   one way the full resolver finds a duplicate the basic one misses is an explicit tag
///   (`!!bool yes` next to `yes`), so text with a `!` goes to the full resolver.
/// - A key's resolved tag is stored in a shared object, so a key anchored with `&` and reused as
///   a value through an alias carries it: `Bool.construct` reads `&k yes` used as a key and then
///   as `required: *k` as `true` only because the full resolver tagged it `bool`. Text with a
///   `&` goes to the full resolver too.
///
/// Guide files rarely contain tags or anchors, and when they do they cost what they cost before.
enum YAMLComposer {
    /// The single document in `text`, or `nil` when it has none.
    /// - Throws: ``YAMLPreflight/Refusal`` for a shape too costly to compose (checked first),
    ///   else Yams' `YamlError`, exactly as `Yams.compose` with ``fullResolver`` throws it.
    static func compose(_ text: String) throws -> Node? {
        try YAMLPreflight.check(text)
        guard !mayNeedFullResolver(text) else { return try compose(text, resolver: fullResolver) }
        do {
            return try compose(text, resolver: .basic)
        } catch YamlError.duplicatedKeysInMapping {
            // Perhaps only duplicates to the basic resolver (`yes` and `"yes"`): let the full
            // resolver decide, and word the error if there is one.
            return try compose(text, resolver: fullResolver)
        }
    }

    /// Yams' tag rules for the scalars the decoder reads as booleans, nulls and (in messages)
    /// numbers. The default set also tries timestamps and merge keys by regular expression.
    static let fullResolver = Yams.Resolver.default.removing(.timestamp).removing(.merge).removing(.value)

    private static func compose(_ text: String, resolver: Yams.Resolver) throws -> Node? {
        // `.utf8` as `Parser.Encoding.default` would choose for a native string, without reading
        // the process environment (YAMS_DEFAULT_ENCODING) on every call.
        try Yams.compose(yaml: text, resolver, .default, .utf8)
    }

    /// Whether `text` may have an explicit tag (`!`) or an anchor (`&`): a `!`, or a `&` with a
    /// name after it, where libyaml can start a token. That is at the start, after whitespace or
    /// a line break, or right after a flow indicator or `:`; after any non-ASCII byte too, which
    /// covers a byte order mark and the Unicode line breaks. So `Wow!`, `Q&A`, `a=1&b=2` and
    /// `R & D` in plain text keep the fast path, while quoted text or a comment that merely looks
    /// like a tag or an anchor (`"see &x"`) only costs the full resolver's time.
    static func mayNeedFullResolver(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for index in bytes.indices where bytes[index] == UInt8(ascii: "!") || bytes[index] == UInt8(ascii: "&") {
                guard index == 0 || startsToken(after: bytes[index - 1]) else { continue }
                if bytes[index] == UInt8(ascii: "!") { return true }
                if index + 1 < bytes.count, !isBlank(bytes[index + 1]) { return true }
            }
            return false
        }
    }

    private static func startsToken(after byte: UInt8) -> Bool {
        switch byte {
        case 0x09, 0x0A, 0x0D, 0x20, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"), 0x80...:
            true
        default:
            false
        }
    }

    /// What cannot start an anchor's name.
    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x20
    }
}
