import ScopeGuideCore

/// Consistency checks on a loaded connector that the loader cannot make alone (each listed in the DocC article
/// "How the minimal scopes are chosen", Consistency checks).
package struct LintFinding: Hashable, Sendable, CustomStringConvertible {
    package enum Kind: Hashable, Sendable {
        /// An action requires the scope but no step of any guide displays it.
        case scopeNeverDisplayed(Scope, actions: [ActionID])
        /// A step displays the scope but no action can use it.
        case scopeNeverRequired(Scope, step: String)
        /// The alternative contains another alternative of the same action, so minimal
        /// resolution never chooses it.
        case unreachableAlternative(ActionID, alternative: [Scope], shadowedBy: [Scope])
        /// The connector has no action, so every selection is empty.
        case noActions
        /// `scope` includes `included`, whose privilege level is higher: granting the scope grants
        /// more power than its own level says.
        case includesHigherPrivilege(Scope, level: Int, included: Scope, includedLevel: Int)
        /// An image in the text of `part` (a section or step title) whose source is not
        /// `https:`: rendered guides leave it out.
        case imageNotShown(source: String, part: String)
        /// The variable has no `pattern`, so customer values only get the default check (one
        /// line of at most 200 characters, see `Variable/defaultPattern`).
        case variableWithoutPattern(String)
        /// Actions whose labels are the same (compared as `Lint/labelKey(_:)` compares them):
        /// nothing in the guide's selector or badges tells them apart.
        case duplicateLabel(String, actions: [ActionID])
        /// The action's label holds inline Markdown (a code span, emphasis, a link or an image,
        /// found by cmark); labels are plain text, shown as written, so its punctuation shows.
        case markdownInLabel(ActionID, label: String, markup: [String])
    }

    package var connector: String
    package var kind: Kind

    package var severity: Diagnostic.Severity { kind.severity }

    /// The finding, as every diagnostic is printed: `<connector>: <severity>: <message>`.
    package var description: String { Diagnostic(self).description }

    /// What is wrong, without the connector or severity.
    package var message: String {
        switch kind {
        case .scopeNeverDisplayed(let scope, let actions):
            "scope \"\(scope)\" is required by \(actions.map(\.rawValue).joined(separator: ", ")) but no step displays it"
        case .scopeNeverRequired(let scope, let step):
            "step \"\(step)\" displays scope \"\(scope)\" that no action needs"
        case .unreachableAlternative(let action, let alternative, let shadow):
            "action \"\(action)\": alternative \"\(alternative.map(\.rawValue).joined(separator: " "))\" is never chosen because \"\(shadow.map(\.rawValue).joined(separator: " "))\" needs less"
        case .noActions:
            "connector has no actions"
        case .includesHigherPrivilege(let scope, let level, let included, let includedLevel):
            "scope \"\(scope)\" (privilege \(level)) includes \"\(included)\" (privilege \(includedLevel)): give it at least level \(includedLevel)"
        case .imageNotShown(let source, let part):
            "\"\(part)\" has an image from \"\(source.abbreviated)\", which is not https: and is left out of rendered guides"
        case .variableWithoutPattern(let name):
            "variable \"\(name)\" has no pattern: values are only limited to one line of at most \(Variable.maximumDefaultLength) characters (add a pattern such as \"[a-z0-9-]+\")"
        case .duplicateLabel(let label, let actions):
            "\(actions.count) actions have the label \"\(label.abbreviated)\" (\(actions.map(\.rawValue).joined(separator: ", "))): give each a label of its own"
        case .markdownInLabel(let action, let label, let markup):
            "action \"\(action)\": label \"\(label.abbreviated)\" has Markdown (\(markup.joined(separator: ", "))), which is shown as written: labels are plain text"
        }
    }
}

extension LintFinding.Kind: DiagnosticReason {
    /// A scope no step displays is an error (a customer could not find it); the rest are warnings.
    package var severity: Diagnostic.Severity {
        switch self {
        case .scopeNeverDisplayed: .error
        case .scopeNeverRequired, .unreachableAlternative, .noActions, .imageNotShown, .variableWithoutPattern, .includesHigherPrivilege,
            .duplicateLabel, .markdownInLabel:
            .warning
        }
    }
}

