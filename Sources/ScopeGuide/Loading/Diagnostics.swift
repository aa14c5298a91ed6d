import Yams

/// Collects every problem found while decoding one file, and the typed readers that report them.
///
/// Readers return `nil` after reporting, so decoding goes on and one run lists all problems.
struct Diagnostics {
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
        guard case .scalar(let scalar) = cursor.node else {
            report(.wrongType(expected: "a string", found: cursor.kindName), at: cursor)
            return nil
        }
        return scalar.string
    }

    mutating func bool(_ cursor: YAMLCursor?, default value: Bool) -> Bool {
        guard let cursor else { return value }
        guard let bool = cursor.node.bool else {
            report(.wrongType(expected: "true or false", found: cursor.kindName), at: cursor)
            return value
        }
        return bool
    }

    mutating func mapping(_ cursor: YAMLCursor?) -> [(key: String, value: YAMLCursor)]? {
        guard let cursor else { return nil }
        guard let pairs = cursor.pairs else {
            report(.wrongType(expected: "a mapping", found: cursor.kindName), at: cursor)
            return nil
        }
        return pairs
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
        (list(cursor) ?? []).compactMap { item in
            guard case .scalar(let scalar) = item.node, !item.isNull else {
                report(.wrongType(expected: "a string", found: item.kindName), at: item)
                return nil
            }
            return scalar.string
        }
    }

    /// Reports keys of `cursor` that are not in `known`, as warnings.
    mutating func warnUnknownKeys(_ cursor: YAMLCursor, known: Set<String>) {
        for (key, value) in cursor.pairs ?? [] where !known.contains(key) {
            report(.unknownKey(key), at: value.location, path: value.path)
        }
    }

    private func childPath(_ parent: YAMLCursor, _ key: String) -> String {
        parent.path.isEmpty ? key : "\(parent.path).\(key)"
    }
}
