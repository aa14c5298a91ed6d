// libyaml itself, as Yams builds it: its event parser does the YAML; nothing of it leaves the
// Loading folder.
internal import CYaml
import Foundation
import Yams

/// Reads a ``YAMLDocument`` from YAML text in one pass over libyaml's events, with the errors,
/// positions and key semantics that composing through Yams had.
///
/// Each event is first given to ``YAMLPreflight``, then added to the document:
/// - a scalar's text is appended to the document's bytes, its tag recorded as Yams recorded it
///   (`str` for a quoted or block scalar without one, the tag as written otherwise, none for a
///   plain scalar);
/// - an alias becomes the index of the node its anchor names (the anchor's latest definition
///   whose node is complete, as Yams registered an anchor when it finished the node); an unknown
///   one is `found undefined alias` at the alias;
/// - when a mapping ends, its keys are compared as Yams hashed them: equal text (`String`'s
///   `==`) and equal resolved tag (see ``YAMLDocument/resolvedTag(_:of:)``), so `yes` and
///   `"yes"` differ while `!!bool yes` and `yes` are the same key. Duplicates are one error,
///   `duplicate key "a", "b" in mapping`, at the first occurrence of the first in text order.
///   Most mappings have a few keys, compared pairwise; equal bytes mean equal text, and the
///   regular expressions of Yams' resolver run only for equal text with differing tags.
///
/// Errors come in the order Yams met them: the first composition error (a duplicate, an unknown
/// alias, a second document) or, before it, libyaml's syntax error. ``YAMLPreflight``'s limits
/// still apply to the whole file up to its first syntax error, and take precedence, as they did
/// when they were a pass of their own before composing: events after a composition error are
/// read for them alone.
enum YAMLDocumentParser {
    /// Why a text has no document.
    enum Failure: Error, Equatable {
        /// A shape ``YAMLPreflight`` refuses.
        case refused(YAMLPreflight.Refusal)
        /// A syntax or composition error, worded as the loader has always worded Yams' errors
        /// (libyaml's problem, then its context), at its 1-based line and column (1:1 when libyaml
        /// gives none, as for an encoding problem).
        case invalid(String, line: Int, column: Int)
    }

