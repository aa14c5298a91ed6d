/// A permission string a provider grants, such as `conversations:read` or `events:*:read`.
///
/// A segment that is exactly `*` makes the scope a wildcard: it grants every scope with the same
/// shape whose other segments are equal. Segments are separated by `:`, `.` or `/`, so
/// `events:*:read` matches `events:inbox:read` but not `events:inbox:x:read`.
public struct Scope: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Whether any segment is the wildcard `*`.
    var isWildcard: Bool { rawValue.utf8.contains(UInt8(ascii: "*")) && segments.contains { $0 == "*" } }

    /// Whether this scope, read as a pattern, matches `other` segment by segment.
    ///
    /// A `*` segment matches any single segment; separators must agree. A non-wildcard scope
    /// matches only itself.
    package func matches(_ other: Scope) -> Bool {
        self == other || Scope.matches(segments, other.segments)
    }

    /// ``matches(_:)`` on segments split beforehand (``segments``), for one pattern tried against
    /// many scopes: splitting each pair again was an eighth of `check`'s instructions.
    static func matches(_ pattern: [Substring], _ target: [Substring]) -> Bool {
        guard pattern.count == target.count else { return false }
        for (p, t) in zip(pattern, target) where p != t {
            // Separators must be equal; only a whole `*` segment is a wildcard.
            if p != "*" || Scope.separators.contains(t) { return false }
        }
        return true
    }

    private static let separators: Set<Substring> = [":", ".", "/"]

    /// The scope split into segments and separators, separators kept as their own elements.
    var segments: [Substring] {
        // By UTF-8 bytes: the separators are ASCII, and a graph splits every scope it numbers.
        var parts: [Substring] = []
        let bytes = rawValue.utf8
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            let next = bytes.index(after: index)
            switch bytes[index] {
            case UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "/"):
                parts.append(rawValue[start..<index])
                parts.append(rawValue[index..<next])
                start = next
            default:
                break
            }
            index = next
        }
        parts.append(rawValue[start...])
        return parts
    }
}
