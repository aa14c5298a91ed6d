import Yams

/// A YAML node together with its key path and source position, so every problem found while
/// decoding it can say where it is.
struct YAMLCursor {
    let node: Node
    let path: String
    let location: SourceLocation

    init(node: Node, path: String, file: String, fallback: SourceLocation? = nil) {
        self.node = node
        self.path = path
        if let mark = node.mark {
            location = SourceLocation(file: file, line: mark.line, column: mark.column)
        } else {
            location = fallback ?? SourceLocation(file: file, line: 1, column: 1)
        }
    }

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
            return (name, YAMLCursor(node: value, path: join(path, name), file: location.file, fallback: location))
        }
    }

    /// Items in order, when this is a sequence.
    var items: [YAMLCursor]? {
        guard case .sequence(let sequence) = node else { return nil }
        return sequence.enumerated().map { index, item in
            YAMLCursor(node: item, path: "\(path)[\(index)]", file: location.file, fallback: location)
        }
    }

    /// The value of `key` when this is a mapping that has it and the value is not null.
    subscript(key: String) -> YAMLCursor? {
        // Only the matching pair gets a cursor: its key path costs a string to build.
        guard case .mapping(let mapping) = node, let pair = mapping.first(where: { ($0.key.string ?? "") == key }) else { return nil }
        let value = YAMLCursor(node: pair.value, path: join(path, key), file: location.file, fallback: location)
        return value.isNull ? nil : value
    }

    private func join(_ base: String, _ key: String) -> String {
        let simple = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        let component = simple ? key : "[\"\(key)\"]"
        if base.isEmpty { return component }
        return simple ? "\(base).\(component)" : base + component
    }
}