/// Runs the lint checks over a connector.
///
/// Each check costs about one pass over the actions or steps (with the `ScopeGraph`'s bitsets),
/// so `check` stays near-linear in the size of a guide: asking the graph "does this set grant
/// that scope" per action recomputed the set's closure each time, and took 13.9 s for 4,000
/// actions.
package enum Lint {
    /// Every connector's findings, connectors in catalogue order; connectors are linted on every
    /// core (on 500 connectors a serial pass was most of `check`'s wall time).
    package static func findings(for catalog: Catalog) -> [LintFinding] {
        catalog.connectors.concurrentMap(findings(for:)).flatMap { $0 }
    }

    package static func findings(for connector: Connector) -> [LintFinding] {
        var findings: [LintFinding] = []
        let graph = ScopeGraph(connector)
        let steps = connector.methods.flatMap { method in
            GuideKind.allCases.compactMap { method.guides[$0] }.flatMap { $0.sections.flatMap(\.steps) }
        }
        let displayed = steps.flatMap(\.displayScopes)
        if connector.actions.isEmpty { findings.append(LintFinding(connector: connector.key, kind: .noActions)) }

        // Every required scope must be shown by some step, or by a displayed scope granting it.
        // What the displayed scopes grant together is computed once; a displayed scope the graph
        // does not define grants just itself.
        let shown = graph.closure(of: displayed.compactMap(graph.number(of:)))
        let shownNames = Set(displayed)
        var missing: [Scope: [ActionID]] = [:]
        for action in connector.actions {
            for scope in action.requirement.mentionedScopes where !shownNames.contains(scope) {
                if let number = graph.number(of: scope), shown.contains(number) { continue }
                missing[scope, default: []].append(action.id)
            }
        }
        for scope in graph.scopes where missing[scope] != nil {
            findings.append(LintFinding(connector: connector.key, kind: .scopeNeverDisplayed(scope, actions: missing[scope]!)))
        }

        // A displayed scope is needed when it is required itself or grants a required scope.
        let requiredNames = Set(connector.actions.flatMap(\.requirement.mentionedScopes))
        let required = Bitset(capacity: graph.scopes.count, requiredNames.compactMap(graph.number(of:)))
        var reported = Set<Scope>()
        for step in steps {
            for scope in step.displayScopes where !reported.contains(scope) {
                if requiredNames.contains(scope) { continue }
                // A defined scope's closure is precomputed; an undefined one grants only itself,
                // which `requiredNames` already answered.
                if let number = graph.number(of: scope), number < graph.definedCount, graph.closures[number].intersects(required) { continue }
                reported.insert(scope)
                findings.append(LintFinding(connector: connector.key, kind: .scopeNeverRequired(scope, step: step.title)))
            }
        }

        for action in connector.actions {
            let alternatives = action.requirement.alternatives
            // Most actions have one alternative, which nothing can shadow.
            guard alternatives.count > 1 else { continue }
            // Alternatives are a scope or two: as arrays without repeats, subset and equality
            // are a few comparisons, where making a `Set` of each was most of `check`'s lint time
            // on a catalogue of 11,000 actions.
            // Longer ones (only ever built in code) keep sets, so this stays near-linear.
            let isShort = alternatives.allSatisfy { $0.count <= 16 }
            let sets = isShort ? alternatives.map(Self.withoutRepeats) : alternatives.map { Array(Set($0)) }
            let lookups = isShort ? [] : sets.map(Set.init)
            func isSubset(_ small: Int, _ large: Int) -> Bool {
                guard sets[small].count <= sets[large].count else { return false }
                return isShort ? sets[small].allSatisfy(sets[large].contains) : lookups[small].isSubset(of: lookups[large])
            }
            for index in alternatives.indices {
                let shadow = sets.indices.first { other in
                    other != index && isSubset(other, index) && (sets[other].count != sets[index].count || other < index)
                }
                if let shadow {
                    findings.append(LintFinding(connector: connector.key, kind: .unreachableAlternative(
                        action.id, alternative: alternatives[index], shadowedBy: alternatives[shadow])))
                }
            }
        }
        for variable in connector.variables where variable.pattern == nil {
            findings.append(LintFinding(connector: connector.key, kind: .variableWithoutPattern(variable.name)))
        }
        let levels = Dictionary(connector.scopeDefinitions.map { ($0.scope, $0.privilege) }, uniquingKeysWith: { first, _ in first })
        for definition in connector.scopeDefinitions {
            for included in definition.includes where (levels[included] ?? 1) > definition.privilege {
                findings.append(LintFinding(connector: connector.key, kind: .includesHigherPrivilege(
                    definition.scope, level: definition.privilege, included: included, includedLevel: levels[included] ?? 1)))
            }
        }
        findings += imageFindings(connector)
        findings += labelFindings(connector)
        return findings
    }

    /// What two labels are compared as to find repeats: letter case and runs of whitespace do not
    /// tell labels apart for a reader, so "List users" and "List  Users" are the same label.
    package static func labelKey(_ label: String) -> String {
        label.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }

    /// Whether `label` has a byte inline Markdown needs (`` ` ``, `*`, `_`, `[`, `<`): only those
    /// labels are parsed, so a catalogue of plain labels costs one byte pass each.
    private static func mayHaveInlineMarkup(_ label: String) -> Bool {
        label.containsUTF8Byte { $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "<") }
    }

    /// Repeated labels (one finding per label, its actions in catalogue order, in the order the
    /// labels first appear) and labels with inline Markdown (``CMarkDocument/inlineMarkup(in:)``:
    /// what cmark parses as markup, so `user's_id` or `a * b` is not reported).
    private static func labelFindings(_ connector: Connector) -> [LintFinding] {
        var findings: [LintFinding] = []
        var byKey: [String: [ActionID]] = [:]
        var order: [(key: String, label: String)] = []
        for action in connector.actions {
            let key = labelKey(action.label)
            if byKey[key] == nil { order.append((key, action.label)) }
            byKey[key, default: []].append(action.id)
            if mayHaveInlineMarkup(action.label) {
                let markup = CMarkDocument.inlineMarkup(in: action.label)
                if !markup.isEmpty {
                    findings.append(LintFinding(connector: connector.key, kind: .markdownInLabel(
                        action.id, label: action.label, markup: markup.map(\.rawValue))))
                }
            }
        }
        for (key, label) in order where byKey[key]!.count > 1 {
            findings.append(LintFinding(connector: connector.key, kind: .duplicateLabel(label, actions: byKey[key]!)))
        }
        return findings
    }

    /// Images the renderers drop (``URLSafety/isImageSource(_:)``), so an author sees them.
    /// `scopes` without repeats, in order: as a set, for an alternative of a few scopes.
    private static func withoutRepeats(_ scopes: [Scope]) -> [Scope] {
        var kept: [Scope] = []
        kept.reserveCapacity(scopes.count)
        for scope in scopes where !kept.contains(scope) { kept.append(scope) }
        return kept
    }

    /// Whether `text` has `![`, an image's start, by a byte search: Foundation's `contains` was
    /// most of this pass.
    private static func mayHaveImage(_ text: String) -> Bool { text.containsUTF8("![") }

    private static func imageFindings(_ connector: Connector) -> [LintFinding] {
        var findings: [LintFinding] = []
        func check(_ texts: [String?], part: String) {
            for text in texts.compactMap({ $0 }) where mayHaveImage(text) {
                for source in CMarkDocument.imageSources(in: text) where !URLSafety.isImageSource(source) {
                    findings.append(LintFinding(connector: connector.key, kind: .imageNotShown(source: source, part: part)))
                }
            }
        }
        for method in connector.methods {
            for kind in GuideKind.allCases {
                guard let guide = method.guides[kind] else { continue }
                check([guide.warning], part: "\(method.label) \(kind.pathSegment) warning")
                for section in guide.sections {
                    check([section.title, section.content] + section.list, part: section.title)
                    for step in section.steps { check([step.title, step.content] + step.list, part: step.title) }
                }
            }
        }
        return findings
    }
}

extension Diagnostic {
    /// A consistency finding about a whole connector.
    package init(_ finding: LintFinding) {
        self.init(severity: finding.kind.severity, connector: finding.connector, message: finding.message)
        reason = finding.kind
    }
}
