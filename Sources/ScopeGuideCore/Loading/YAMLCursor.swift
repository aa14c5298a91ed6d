import Yams

/// A node of a ``YAMLDocument`` together with its key path and source position, so every
/// problem found while decoding it can say where it is.
struct YAMLCursor {
    let document: YAMLDocument
    /// The node's index in ``document``.
    let index: Int32
    let keyPath: YAMLKeyPath
    /// The file, as messages name it.
    let file: String

    init(document: YAMLDocument, index: Int32, keyPath: YAMLKeyPath, file: String) {
        self.document = document
        self.index = index
        self.keyPath = keyPath
        self.file = file
    }

    /// The cursor of `document`'s root.
    init(root document: YAMLDocument, file: String) {
        self.init(document: document, index: document.root, keyPath: .root, file: file)
    }

    private var node: YAMLDocument.Node { document.nodes[Int(index)] }

    /// Where the node starts (an alias's node: where its anchor is).
    var location: SourceLocation {
        let node = node
        return SourceLocation(file: file, line: Int(node.line), column: Int(node.column))
    }

    /// The key path as messages show it, such as `actions[3].requiredScopes`; spelled out on each
    /// use, so read it only to report a problem.
    var path: String { keyPath.description }

    /// The text, when this is a scalar.
    var scalar: String? {
        node.kind == .scalar ? document.string(index) : nil
    }

    /// The YAML kind, as error messages name it.
    var kindName: String {
        switch node.kind {
        case .scalar:
            // Yams' own readers, so that messages name kinds exactly as they always have: `yEs`
            // is a boolean (Bool.construct ignores case), `nan` and `1:30` are numbers.
            if isNull { return "null" }
            let scalar = document.yamsScalar(index)
            if Bool.construct(from: scalar) != nil { return "a boolean" }
            if Int.construct(from: scalar) != nil || Double.construct(from: scalar) != nil { return "a number" }
            return "a string"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// The scalar as Yams' `Bool.construct` reads it: `true`, `yes`, `on`, `false`, `no`, `off`
    /// in any letter case, unless its tag is `str`.
    var bool: Bool? {
        node.kind == .scalar ? Bool.construct(from: document.yamsScalar(index)) : nil
    }

    /// Whether this is a plain `~`, `null`, `Null`, `NULL` or nothing at all, as Yams'
    /// `NSNull.construct` reads a null.
    var isNull: Bool { document.isNull(index) }

    var isMapping: Bool { node.kind == .mapping }

    /// Key/value pairs in document order, when this is a mapping.
    var pairs: [(key: String, value: YAMLCursor)]? {
        let node = node
        guard node.kind == .mapping else { return nil }
        let keyPath = keyPath.sealed
        var pairs: [(key: String, value: YAMLCursor)] = []
        pairs.reserveCapacity(Int(node.count) / 2)
        for position in stride(from: Int(node.start), to: Int(node.start + node.count), by: 2) {
            let name = name(ofKey: document.children[position])
            pairs.append((name, child(document.children[position + 1], at: keyPath.appending(key: name))))
        }
        return pairs
    }

    /// Items in order, when this is a sequence.
    var items: [YAMLCursor]? {
        let node = node
        guard node.kind == .sequence else { return nil }
        let keyPath = keyPath.sealed
        return (0..<Int(node.count)).map { offset in
            child(document.children[Int(node.start) + offset], at: keyPath.appending(index: offset))
        }
    }

    /// The value of `key` when this is a mapping that has it and the value is not null.
    subscript(key: String) -> YAMLCursor? {
        let node = node
        guard node.kind == .mapping else { return nil }
        for position in stride(from: Int(node.start), to: Int(node.start + node.count), by: 2)
        where document.scalar(document.children[position], equals: key) {
            let cursor = child(document.children[position + 1], at: keyPath.appending(key: key))
            return cursor.isNull ? nil : cursor
        }
        return nil
    }

    /// Calls `body` with each key of this mapping that is none of `known`, and the cursor of its
    /// value, in document order: known keys cost a comparison of bytes and make nothing.
    func forEachKey(notIn known: [String], _ body: (_ key: String, _ value: YAMLCursor) -> Void) {
        let node = node
        guard node.kind == .mapping else { return }
        for position in stride(from: Int(node.start), to: Int(node.start + node.count), by: 2) {
            let key = document.children[position]
            guard !known.contains(where: { document.scalar(key, equals: $0) }) else { continue }
            let name = name(ofKey: key)
            body(name, child(document.children[position + 1], at: keyPath.appending(key: name)))
        }
    }

    /// The cursor of node `index`, a child of this one, at `keyPath`.
    private func child(_ index: Int32, at keyPath: YAMLKeyPath) -> YAMLCursor {
        YAMLCursor(document: document, index: index, keyPath: keyPath, file: file)
    }

    /// A key's text, `""` for a collection key, as Yams' `Node.string` read it.
    private func name(ofKey key: Int32) -> String {
        document.nodes[Int(key)].kind == .scalar ? document.string(key) : ""
    }
}
