import Foundation

/// Decodes one `<key>.connector.yaml` document into a ``Connector``, collecting every problem.
///
/// Scope names and `{{variables}}` can be used before they are declared, so references are
/// recorded while decoding and checked once the whole document has been read. The parts of the
/// document are decoded in the `ConnectorDecoder+…` files: scopes, actions, variables, methods.
struct ConnectorDecoder {
    var diagnostics = ProblemCollector()
    let folder: String?
    var scopeReferences: [(scope: Scope, cursor: YAMLCursor)] = []
    var texts: [(text: String, cursor: YAMLCursor)] = []

    /// - Parameter folder: the name of the folder holding the file, which must equal the key.
    init(folder: String?) { self.folder = folder }

    /// - Parameter actionFiles: the roots of the connector's `*.actions.yaml` files, in the order
    ///   their actions follow the connector file's own.
    mutating func decode(_ root: YAMLCursor, actionFiles: [YAMLCursor] = []) -> Connector? {
        guard diagnostics.isMapping(root) else { return nil }
        diagnostics.rejectUnknownKeys(root, known: GuideKeys.connector)

        let key = diagnostics.string(root["key"], in: root, key: "key", required: true) ?? ""
        if let cursor = root["key"], !key.isEmpty {
            if !Self.consists(key, of: "abcdefghijklmnopqrstuvwxyz0123456789_-") {
                diagnostics.report(.invalidKey(key), at: cursor)
            } else if let folder, folder != key {
                diagnostics.report(.keyMismatch(key: key, folder: folder), at: cursor)
            }
        }
        let name = diagnostics.string(root["name"], in: root, key: "name", required: true) ?? key
        let definitions = decodeScopeDefinitions(root["scopeDefinitions"])
        var seenActions = Set<ActionID>()
        var actions = decodeActions(root["actions"], seen: &seenActions)
        for part in actionFiles where diagnostics.isMapping(part) {
            diagnostics.rejectUnknownKeys(part, known: GuideKeys.actionsFile)
            actions += decodeActions(part["actions"], seen: &seenActions)
        }
        let variables = decodeVariables(root["variables"])
        let methods = decodeMethods(root["authentication"], in: root)

        checkScopeReferences(definitions, at: root["scopeDefinitions"] ?? root)
        checkVariables(declared: Set(variables.map(\.name)))
        return Connector(key: key, name: name, scopeDefinitions: definitions, actions: actions, methods: methods, variables: variables)
    }

    /// Whether `text` is not empty and every character is one of the ASCII characters `allowed`.
    static func consists(_ text: String, of allowed: StaticString) -> Bool {
        // A bit per ASCII character, so that each byte of `text` is one test, not a search of `allowed`.
        var mask: (low: UInt64, high: UInt64) = (0, 0)
        for byte in UnsafeBufferPointer(start: allowed.utf8Start, count: allowed.utf8CodeUnitCount) {
            if byte < 64 { mask.low |= 1 << byte } else { mask.high |= 1 << (byte - 64) }
        }
        return !text.isEmpty && text.utf8.allSatisfy { byte in
            byte < 64 ? mask.low & (1 << byte) != 0 : byte < 128 && mask.high & (1 << (byte - 64)) != 0
        }
    }
}
