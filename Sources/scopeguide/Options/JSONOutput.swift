import ScopeGuide

/// The one JSON style every command prints: sorted keys, two-space indent, unescaped slashes,
/// written by the engine's one JSON writer.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        try PrettyJSON(encoding: value).text
    }
}
