/// Consistency checks on a loaded connector that the loader cannot make alone (SPEC §2 "Lint").
public struct LintFinding: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable {
        case error, warning
    }

    public enum Kind: Hashable, Sendable {
        /// An action requires the scope but no step of any guide displays it.
        case scopeNeverDisplayed(Scope, actions: [ActionID])
        /// A step displays the scope but no action can use it.
        case scopeNeverRequired(Scope, step: String)
        /// The alternative contains another alternative of the same action, so minimal
        /// resolution never chooses it.
        case unreachableAlternative(ActionID, alternative: [Scope], shadowedBy: [Scope])
        /// The connector has no action, so every selection is empty.
        case noActions
        /// An image in the text of `part` (a section or step title) whose source is not
        /// `https:`: rendered guides leave it out.
        case imageNotShown(source: String, part: String)
    }

    public var connector: String
    public var kind: Kind

    public var severity: Severity {
        switch kind {
        case .scopeNeverDisplayed: .error
        case .scopeNeverRequired, .unreachableAlternative, .noActions, .imageNotShown: .warning
        }
    }

    public var description: String {
        let text: String
        switch kind {
        case .scopeNeverDisplayed(let scope, let actions):
            text = "scope \"\(scope)\" is required by \(actions.map(\.rawValue).joined(separator: ", ")) but no step displays it"
        case .scopeNeverRequired(let scope, let step):
            text = "step \"\(step)\" displays scope \"\(scope)\" that no action needs"
        case .unreachableAlternative(let action, let alternative, let shadow):
            text = "action \"\(action)\": alternative \"\(alternative.map(\.rawValue).joined(separator: " "))\" is never chosen because \"\(shadow.map(\.rawValue).joined(separator: " "))\" needs less"
        case .noActions:
            text = "connector has no actions"
        case .imageNotShown(let source, let part):
            text = "\"\(part)\" has an image from \"\(source.abbreviated)\", which is not https: and is left out of rendered guides"
        }
        return "\(connector): \(severity.rawValue): \(text)"
    }
}

/// Runs the lint checks over a connector.
public enum Lint {
    public static func findings(for connector: Connector) -> [LintFinding] {
        var findings: [LintFinding] = []
        let graph = ScopeGraph(connector)
        let steps = connector.methods.flatMap { method in
            GuideKind.allCases.compactMap { method.guides[$0] }.flatMap { $0.sections.flatMap(\.steps) }
        }
        let displayed = steps.flatMap(\.displayScopes)
        if connector.actions.isEmpty { findings.append(LintFinding(connector: connector.key, kind: .noActions)) }

        // Every required scope must be shown by some step, or by a displayed scope granting it.
        var missing: [Scope: [ActionID]] = [:]
        for action in connector.actions {
            for scope in action.requirement.mentionedScopes where !graph.grants(displayed, scope) {
                missing[scope, default: []].append(action.id)
            }
        }
        for scope in graph.scopes where missing[scope] != nil {
            findings.append(LintFinding(connector: connector.key, kind: .scopeNeverDisplayed(scope, actions: missing[scope]!)))
        }

        let required = connector.actions.flatMap(\.requirement.mentionedScopes)
        var reported = Set<Scope>()
        for step in steps {
            for scope in step.displayScopes where !required.contains(where: { graph.grants([scope], $0) }) && reported.insert(scope).inserted {
                findings.append(LintFinding(connector: connector.key, kind: .scopeNeverRequired(scope, step: step.title)))
            }
        }

        for action in connector.actions {
            let alternatives = action.requirement.alternatives
            for (index, alternative) in alternatives.enumerated() {
                let shadow = alternatives.enumerated().first { other, candidate in
                    other != index && Set(candidate).isSubset(of: alternative) && (Set(candidate) != Set(alternative) || other < index)
                }
                if let shadow {
                    findings.append(LintFinding(connector: connector.key, kind: .unreachableAlternative(action.id, alternative: alternative, shadowedBy: shadow.element)))
                }
            }
        }
        findings += imageFindings(connector)
        return findings
    }

    /// Images the renderers drop (``URLSafety/isImageSource(_:)``), so an author sees them.
    private static func imageFindings(_ connector: Connector) -> [LintFinding] {
        var findings: [LintFinding] = []
        func check(_ texts: [String?], part: String) {
            for text in texts.compactMap({ $0 }) where text.contains("![") {
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
