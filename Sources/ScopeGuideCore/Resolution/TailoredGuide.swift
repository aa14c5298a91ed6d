/// A guide cut to one resolution: the visible sections and steps, each step's displayed scopes
/// and its "Enables actions" badge.
public struct TailoredGuide: Hashable, Sendable {
    package struct TailoredSection: Hashable, Sendable {
        /// Position in the guide's `sections`, counting hidden ones.
        package internal(set) var index: Int
        package internal(set) var section: Section
        /// Visible steps only, numbered from 1 within the section.
        package internal(set) var steps: [TailoredStep]
    }

    package struct TailoredStep: Hashable, Sendable {
        /// Position in the section's `steps`, counting hidden ones.
        package internal(set) var index: Int
        package internal(set) var step: Step
        /// 1-based among the section's visible steps.
        package internal(set) var number: Int
        /// The step's `displayScopes` that are in the resolution, in step order (all of them when
        /// nothing is selected).
        package internal(set) var displayScopes: [Scope]
        /// Labels of the actions these scopes enable, in Unicode code-point order; empty when the
        /// step has no scopes.
        package internal(set) var badge: [String]
    }

    public internal(set) var connector: Connector
    package internal(set) var method: AuthMethod
    public internal(set) var kind: GuideKind
    package internal(set) var guide: Guide
    public internal(set) var resolution: Resolution
    /// Visible sections only.
    package internal(set) var sections: [TailoredSection]
    /// The request's consent stages, when it asks for the selection in stages.
    package internal(set) var stages: ConsentStages?

    /// Applies the visibility, display-scope and badge rules (DocC: "How the minimal scopes are
    /// chosen", What the guide shows).
    init(connector: Connector, method: AuthMethod, kind: GuideKind, guide: Guide, resolution: Resolution, graph: ScopeGraph) {
        self.connector = connector
        self.method = method
        self.kind = kind
        self.guide = guide
        self.resolution = resolution
        // Under constraints the guide shows what is still to do: the pending actions' steps.
        let isFullGuide = resolution.selection.isEmpty && resolution.pending == nil
        let chosen = Set(resolution.scopes)
        let meets: ([Scope]) -> Bool = { scopes in
            scopes.isEmpty || isFullGuide || scopes.contains { chosen.contains($0) || resolution.granted.contains($0) }
        }
        let badgeActions: [Action]
        if let pending = resolution.pending {
            badgeActions = pending.compactMap(connector.position(of:)).sorted().map { connector.actions[$0] }
        } else {
            badgeActions = isFullGuide ? connector.actions : connector.actions(in: resolution.selection)
        }

        // With a grant that already enables everything selected there is nothing to do at the
        // provider: no credential to create, nothing to authorize, so no step is shown.
        let nothingToChange = resolution.grant.map { !$0.reconsent } ?? false
        sections = guide.sections.enumerated().compactMap { sectionIndex, section in
            guard !nothingToChange, meets(section.scopes) else { return nil }
            var number = 0
            let steps = section.steps.enumerated().compactMap { stepIndex, step -> TailoredStep? in
                guard meets(step.scopes) else { return nil }
                number += 1
                let display = isFullGuide ? step.displayScopes : step.displayScopes.filter(chosen.contains)
                let badge = step.scopes.isEmpty ? [] : TailoredGuide.badge(
                    for: display, actions: badgeActions, alternatives: resolution.chosenAlternatives, graph: graph)
                return TailoredStep(index: stepIndex, step: step, number: number, displayScopes: display, badge: badge)
            }
            guard !steps.isEmpty || section.steps.isEmpty else { return nil }
            return TailoredSection(index: sectionIndex, section: section, steps: steps)
        }
    }

    /// Labels of `actions` whose chosen alternative needs a scope that one of `display` grants.
    static func badge(for display: [Scope], actions: [Action], alternatives: [ActionID: [Scope]], graph: ScopeGraph) -> [String] {
        guard !display.isEmpty else { return [] }
        let displayNumbers = display.compactMap(graph.number(of:))
        let labels = actions.compactMap { action -> String? in
            guard let alternative = alternatives[action.id] else { return nil }
            let enabled = alternative.contains { target in
                display.contains(target) || graph.number(of: target).map { number in displayNumbers.contains { graph.grants($0, number) } } == true
            }
            return enabled ? action.label : nil
        }
        return labels.sorted(by: TailoredGuide.codePointOrder)
    }

    /// Ascending by Unicode code point, the order the guide gives badges (not Swift's `<`, which
    /// compares canonical equivalents as equal).
    static func codePointOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    }
}
