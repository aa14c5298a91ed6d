/// The actions a customer needs, in catalogue order and without duplicates.
public struct Selection: Hashable, Sendable {
    /// In the connector's catalogue order.
    public let actions: [ActionID]

    public var isEmpty: Bool { actions.isEmpty }

    /// Orders and deduplicates `ids` against `connector`'s catalogue.
    /// - Throws: ``SelectionError/unknownActions(_:connector:)`` naming every id the catalogue lacks.
    package init<S: Sequence<ActionID>>(_ ids: S, in connector: Connector) throws(SelectionError) {
        // By the connector's index: time in the selection's size, not the catalogue's.
        var positions = Set<Int>()
        var unknown: [String] = []
        var seen = Set<ActionID>()
        for id in ids {
            if let position = connector.position(of: id) {
                positions.insert(position)
            } else if seen.insert(id).inserted {
                unknown.append(id.rawValue)
            }
        }
        guard unknown.isEmpty else {
            // Suggestions cost an edit distance per catalogue id, so only the first few unknown
            // ids get them: a pasted URL with thousands of bad ids still fails fast.
            let candidates = NameSuggestions.Candidates(connector.actions.map(\.id.rawValue))
            // A label given for an id ("Send Message") suggests the ids of the closest labels first.
            let labels = NameSuggestions.Candidates(connector.actions.map { $0.label.lowercased() })
            throw .unknownActions(unknown.enumerated().map { index, id in
                guard index < NameSuggestions.maximumNamesSuggestedFor else { return SelectionError.UnknownAction(id: id, suggestions: []) }
                let byLabel = labels.closest(to: id.lowercased()).flatMap { label in
                    connector.actions.filter { $0.label.lowercased() == label }.map(\.id.rawValue)
                }
                var seen = Set<String>()
                let suggestions = (byLabel + candidates.closest(to: id)).filter { seen.insert($0).inserted }.prefix(3)
                return SelectionError.UnknownAction(id: id, suggestions: Array(suggestions))
            }, connector: connector.key)
        }
        actions = positions.sorted().map { connector.actions[$0].id }
    }

    /// No action selected: the full guide.
    package static let none = Selection(ordered: [])

    private init(ordered: [ActionID]) { actions = ordered }
}

/// A selection named actions the connector does not have.
public enum SelectionError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct UnknownAction: Hashable, Sendable {
        public var id: String
        public var suggestions: [String]
        public init(id: String, suggestions: [String]) {
            self.id = id
            self.suggestions = suggestions
        }
    }

    case unknownActions([UnknownAction], connector: String)

    public var description: String {
        switch self {
        case .unknownActions(let unknown, let connector):
            let shown = unknown.prefix(20).map { action in
                "unknown action \"\(action.id.abbreviated)\" for connector \"\(connector)\""
                    + (action.suggestions.isEmpty ? "" : "; did you mean " + action.suggestions.map { "\"\($0)\"" }.joined(separator: ", ") + "?")
            }
            return (shown + (unknown.count > 20 ? ["… and \(unknown.count - 20) more unknown actions"] : [])).joined(separator: "\n")
        }
    }
}