    /// The single document in `text`, or `nil` when it has none.
    static func parse(_ text: String) throws(Failure) -> YAMLDocument? {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(Failure) -> YAMLDocument? in try parse(bytes) }
        }
        return try result.get()
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> YAMLDocument? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }  // no document
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw .invalid("Memory error", line: 1, column: 1) }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, base, bytes.count)

        var preflight = YAMLPreflight()
        var builder = Builder(expectedBytes: bytes.count)
        var failure: Failure?
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { throw failure ?? syntaxError(parser) }
            defer { yaml_event_delete(&event) }
            do {
                try preflight.admit(event)
            } catch {
                throw .refused(error)
            }
            if event.type == YAML_STREAM_END_EVENT {
                if let failure { throw failure }
                return builder.document()
            }
            guard failure == nil else { continue }
            do {
                try builder.add(event)
            } catch {
                failure = error
            }
        }
    }

    /// libyaml's error, worded as Yams' `YamlError` was described to the user.
    private static func syntaxError(_ parser: yaml_parser_t) -> Failure {
        switch parser.error {
        case YAML_READER_ERROR:
            return .invalid(String(cString: parser.problem), line: 1, column: 1)
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
            let problem = String(cString: parser.problem)
            let message = parser.context.map { "\(problem) \(String(cString: $0))" } ?? problem
            return .invalid(message, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        default:
            return .invalid("Memory error", line: 1, column: 1)
        }
    }

    /// The document as its events arrive.
    private struct Builder {
        /// A collection whose end has not come: its node, where its children start in
        /// `pending`, and its anchor.
        private struct Open {
            var node: Int32
            var firstPending: Int
            var anchor: String?
        }

        private var nodes: [YAMLDocument.Node] = []
        private var children: [Int32] = []
        private var text: [UInt8] = []
        private var tags: [String] = [YAMLDocument.stringTag]
        private var tagIndices: [String: Int32] = [YAMLDocument.stringTag: 0]
        private var anchors: [String: Int32] = [:]
        private var open: [Open] = []
        /// The children of every open collection, innermost last.
        private var pending: [Int32] = []
        private var root: Int32?
        private var hasDocument = false

        init(expectedBytes: Int) {
            // A block-style guide file's scalars are about two thirds of its bytes, and it has a
            // node per 25 bytes or so: reserving that avoids most regrowth.
            text.reserveCapacity(expectedBytes)
            nodes.reserveCapacity(expectedBytes / 20)
            children.reserveCapacity(expectedBytes / 20)
        }

        func document() -> YAMLDocument? {
            root.map { YAMLDocument(nodes: nodes, children: children, text: text, tags: tags, root: $0) }
        }

        mutating func add(_ event: borrowing yaml_event_t) throws(Failure) {
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                if hasDocument {
                    throw Self.failure("but found another document expected a single document in the stream", at: event.start_mark)
                }
                hasDocument = true
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let start = text.count
                let value = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
                if value.count >= 3, value[0] == 0xEF, value[1] == 0xBB, value[2] == 0xBF,
                    let decoded = String(bytes: value, encoding: .utf8) {
                    // Yams made each scalar's String with Foundation's `String(bytes:encoding:)`,
                    // which drops a leading U+FEFF (byte order mark): the text is kept as it read.
                    text.append(contentsOf: decoded.utf8)
                } else {
                    text.append(contentsOf: value)
                }
                var high: UInt8 = 0
                for byte in text[start...] { high |= byte }
                var tag: Int32 = -1
                if scalar.quoted_implicit == 1 {
                    tag = 0
                } else if let name = scalar.tag {
                    tag = intern(String(cString: name))
                }
                let index = append(YAMLDocument.Node(
                    kind: .scalar, style: UInt8(truncatingIfNeeded: scalar.style.rawValue), isASCII: high < 0x80, isKey: false,
                    line: Int32(truncatingIfNeeded: event.start_mark.line + 1), column: Int32(truncatingIfNeeded: event.start_mark.column + 1),
                    start: Int32(start), count: Int32(text.count - start), tag: tag))
                if let anchor = scalar.anchor { anchors[String(cString: anchor)] = index }
                finish(index)
            case YAML_ALIAS_EVENT:
                guard let name = event.data.alias.anchor, let index = anchors[String(cString: name)] else {
                    throw Self.failure("found undefined alias", at: event.start_mark)
                }
                finish(index)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                let index = append(YAMLDocument.Node(
                    kind: isMapping ? .mapping : .sequence, style: 0, isASCII: true, isKey: false,
                    line: Int32(truncatingIfNeeded: event.start_mark.line + 1), column: Int32(truncatingIfNeeded: event.start_mark.column + 1),
                    start: 0, count: 0, tag: -1))
                open.append(Open(node: index, firstPending: pending.count, anchor: anchor.map { String(cString: $0) }))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = open.popLast() else { return }
                let index = Int(closed.node)
                nodes[index].start = Int32(children.count)
                nodes[index].count = Int32(pending.count - closed.firstPending)
                children.append(contentsOf: pending[closed.firstPending...])
                pending.removeSubrange(closed.firstPending...)
                if nodes[index].kind == .mapping { try checkKeys(of: closed.node) }
                if let anchor = closed.anchor { anchors[anchor] = closed.node }
                finish(closed.node)
            default:
                break  // stream start, document end; stream end is the caller's
            }
        }

        private mutating func append(_ node: YAMLDocument.Node) -> Int32 {
            nodes.append(node)
            return Int32(nodes.count - 1)
        }

        /// Node `index` is complete: a child of the innermost open collection, or the root.
        private mutating func finish(_ index: Int32) {
            if open.isEmpty { root = index } else { pending.append(index) }
        }

        private mutating func intern(_ tag: String) -> Int32 {
            if let index = tagIndices[tag] { return index }
            tags.append(tag)
            tagIndices[tag] = Int32(tags.count - 1)
            return Int32(tags.count - 1)
        }

        /// Marks the keys of mapping `index` as keys, and throws when two are equal.
        private mutating func checkKeys(of mapping: Int32) throws(Failure) {
            let node = nodes[Int(mapping)]
            let keys = stride(from: Int(node.start), to: Int(node.start + node.count), by: 2).map { children[$0] }
            for key in keys { nodes[Int(key)].isKey = true }
            guard keys.count > 1 else { return }
            // A view of the document so far for its comparisons: it shares the arrays' storage
            // (no copy), and is gone before the next event appends to them.
            let document = YAMLDocument(nodes: nodes, children: [], text: text, tags: tags, root: 0)
            // For each key, the position of the first key equal to it.
            var firstEqual = Array(keys.indices)
            if keys.count <= 16 {
                for later in keys.indices.dropFirst() {
                    for earlier in 0..<later where firstEqual[earlier] == earlier {
                        if Self.equal(keys[earlier], keys[later], in: document) {
                            firstEqual[later] = earlier
                            break
                        }
                    }
                }
            } else {
                // Keys with equal text, by text, then compared pairwise.
                var byText: [String: [Int]] = [:]
                for (position, key) in keys.enumerated() {
                    let name = nodes[Int(key)].kind == .scalar ? document.string(key) : ""
                    let candidates = byText[name, default: []]
                    if let earlier = candidates.first(where: { Self.equal(keys[$0], key, in: document) }) {
                        firstEqual[position] = earlier
                    } else {
                        byText[name, default: []].append(position)
                    }
                }
            }
            let duplicated = Set(firstEqual.enumerated().filter { $0.offset != $0.element }.map(\.element)).sorted()
            guard !duplicated.isEmpty else { return }
            // Named as Yams named them: by text (a stable sort, so equal texts keep text order).
            let names = duplicated.map { nodes[Int(keys[$0])].kind == .scalar ? document.string(keys[$0]) : "<uncovertable>" }
            let order = names.indices.sorted { names[$0] < names[$1] }
            let first = nodes[Int(keys[duplicated[order[0]]])]
            throw .invalid(
                "duplicate key \(order.map { "\"\(names[$0])\"" }.joined(separator: ", ")) in mapping",
                line: Int(first.line), column: Int(first.column))
        }

        /// Whether keys `a` and `b` are equal as Yams' `Node` equality says: text and resolved
        /// tag for scalars; a collection key (only an alias of an empty one passes
        /// ``YAMLPreflight``) equals itself and empty collections of its kind.
        private static func equal(_ a: Int32, _ b: Int32, in document: YAMLDocument) -> Bool {
            if a == b { return true }
            let first = document.nodes[Int(a)], second = document.nodes[Int(b)]
            guard first.kind == .scalar, second.kind == .scalar else {
                return first.kind == second.kind && first.count == 0 && second.count == 0
            }
            guard document.scalar(a, equalsScalar: b) else { return false }
            if first.tag == second.tag { return true }
            let text = document.string(a)
            func name(_ tag: Int32) -> Tag.Name { tag < 0 ? .implicit : Tag.Name(rawValue: document.tags[Int(tag)]) }
            return YAMLDocument.resolvedTag(name(first.tag), of: text) == YAMLDocument.resolvedTag(name(second.tag), of: text)
        }

        private static func failure(_ message: String, at mark: yaml_mark_t) -> Failure {
            .invalid(message, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }
    }
}
