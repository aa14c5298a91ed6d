import Yams

/// A YAML node together with its key path and source position, so every problem found while
/// decoding it can say where it is.
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
            if isNull { return "null" }
            if node.bool != nil { return "a boolean" }
            if node.int != nil || node.float != nil { return "a number" }
            return "a string"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    var isNull: Bool {
        if case .scalar(let scalar) = node { return scalar.style == .plain && node.null != nil }
        return false
    }

    /// Key/value pairs in document order, when this is a mapping.
    var pairs: [(key: String, value: YAMLCursor)]? {
        guard case .mapping(let mapping) = node else { return nil }
        return mapping.map { key, value in
            let name = key.string ?? ""
            return (name, YAMLCursor(node: value, keyPath: keyPath.appending(key: name), file: location.file, fallback: location))
        }
    }

    /// Items in order, when this is a sequence.
    var items: [YAMLCursor]? {
        guard case .sequence(let sequence) = node else { return nil }
        return sequence.enumerated().map { index, item in
            YAMLCursor(node: item, keyPath: keyPath.appending(index: index), file: location.file, fallback: location)
        }
    }

    /// The value of `key` when this is a mapping that has it and the value is not null.
    subscript(key: String) -> YAMLCursor? {
        guard case .mapping(let mapping) = node, let pair = mapping.first(where: { ($0.key.string ?? "") == key }) else { return nil }
        let value = YAMLCursor(node: pair.value, keyPath: keyPath.appending(key: key), file: location.file, fallback: location)
        return value.isNull ? nil : value
    }
}
