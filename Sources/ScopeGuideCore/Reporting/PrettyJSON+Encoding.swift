import Foundation

extension PrettyJSON {
    /// The tree `value` encodes to, keys and values as `JSONEncoder` would write them: a `nil`
    /// that `encodeIfPresent` skips leaves its key out, an explicit `encodeNil` writes `null`, a
    /// `URL` is its absolute string.
    ///
    /// For the few reports that are plain `Encodable` structures (the CLI's `--json` output);
    /// writers on a hot path build the tree directly.
    ///
    /// - Throws: `EncodingError.invalidValue` for a floating-point number or a `Date` or `Data`,
    ///   whose `JSONEncoder` spellings this writer does not reproduce, or what `value` throws.
    package init(encoding value: some Encodable) throws {
        let node = Node()
        try Node.encode(value, into: node, codingPath: [])
        self = node.json
    }

    /// One value being encoded; containers write into it after they are handed out, so it is a
    /// reference.
    fileprivate final class Node {
        enum Content { case unset, value(PrettyJSON), object([(String, Node)]), array([Node]) }
        var content = Content.unset

        /// A value that encoded nothing is an empty object, as with `JSONEncoder`.
        var json: PrettyJSON {
            switch content {
            case .unset: .object([])
            case .value(let value): value
            case .object(let pairs): .object(pairs.map { ($0.0, $0.1.json) })
            case .array(let items): .array(items.map(\.json))
            }
        }

        func child(for key: String) -> Node {
            var pairs: [(String, Node)] = []
            if case .object(let existing) = content { pairs = existing }
            let node = Node()
            if let index = pairs.firstIndex(where: { $0.0 == key }) { pairs[index].1 = node } else { pairs.append((key, node)) }
            content = .object(pairs)
            return node
        }

        func appended() -> Node {
            var items: [Node] = []
            if case .array(let existing) = content { items = existing }
            let node = Node()
            content = .array(items + [node])
            return node
        }

        static func encode(_ value: some Encodable, into node: Node, codingPath: [any CodingKey]) throws {
            switch value {
            case let url as URL: node.content = .value(.string(url.absoluteString))
            case is Date, is Data, is Decimal:
                throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "PrettyJSON writes no \(type(of: value))"))
            default: try value.encode(to: Encoding(node: node, codingPath: codingPath))
            }
        }
    }

    private struct Encoding: Encoder {
        let node: Node
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .object = node.content {} else { node.content = .object([]) }
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if case .array = node.content {} else { node.content = .array([]) }
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { node.child(for: key.stringValue).content = .value(.null) }

        mutating func encode(_ value: some Encodable, forKey key: Key) throws {
            try Node.encode(value, into: node.child(for: key.stringValue), codingPath: codingPath + [key])
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            Encoding(node: node.child(for: key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Encoding(node: node.child(for: key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { Encoding(node: node.child(for: "super"), codingPath: codingPath) }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            Encoding(node: node.child(for: key.stringValue), codingPath: codingPath + [key])
        }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]

        var count: Int {
            if case .array(let items) = node.content { return items.count }
            return 0
        }

        mutating func encodeNil() throws { node.appended().content = .value(.null) }

        mutating func encode(_ value: some Encodable) throws {
            try Node.encode(value, into: node.appended(), codingPath: codingPath)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            Encoding(node: node.appended(), codingPath: codingPath).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            Encoding(node: node.appended(), codingPath: codingPath).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { Encoding(node: node.appended(), codingPath: codingPath) }
    }

    private struct Single: SingleValueEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.content = .value(.null) }
        mutating func encode(_ value: Bool) throws { node.content = .value(.boolean(value)) }
        mutating func encode(_ value: String) throws { node.content = .value(.string(value)) }
        mutating func encode(_ value: Int) throws { node.content = .value(.integer(value)) }

        mutating func encode(_ value: some Encodable) throws {
            switch value {
            case let value as any BinaryInteger:
                guard let integer = Int(exactly: value) else { throw unsupported(value) }
                node.content = .value(.integer(integer))
            case is any BinaryFloatingPoint: throw unsupported(value)
            default: try Node.encode(value, into: node, codingPath: codingPath)
            }
        }

        private func unsupported(_ value: Any) -> EncodingError {
            EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "PrettyJSON writes no \(type(of: value))"))
        }
    }
}
