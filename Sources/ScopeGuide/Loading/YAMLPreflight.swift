// libyaml itself, as Yams builds it: its event parser is the only way to see anchors, aliases
// and keys before Yams composes (and hashes) them. Nothing of it leaves this file.
internal import CYaml

/// A pass over a file's YAML events, made before Yams composes it, that refuses the shapes
/// whose composition costs far more than the text's size: aliases that expand to a huge tree,
/// keys that are collections, and deep nesting.
///
/// Yams composes an alias by sharing the anchored node, which is cheap, but hashes every mapping
/// key to find duplicates, walking the key's whole expanded tree: a 490-byte file whose anchors
/// double ten times a level, used as a key (`? *l8 : 1`), never finished composing. A collection
/// key at each of many nesting levels is hashed once per level, so even without aliases its
/// cost is the text's size times its depth. Guide files need none of these, so:
/// - every node an alias brings in is counted (an anchor's expanded size, aliases inside it
///   included), and a file whose aliases bring in more than ``maximumAliasedNodes`` is refused;
/// - a mapping key must be a scalar, or an alias of one;
/// - collections nest at most ``maximumDepth`` deep, so no recursion over the composed tree
///   (Yams' own, or a hash) runs deep on a worker thread's small stack.
///
/// Files with a syntax error pass: Yams reports that error in its own words.
enum YAMLPreflight {
    /// How many nodes all aliases of one file may bring in, counted with repetition: 100,000.
    static let maximumAliasedNodes = 100_000
    /// How deep sequences and mappings may nest: 200 levels (guide files use about ten).
    static let maximumDepth = 200

    /// Why a file was refused, and the node where that became clear (1-based).
    struct Refusal: Error, Equatable {
        enum Reason: Equatable {
            /// The aliases read so far bring in this many nodes, more than ``maximumAliasedNodes``.
            case aliasExpansion(Int)
            /// A mapping key is a sequence or mapping, or an alias of one.
            case collectionKey
            /// Collections nest deeper than ``maximumDepth``.
            case tooDeep
        }

        var reason: Reason
        var line: Int
        var column: Int
    }

    /// Throws the first refusal for `text`, or returns when Yams may compose it.
    static func check(_ text: String) throws(Refusal) {
        var text = text
        let refusal = text.withUTF8 { bytes in firstRefusal(in: bytes) }
        if let refusal { throw refusal }
    }

    /// A collection being read: its anchor, how many nodes it holds so far (itself included,
    /// aliases expanded), and for a mapping whether the next node is a key.
    private struct Open {
        var anchor: String?
        var nodes = 1
        var isMapping: Bool
        var expectsKey: Bool
    }

    private static func firstRefusal(in bytes: UnsafeBufferPointer<UInt8>) -> Refusal? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)

        var sizes: [String: Int] = [:]  // an anchor's expanded node count; a later anchor shadows
        var open: [Open] = []
        var aliased = 0
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            defer { yaml_event_delete(&event) }
            let mark = event.start_mark
            func refuse(_ reason: Refusal.Reason) -> Refusal {
                Refusal(reason: reason, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
            }
            // Whether this event starts a node in key position, then that the mapping's next
            // node is the other of key and value.
            var isKey = false
            switch event.type {
            case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if let last = open.indices.last, open[last].isMapping {
                    isKey = open[last].expectsKey
                    open[last].expectsKey.toggle()
                }
            default:
                break
            }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SCALAR_EVENT:
                if let anchor = name(event.data.scalar.anchor) { sizes[anchor] = 1 }
                if !open.isEmpty { open[open.count - 1].nodes += 1 }
            case YAML_ALIAS_EVENT:
                // An undefined alias is Yams' error to report; count it as one node meanwhile.
                let size = name(event.data.alias.anchor).flatMap { sizes[$0] } ?? 1
                if isKey && size > 1 { return refuse(.collectionKey) }
                aliased += size
                if aliased > maximumAliasedNodes { return refuse(.aliasExpansion(aliased)) }
                if !open.isEmpty { open[open.count - 1].nodes += size }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if isKey { return refuse(.collectionKey) }
                if open.count == maximumDepth { return refuse(.tooDeep) }
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = isMapping ? name(event.data.mapping_start.anchor) : name(event.data.sequence_start.anchor)
                open.append(Open(anchor: anchor, isMapping: isMapping, expectsKey: isMapping))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = open.popLast() else { return nil }
                if let anchor = closed.anchor { sizes[anchor] = closed.nodes }
                if !open.isEmpty { open[open.count - 1].nodes += closed.nodes }
            default:
                break
            }
        }
        return nil
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }
}
