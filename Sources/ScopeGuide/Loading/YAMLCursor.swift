import Yams

/// A YAML node together with its key path and source position, so every problem found while
/// decoding it can say where it is.
///
/// Mappings are walked by index: Yams' `Node.Mapping` iterator copies every pair into a new
/// array each time it is made, which made each key lookup as costly as reading the whole mapping.
struct YAMLCursor {
    let node: Node
    let keyPath: YAMLKeyPath
    let location: SourceLocation

    init(node: Node, keyPath: YAMLKeyPath, file: String, fallback: SourceLocation? = nil) {
        self.node = node
        self.keyPath = keyPath
        if let mark = node.mark {
            location = SourceLocation(file: file, line: mark.line, column: mark.column)
        } else {
            location = fallback ?? SourceLocation(file: file, line: 1, column: 1)
        }
    }

    /// The key path as messages show it, such as `actions[3].requiredScopes`; spelled out on each
    /// use, so read it only to report a problem.
    var path: String { keyPath.description }

    /// The YAML kind, as error messages name it.
    var kindName: String {
        switch node {
        case .scalar:
            // Yams' own readers, so that messages name kinds exactly as they always have: `yEs`
            // is a boolean (Bool.construct ignores case), `nan` and `1:30` are numbers.
            if isNull { return "null" }
            if node.bool != nil { return "a boolean" }
            if node.int != nil || node.float != nil { return "a number" }
            return "a string"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// Whether this is a plain `~`, `null`, `Null`, `NULL` or nothing at all, as Yams'
    /// `NSNull.construct` reads a null without allocating the `NSNull`.
    var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    var isMapping: Bool {
        if case .mapping = node { return true }
        return false
    }

    /// Key/value pairs in document order, when this is a mapping.
    var pairs: [(key: String, value: YAMLCursor)]? {
        guard case .mapping(let mapping) = node else { return nil }
        var pairs: [(key: String, value: YAMLCursor)] = []
        pairs.reserveCapacity(mapping.endIndex - mapping.startIndex)
        for index in mapping.startIndex..<mapping.endIndex {
            let (key, value) = mapping[index]
            let name = Self.name(of: key)
            pairs.append((name, child(value, at: keyPath.appending(key: name))))
        }
        return pairs
    }

    /// Items in order, when this is a sequence.
    var items: [YAMLCursor]? {
        guard case .sequence(let sequence) = node else { return nil }
        return sequence.enumerated().map { index, item in child(item, at: keyPath.appending(index: index)) }
    }

    /// The value of `key` when this is a mapping that has it and the value is not null.
    subscript(key: String) -> YAMLCursor? {
        guard case .mapping(let mapping) = node else { return nil }
        for index in mapping.startIndex..<mapping.endIndex {
            let (name, value) = mapping[index]
            guard Self.name(of: name) == key else { continue }
            let cursor = child(value, at: keyPath.appending(key: key))
            return cursor.isNull ? nil : cursor
        }
        return nil
    }

    /// Calls `body` with each key of this mapping and the node at it, in document order, making no
    /// cursors: for walks that need one only for the odd pair, such as an unknown key.
    func forEachKey(_ body: (_ key: String, _ value: Node) -> Void) {
        guard case .mapping(let mapping) = node else { return }
        for index in mapping.startIndex..<mapping.endIndex {
            let (key, value) = mapping[index]
            body(Self.name(of: key), value)
        }
    }

    /// The cursor of `value`, a node in this one, at `keyPath`.
    func child(_ value: Node, at keyPath: YAMLKeyPath) -> YAMLCursor {
        YAMLCursor(node: value, keyPath: keyPath, file: location.file, fallback: location)
    }

    /// A key's text as Yams' `Node.string` reads it, `""` when it has none; a scalar key, by far
    /// the most common, without Yams' copy of the node.
    private static func name(of key: Node) -> String {
        if case .scalar(let scalar) = key { return scalar.string }
        return key.string ?? ""
    }
}
