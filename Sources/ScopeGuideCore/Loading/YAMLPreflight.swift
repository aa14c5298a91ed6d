// libyaml itself, as Yams builds it: nothing of it leaves the Loading folder.
internal import CYaml

/// The limits on a file's YAML events that refuse the shapes whose composition would cost far
/// more than the text's size: aliases that expand to a huge tree, keys that are collections,
/// and deep nesting. ``YAMLDocumentParser`` passes it every event it reads.
///
/// Yams composed an alias by sharing the anchored node, which is cheap, but hashed every mapping
/// key to find duplicates, walking the key's whole expanded tree: a 490-byte file whose anchors
/// double ten times a level, used as a key (`? *l8 : 1`), never finished composing. A collection
/// key at each of many nesting levels was hashed once per level. ``YAMLDocument`` shares aliased
/// nodes too and compares only scalar keys, but the limits stay, so that what loads does not
/// depend on how it is composed, and every consumer of a document (each cursor walk, a message's
/// key path) stays as cheap as its text:
/// - every node an alias brings in is counted (an anchor's expanded size, aliases inside it
///   included), and a file whose aliases bring in more than `maximumAliasedNodes` is refused;
/// - a mapping key must be a scalar, or an alias of one;
/// - collections nest at most ``maximumDepth`` deep.
///
/// The limits apply to the whole file, before any other problem: a refusal anywhere before the
/// first syntax error is the file's one error, as when this was a pass of its own before Yams
/// composed. Files with a syntax error are otherwise libyaml's to report.
struct YAMLPreflight {
    /// How many nodes all aliases of one file may bring in, counted with repetition: 100,000.
    static let maximumAliasedNodes = 100_000
    /// How deep sequences and mappings may nest: 200 levels (guide files use about ten).
    static let maximumDepth = 200

    /// Why a file was refused, and the node where that became clear (1-based).
    struct Refusal: Error, Equatable {
        enum Reason: Equatable {
            /// The aliases read so far bring in this many nodes, more than `maximumAliasedNodes`.
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

    /// A collection being read: its anchor, how many nodes it holds so far (itself included,
    /// aliases expanded), and for a mapping whether the next node is a key.
    private struct Open {
        var anchor: String?
        var nodes = 1
        var isMapping: Bool
        var expectsKey: Bool
    }

    private var sizes: [String: Int] = [:]  // an anchor's expanded node count; a later anchor shadows
    private var open: [Open] = []
    private var aliased = 0

    /// Counts `event`, or throws the refusal it makes clear.
    mutating func admit(_ event: borrowing yaml_event_t) throws(Refusal) {
        let mark = event.start_mark
        func refusal(_ reason: Refusal.Reason) -> Refusal {
            Refusal(reason: reason, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }
        // Whether this event starts a node in key position, then that the mapping's next node is
        // the other of key and value.
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
        case YAML_SCALAR_EVENT:
            if let anchor = Self.name(event.data.scalar.anchor) { sizes[anchor] = 1 }
            if !open.isEmpty { open[open.count - 1].nodes += 1 }
        case YAML_ALIAS_EVENT:
            // An undefined alias is the parser's error to report; count it as one node meanwhile.
            let size = Self.name(event.data.alias.anchor).flatMap { sizes[$0] } ?? 1
            if isKey && size > 1 { throw refusal(.collectionKey) }
            aliased += size
            if aliased > Self.maximumAliasedNodes { throw refusal(.aliasExpansion(aliased)) }
            if !open.isEmpty { open[open.count - 1].nodes += size }
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            if isKey { throw refusal(.collectionKey) }
            if open.count == Self.maximumDepth { throw refusal(.tooDeep) }
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let anchor = isMapping ? Self.name(event.data.mapping_start.anchor) : Self.name(event.data.sequence_start.anchor)
            open.append(Open(anchor: anchor, isMapping: isMapping, expectsKey: isMapping))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let closed = open.popLast() else { return }
            if let anchor = closed.anchor { sizes[anchor] = closed.nodes }
            if !open.isEmpty { open[open.count - 1].nodes += closed.nodes }
        default:
            break
        }
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }
}
