import Foundation

/// Checks customer values against a `Variable`'s pattern.
enum VariableValue {
    /// Whether `value` matches `pattern` in full. An invalid pattern matches nothing (the loader
    /// rejects invalid patterns, so this only guards catalogues built in code).
    package static func matches(_ value: String, pattern: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return false }
        let range = NSRange(value.startIndex..., in: value)
        guard let match = expression.firstMatch(in: value, options: [.anchored], range: range) else { return false }
        return match.range == range
    }
}
