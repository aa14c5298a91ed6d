import Yams

/// One composed YAML document in flat arrays: each node's kind, position, style and tag, the
/// children of each collection, and the text of every scalar, read by ``YAMLCursor``.
///
/// ``YAMLDocumentParser`` builds it from libyaml's events. It replaces Yams' `Node` tree, which
/// allocated an object per tag and a `String` per scalar, and hashed every mapping key, for a
/// document the decoder then reads once: composing that tree was most of the time spent loading.
/// Here a scalar's text stays UTF-8 bytes until the decoder asks for a `String`, and key
/// lookups compare bytes.
///
/// An alias is the index of the node it names, as Yams shares the anchored node: it reads, and is
/// located, as that node.
///
/// A class, so that every cursor shares one document; it never changes once built.
final class YAMLDocument: Sendable {
    enum Kind: UInt8, Sendable {
        case scalar
        case sequence
        case mapping
    }

    /// One node: 24 bytes, no references.
    struct Node: Sendable {
        var kind: Kind
        /// libyaml's scalar style (`Node.Scalar.Style`'s raw value): 1 plain, 2 and 3 quoted, 4
        /// literal, 5 folded.
        var style: UInt8
        /// Whether every byte of a scalar's text is ASCII, so that comparing bytes decides
        /// equality with an ASCII string (otherwise `String`'s canonical equivalence does).
        var isASCII: Bool
        /// Whether the node is a mapping key somewhere: Yams resolved a key's tag when it hashed
        /// it, and the tag object stayed resolved for every alias of the node.
        var isKey: Bool
        /// 1-based, as libyaml's start mark plus one.
        var line: Int32
        var column: Int32
        /// A scalar's first byte in ``text``; a collection's first child in ``children``.
        var start: Int32
        /// A scalar's byte count; a collection's child count (a mapping's keys and values
        /// alternate, so twice its pairs).
        var count: Int32
        /// The scalar's tag as Yams recorded it, an index in ``tags``; -1 for none (implicit).
        var tag: Int32
    }

    let nodes: [Node]
    let children: [Int32]
    let text: [UInt8]
    /// Tag names, such as `tag:yaml.org,2002:str` (which every quoted or block scalar without a
    /// tag gets, as in Yams) or `!`.
    let tags: [String]
    let root: Int32

    init(nodes: [Node], children: [Int32], text: [UInt8], tags: [String], root: Int32) {
        self.nodes = nodes
        self.children = children
        self.text = text
        self.tags = tags
        self.root = root
    }

    /// Yams' tag rules for the scalars the decoder reads as booleans and nulls, and for keys:
    /// its default set without the timestamp, merge and value rules, which the loader never used.
    static let resolver = Yams.Resolver.default.removing(.timestamp).removing(.merge).removing(.value)

    static let stringTag = Tag.Name.str.rawValue

    /// The text of scalar `index`.
    func string(_ index: Int32) -> String {
        let node = nodes[Int(index)]
        return text.withUnsafeBufferPointer { bytes in
            String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.start + node.count)]), as: UTF8.self)
        }
    }

    /// Whether scalar `index` reads as `key`, as `String`'s `==` compares them: equal bytes, or
    /// when either has a non-ASCII byte, canonically equivalent text (`\u{212A}` is `K`).
    func scalar(_ index: Int32, equals key: String) -> Bool {
        let node = nodes[Int(index)]
        guard node.kind == .scalar else { return false }
        let same: Bool = text.withUnsafeBufferPointer { bytes in
            let scalar = UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.start + node.count)])
            // Lengths first, then two buffers of bytes: a decoder asks for each field by name, and
            // walking the key's `String.UTF8View` for every comparison was 4% of `check`.
            return key.utf8.withContiguousStorageIfAvailable { name in
                name.count == scalar.count && name.elementsEqual(scalar)
            } ?? key.utf8.elementsEqual(scalar)
        }
        if same { return true }
        if node.isASCII && key.utf8.allSatisfy({ $0 < 0x80 }) { return false }
        return string(index) == key
    }

    /// Whether scalars `a` and `b` have equal text as `String`'s `==` says.
    func scalar(_ a: Int32, equalsScalar b: Int32) -> Bool {
        let first = nodes[Int(a)], second = nodes[Int(b)]
        let same: Bool = text.withUnsafeBufferPointer { bytes in
            first.count == second.count
                && UnsafeBufferPointer(rebasing: bytes[Int(first.start)..<Int(first.start + first.count)])
                .elementsEqual(UnsafeBufferPointer(rebasing: bytes[Int(second.start)..<Int(second.start + second.count)]))
        }
        if same { return true }
        if first.isASCII && second.isASCII { return false }
        return string(a) == string(b)
    }

    /// Whether scalar `index` is a plain `~`, `null`, `Null`, `NULL` or nothing at all, as Yams'
    /// `NSNull.construct` reads a null.
    func isNull(_ index: Int32) -> Bool {
        let node = nodes[Int(index)]
        guard node.kind == .scalar, node.style == UInt8(Yams.Node.Scalar.Style.plain.rawValue) else { return false }
        switch node.count {
        case 0: return true
        case 1: return text[Int(node.start)] == UInt8(ascii: "~")
        case 4: return ["null", "Null", "NULL"].contains { scalar(index, equals: $0) }
        default: return false
        }
    }

    /// Scalar `index` as Yams' `Node.Scalar`, with the tag Yams' node had when the decoder read
    /// it: as parsed, or as resolved for a key. For Yams' own readers (`Bool.construct` and the
    /// number ones), called only for booleans and for naming a kind in a message.
    func yamsScalar(_ index: Int32) -> Yams.Node.Scalar {
        let node = nodes[Int(index)]
        let string = string(index)
        var name = node.tag < 0 ? Tag.Name.implicit : Tag.Name(rawValue: tags[Int(node.tag)])
        if node.isKey { name = Self.resolvedTag(name, of: string) }
        return Yams.Node.Scalar(string, Tag(name, Self.resolver), Yams.Node.Scalar.Style(rawValue: UInt32(node.style)) ?? .any)
    }

    /// A key's tag as Yams resolves it to hash the key: an implicit tag by ``resolver``'s rules,
    /// the non-specific `!` as `str`, any other as written.
    static func resolvedTag(_ name: Tag.Name, of string: String) -> Tag.Name {
        if name == .implicit { return resolver.resolveTag(of: Yams.Node.scalar(Yams.Node.Scalar(string))) }
        if name.rawValue == "!" { return .str }
        return name
    }
}
