/// The decoder's problem collector: every problem found while decoding one file (each a
/// ``LoadError``, handed out as a ``Diagnostic``), and the typed readers that report them.
///
/// Readers return `nil` after reporting, so decoding goes on and one run lists all problems.
struct ProblemCollector {
    private(set) var problems: [LoadError] = []

    mutating func report(_ reason: LoadError.Reason, at cursor: YAMLCursor) {
        problems.append(LoadError(location: cursor.location, keyPath: cursor.path, reason: reason))
    }

    mutating func report(_ reason: LoadError.Reason, at location: SourceLocation, path: String) {
        problems.append(LoadError(location: location, keyPath: path, reason: reason))
    }

    // MARK: Typed readers

    /// A scalar as a string, or `nil` (reported when `required`) if absent or not a scalar.
    mutating func string(_ cursor: YAMLCursor?, in parent: YAMLCursor, key: String, required: Bool = false) -> String? {
        guard let cursor else {
            if required { report(.missingField(key), at: parent.location, path: childPath(parent, key)) }
            return nil
        }
        guard let text = cursor.scalar else {
            report(.wrongType(expected: "a string", found: cursor.kindName), at: cursor)
            return nil
        }
        return text
    }

    mutating func bool(_ cursor: YAMLCursor?, default value: Bool) -> Bool {
        guard let cursor else { return value }
        guard let bool = cursor.bool else {
            report(.wrongType(expected: "true or false", found: cursor.kindName), at: cursor)
            return value
        }
        return bool
    }

    /// Whether `cursor` is a mapping; anything else is reported. An absent value (`nil`) is not
    /// reported: the caller knows whether it is required.
    mutating func isMapping(_ cursor: YAMLCursor?) -> Bool {
        guard let cursor else { return false }
        guard cursor.isMapping else {
            report(.wrongType(expected: "a mapping", found: cursor.kindName), at: cursor)
            return false
        }
        return true
    }

    /// The pairs of `cursor` when it is a mapping, as ``isMapping(_:)`` checks it.
    mutating func mapping(_ cursor: YAMLCursor?) -> [(key: String, value: YAMLCursor)]? {
        guard let cursor, isMapping(cursor) else { return nil }
        return cursor.pairs
    }

    mutating func list(_ cursor: YAMLCursor?) -> [YAMLCursor]? {
        guard let cursor else { return nil }
        guard let items = cursor.items else {
            report(.wrongType(expected: "a list", found: cursor.kindName), at: cursor)
            return nil
        }
        return items
    }

    /// A list of Markdown strings.
    mutating func strings(_ cursor: YAMLCursor?) -> [String] {
        stringItems(cursor).map(\.text)
    }

    /// The strings of a list with the item each came from; items that are not strings are
    /// reported and left out.
    mutating func stringItems(_ cursor: YAMLCursor?) -> [(text: String, item: YAMLCursor)] {
        (list(cursor) ?? []).compactMap { item in
            guard let text = item.scalar, !item.isNull else {
                report(.wrongType(expected: "a string", found: item.kindName), at: item)
                return nil
            }
            return (text, item)
        }
    }

    /// Reports keys of `cursor` that are not in `known` as errors, with the known keys nearest
    /// to each: a typo such as `requiredScope:` would otherwise drop the action's scopes and
    /// publish "Scopes to grant: none". Keys starting with `x-` are deliberate extensions
    /// (another tool's data kept in the file) and are skipped.
    ///
    /// `known` is an array: the lists are short, and comparing a key's bytes with a few short
    /// strings costs less than making the key a `String` and hashing it.
    mutating func rejectUnknownKeys(_ cursor: YAMLCursor, known: [String]) {
        cursor.forEachKey(notIn: known) { key, value in
            guard !key.hasPrefix(LoadError.extensionKeyPrefix) else { return }
            report(.unknownKey(key, suggestions: NameSuggestions.closest(to: key, in: known)), at: value)
        }
    }

    private func childPath(_ parent: YAMLCursor, _ key: String) -> String {
        parent.path.isEmpty ? key : "\(parent.path).\(key)"
    }
}
