@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Vectors of the resolver and what the page shows from its answer: `resolve`, `tailor`
/// (visibility, step numbers, display scopes, badges) and `reportLines` (the grant report).
extension EngineVectors {
    /// A selection, an existing grant and refused scopes, as the page passes them to `resolve`.
    struct Situation: Encodable {
        var selection: [String]
        var granted: [String]
        var refused: [String]
    }

    /// A random situation: the first case of a catalogue selects nothing; grants and refusals
    /// in most cases (every case of even catalogues).
    static func randomSituation(_ generator: inout SeededGenerator, _ connector: Connector, index: Int, number: Int) -> (ids: [ActionID], constraints: ScopeConstraints) {
        let ids = connector.actions.map(\.id)
        let selection = number == 0 ? [] : ids.filter { _ in Int.random(in: 0..<3, using: &generator) > 0 }
        var constraints = ScopeConstraints.none
        if number > 1 || index % 2 == 0 {
            let (granted, refused) = randomConstraints(&generator, connector)
            constraints = ScopeConstraints(granted: granted, refused: refused)
        }
        return (selection, constraints)
    }

    // MARK: resolve

    struct ResolveInput: Encodable {
        var selection: [String]
        var granted: [String]
        var refused: [String]
        var nodeBudget: Int
        var workBudget: Int
        var separator: String
    }

    struct ResolveExpected: Encodable {
        struct Grant: Encodable {
            var add: [String]
            var change: String
            var drop: [String]
            var enabled: [String]
            var reconsent: Bool
            var request: [String]
            var unneeded: [String]
        }

        struct Reason: Encodable {
            var scope: String
            var actions: [String]
        }

        var chosenAlternatives: [String: [String]]
        var explanation: [Reason]
        var grant: Grant?
        var optimal: Bool
        var pending: [String]?
        var scopes: [String]
        var scopesText: String
        var unavailable: [String]
        var usesDefaultScopes: Bool
    }

    /// Random catalogues with `includes`, wildcards, any-of alternatives, AND-groups, default
    /// scopes and privilege levels, each with selections, existing grants and refused scopes
    /// under the four grant changes, some with budgets so small that the answer is the best
    /// found so far (which the script must find too: it runs the same search).
    static func resolve() throws -> File {
        var builder = Builder("resolve")
        var generator = SeededGenerator(seed: 0x15_07)
        for index in 0..<160 {
            // Every tenth catalogue is larger, so groups, the memo and the budgets get work.
            let connector = randomConnector(&generator, index: index, large: index % 10 == 9)
            builder.group(data: pageData(connector))
            for number in 0..<6 {
                let (ids, constraints) = randomSituation(&generator, connector, index: index, number: number)
                let tight = connector.actions.count > 4 && number == 5
                let resolver = Resolver(connector: connector, nodeBudget: tight ? 2 : 200_000, workBudget: tight ? 6 : Resolver.defaultWorkBudget)
                let resolution = resolver.resolve(try Selection(ids, in: connector), for: connector.methods[0], constraints: constraints)
                let separator = Separator.allCases.randomElement(using: &generator)!
                let input = ResolveInput(
                    selection: names(ids.shuffled(using: &generator)), granted: names(constraints.granted), refused: names(constraints.refused),
                    nodeBudget: resolver.nodeBudget, workBudget: resolver.workBudget, separator: separator.rawValue)
                let expected = ResolveExpected(
                    chosenAlternatives: Dictionary(uniqueKeysWithValues: resolution.chosenAlternatives.map { ($0.key.rawValue, names($0.value)) }),
                    explanation: resolution.explanation.map { ResolveExpected.Reason(scope: $0.scope.rawValue, actions: names($0.actions)) },
                    grant: resolution.grant.map {
                        .init(
                            add: names($0.add), change: $0.change.rawValue, drop: names($0.drop), enabled: names($0.enabled),
                            reconsent: $0.reconsent, request: names($0.request), unneeded: names($0.unneeded))
                    },
                    optimal: resolution.isOptimal, pending: resolution.pending.map(names), scopes: names(resolution.scopes),
                    scopesText: separator.join(resolution.scopes), unavailable: names(resolution.unavailable), usesDefaultScopes: resolution.usesDefaultScopes)
                try builder.add(input, expected)
            }
        }
        return builder.file
    }

    // MARK: tailor

    /// A section as the page reads it from its attributes: `data-guide-scopes` and, per step,
    /// `data-guide-scopes` and `data-guide-display-scopes-list` (comma-joined names).
    struct SectionInput: Encodable {
        struct StepInput: Encodable {
            var scopes: String
            var displayScopes: String
        }

        var scopes: String
        var steps: [StepInput]
    }

    struct TailorInput: Encodable {
        var selection: [String]
        var granted: [String]
        var refused: [String]
        var sections: [SectionInput]
    }

    /// What the page shows of a section: hidden, or shown with each step hidden or shown with
    /// its number, displayed scopes and badge.
    struct SectionView: Encodable {
        struct StepView: Encodable {
            var visible: Bool
            var number: Int?
            var displayScopes: [String]?
            var badge: [String]?
        }

        var visible: Bool
        var steps: [StepView]?
    }

