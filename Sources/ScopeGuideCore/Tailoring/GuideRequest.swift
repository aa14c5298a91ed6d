/// One guide of a ``Catalog`` and everything that tailors it, checked against the catalogue: the
/// only input the tailor, the renderers, the CLI and the server take.
///
/// A request can only be made by the catalogue (``Catalog/guide(connector:slug:kind:)``, or
/// parsing a dynamic guide URL with ``init(parsing:in:)``), and every change that needs checking
/// goes through a throwing method, so the connector, method and guide it holds are the
/// catalogue's own and its selection, grant, refusals and customer values are valid for them.
/// Nothing downstream looks anything up or validates again.
///
/// ```swift
/// var request = try catalog.guide(connector: "front")
/// try request.select(["front_send_message"])
/// let markdown = GuideRenderer(catalog: catalog).render(request, as: .markdown)
/// ```
public struct GuideRequest: Sendable {
    public let connector: Connector
    package let method: AuthMethod
    public let kind: GuideKind
    package let guide: Guide
    /// The selected actions, in catalogue order (empty: the full guide).
    public private(set) var selection: Selection = .none
    /// The customer's existing grant and refused scopes, in definition order.
    public private(set) var constraints: ScopeConstraints = .none
    /// The selection asked for in stages, in the order given (each in catalogue order, disjoint,
    /// together the ``selection``); empty when it is asked for at once (see `ConsentStages`).
    package private(set) var stages: [Selection] = []
    /// Customer values for the connector's variables, by name; each matches its pattern.
    package private(set) var variables: [String: String] = [:]
    /// How the guide joins scopes.
    public var separator: Separator = .space
    /// Whether the hub part and the platform's name are left out.
    package var isWhitelabel = false
    /// What the dynamic guide URL puts before `/connectors/`: the site's docs URL unless set.
    package var base: String

    /// A request for the full guide; the parts must come from one catalogue.
    init(connector: Connector, method: AuthMethod, kind: GuideKind, guide: Guide, base: String) {
        self.connector = connector
        self.method = method
        self.kind = kind
        self.guide = guide
        self.base = base
    }

    /// The dynamic guide URL of this request, in canonical form.
    public var url: GuideURL { GuideURL(self) }

    /// The same guide, untailored: no selection, grant or refusal.
    package var untailored: GuideRequest {
        var copy = self
        copy.selection = .none
        copy.stages = []
        copy.constraints = .none
        return copy
    }

    /// Replaces the selection with `ids`, ordered and deduplicated against the connector.
    /// - Throws: ``GuideURLError/unknownActions(_:connector:)`` naming every unknown id.
    public mutating func select<S: Sequence<ActionID>>(_ ids: S) throws(GuideURLError) {
        selection = try checked(ids)
        stages = []
    }

    /// Asks for the selection in `stages` (`ConsentStages`): each stage is ordered and
    /// deduplicated against the connector, and the selection becomes their union. One stage is
    /// the same as asking at once (no stages are kept).
    /// - Throws: ``GuideURLError/unknownActions(_:connector:)``, ``GuideURLError/emptyStage(_:)``
    ///   or ``GuideURLError/actionInTwoStages(_:first:second:)``.
    public mutating func setStages(_ stages: [[ActionID]]) throws(GuideURLError) {
        var checkedStages: [Selection] = [], stageOf: [ActionID: Int] = [:]
        for (index, ids) in stages.enumerated() {
            let stage = try checked(ids)
            guard !stage.isEmpty else { throw .emptyStage(index + 1) }
            for id in stage.actions {
                if let first = stageOf[id] { throw .actionInTwoStages(id.rawValue, first: first, second: index + 1) }
                stageOf[id] = index + 1
            }
            checkedStages.append(stage)
        }
        selection = try checked(checkedStages.flatMap(\.actions))
        self.stages = checkedStages.count > 1 ? checkedStages : []
    }

    /// `ids` as a selection of this connector, or the request's error naming the unknown ones.
    func checked<S: Sequence<ActionID>>(_ ids: S) throws(GuideURLError) -> Selection {
        do {
            return try Selection(ids, in: connector)
        } catch {
            switch error {
            case .unknownActions(let unknown, let key): throw .unknownActions(unknown, connector: key)
            }
        }
    }

    /// Sets the customer's existing grant and refused scopes after checking each is defined by
    /// the connector (else an error with the closest defined names) and none is in both lists;
    /// stores them in definition order, without duplicates.
    /// - Throws: ``GuideURLError/unknownScopes(_:connector:)`` or ``GuideURLError/grantedAndRefused(_:)``.
    public mutating func setConstraints(granted: [String], refused: [String]) throws(GuideURLError) {
        guard !granted.isEmpty || !refused.isEmpty else { return constraints = .none }
        let defined = connector.scopeDefinitions.map(\.scope.rawValue)
        let known = Set(defined)
        var unknownNames: [String] = [], seen = Set<String>()
        for name in granted + refused where !known.contains(name) && seen.insert(name).inserted { unknownNames.append(name) }
        guard unknownNames.isEmpty else {
            // Only the first few get suggestions (each is an edit distance per defined scope), so
            // a request naming hundreds of unknown scopes costs no more than one naming five.
            let candidates = NameSuggestions.Candidates(defined)
            throw .unknownScopes(unknownNames.enumerated().map { index, name in
                GuideURLError.UnknownScope(scope: name, suggestions: index < NameSuggestions.maximumNamesSuggestedFor ? candidates.closest(to: name) : [])
            }, connector: connector.key)
        }
        let grantedSet = Set(granted), refusedSet = Set(refused)
        if let both = defined.first(where: { grantedSet.contains($0) && refusedSet.contains($0) }) { throw .grantedAndRefused(both) }
        constraints = ScopeConstraints(
            granted: defined.filter(grantedSet.contains).map { Scope($0) }, refused: defined.filter(refusedSet.contains).map { Scope($0) })
    }

    /// Replaces the customer's variable values after checking each is declared by the connector
    /// and matches its pattern (`Variable/effectivePattern`: a variable without one takes
    /// one line of at most 200 characters).
    /// - Throws: ``GuideURLError/unknownVariable(_:connector:declared:)`` or
    ///   ``GuideURLError/invalidVariable(name:value:pattern:)``.
    public mutating func setVariables(_ values: [String: String]) throws(GuideURLError) {
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            let accepted = connector.acceptedVariables
            guard let declared = accepted.first(where: { $0.name == name }) else {
                throw .unknownVariable(name, connector: connector.key, declared: accepted.map(\.name))
            }
            if !VariableValue.matches(value, pattern: declared.effectivePattern) {
                throw .invalidVariable(name: name, value: value, pattern: declared.effectivePattern)
            }
        }
        variables = values
    }

    /// Scope names in a list written with any of the five separators (space, comma, semicolon,
    /// pipe, new line), as copied from a provider's console or from this tool.
    package static func scopeNames(_ text: String) -> [String] {
        text.split { $0 == "," || $0 == ";" || $0 == "|" || $0.isWhitespace }.map(String.init)
    }
}

extension GuideRequest: Equatable, CustomStringConvertible {
    /// Two requests of one catalogue are equal when their canonical URLs are: the URL names the
    /// guide and carries everything that tailors it.
    public static func == (lhs: GuideRequest, rhs: GuideRequest) -> Bool { lhs.url == rhs.url }

    /// The canonical dynamic guide URL.
    public var description: String { url.description }
}