    /// A random guide over `connector`'s scopes: sections and steps naming 0–2 scopes (defined,
    /// concrete ones only a wildcard grants, or none), some steps displaying other scopes than
    /// they are about, some sections without steps.
    static func randomGuide(_ generator: inout SeededGenerator, _ connector: Connector) -> Guide {
        let nameable = Array(Set(connector.scopeDefinitions.map(\.scope) + connector.actions.flatMap(\.requirement.mentionedScopes))).sorted()
        func some(_ most: Int) -> [Scope] {
            Array(Set((0..<Int.random(in: 0...most, using: &generator)).map { _ in nameable.randomElement(using: &generator)! })).sorted()
        }
        return Guide(sections: (0..<Int.random(in: 1...4, using: &generator)).map { number in
            let steps = (0..<Int.random(in: 0...4, using: &generator)).map { step in
                let scopes = some(2)
                return Step(title: "Step \(step)", scopes: scopes, displayScopes: Int.random(in: 0..<4, using: &generator) == 0 ? some(3) : scopes)
            }
            return Section(title: "Section \(number)", scopes: Int.random(in: 0..<3, using: &generator) == 0 ? some(1) : [], steps: steps)
        })
    }

    /// Random guides tailored to random situations: which sections and steps show, their numbers,
    /// displayed scopes and badges (labels in code-point order, some with decomposed characters).
    static func tailor() throws -> File {
        var builder = Builder("tailor")
        var generator = SeededGenerator(seed: 0x25_01)
        let attribute = { (scopes: [Scope]) in names(scopes).joined(separator: ",") }
        for index in 0..<70 {
            var connector = randomConnector(&generator, index: index, large: index % 10 == 9)
            // Labels that sort differently by code point, by UTF-16 unit and by canonical
            // equivalence: the badge order is by code point.
            let labels = ["Zeta", "alpha", "\u{E9}clair", "e\u{301}clair", "\u{1F600} smile", "\u{FF21} wide", "Alpha", "\u{E9}"]
            connector.actions = connector.actions.enumerated().map { offset, action in
                Action(id: action.id, label: index % 2 == 0 ? labels[(offset + index) % labels.count] : action.label, requirement: action.requirement)
            }
            let graph = ScopeGraph(connector)
            let resolver = Resolver(connector: connector)
            builder.group(data: pageData(connector))
            for number in 0..<6 {
                let guide = randomGuide(&generator, connector)
                let (ids, constraints) = randomSituation(&generator, connector, index: index, number: number)
                let resolution = resolver.resolve(try Selection(ids, in: connector), for: connector.methods[0], constraints: constraints)
                let tailored = TailoredGuide(connector: connector, method: connector.methods[0], kind: .config, guide: guide, resolution: resolution, graph: graph)
                let views = guide.sections.indices.map { sectionIndex -> SectionView in
                    guard let shown = tailored.sections.first(where: { $0.index == sectionIndex }) else { return SectionView(visible: false) }
                    return SectionView(visible: true, steps: guide.sections[sectionIndex].steps.indices.map { stepIndex in
                        guard let step = shown.steps.first(where: { $0.index == stepIndex }) else { return .init(visible: false) }
                        return .init(visible: true, number: step.number, displayScopes: names(step.displayScopes), badge: step.badge)
                    })
                }
                let input = TailorInput(
                    selection: names(ids), granted: names(constraints.granted), refused: names(constraints.refused),
                    sections: guide.sections.map { section in
                        SectionInput(scopes: attribute(section.scopes), steps: section.steps.map { .init(scopes: attribute($0.scopes), displayScopes: attribute($0.displayScopes)) })
                    })
                try builder.add(input, views)
            }
        }
        return builder.file
    }

    // MARK: reportLines

    /// The report under the page's "Already granted" and "Cannot grant" boxes, as the selector
    /// panel writes it (`[key, text or null]` per line), under each of the four grant changes:
    /// what the grant enables, what to add, re-consent, what is dropped or unneeded, what is
    /// unavailable.
    static func reportLines() throws -> File {
        var builder = Builder("reportLines")
        var generator = SeededGenerator(seed: 0x25_02)
        for index in 0..<96 {
            let change = GrantChange.allCases[index % GrantChange.allCases.count]
            let connector = randomConnector(&generator, index: index, large: index % 12 == 11, grantChange: change)
            let graph = ScopeGraph(connector)
            let resolver = Resolver(connector: connector)
            builder.group(data: pageData(connector))
            for number in 0..<6 {
                var (ids, constraints) = randomSituation(&generator, connector, index: index, number: number)
                // Mostly with a grant: the report is about one.
                if constraints.granted.isEmpty, number % 3 != 2 {
                    let defined = connector.scopeDefinitions.map(\.scope)
                    let granted = defined.filter { scope in Bool.random(using: &generator) && !constraints.refused.contains(scope) }
                    constraints = ScopeConstraints(granted: granted, refused: constraints.refused)
                }
                let resolution = resolver.resolve(try Selection(ids, in: connector), for: connector.methods[0], constraints: constraints)
                let tailored = TailoredGuide(connector: connector, method: connector.methods[0], kind: .config, guide: Guide(sections: []), resolution: resolution, graph: graph)
                let lines = ScopeSelectorPanel.reportLines(for: tailored).map { [$0.key, $0.text] }
                try builder.add(Situation(selection: names(ids), granted: names(constraints.granted), refused: names(constraints.refused)), lines)
            }
        }
        return builder.file
    }
}
