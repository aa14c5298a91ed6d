import Foundation

/// The JSON form of a tailored guide's resolution, as `scopeguide scopes --format json` prints it
/// and the server returns it. Keys are stable; encode with `.sortedKeys`.
package struct ResolutionReport: Codable, Hashable, Sendable {
    package struct GuideInfo: Codable, Hashable, Sendable {
        /// `config` or `setup`.
        package internal(set) var kind: String
        /// `link-account` or `connector-profile`.
        package internal(set) var path: String
        package internal(set) var slug: String
        package internal(set) var method: String
    }

    package struct Reason: Codable, Hashable, Sendable {
        package internal(set) var scope: String
        /// The scope's privilege level (1 when the guide gives none).
        package internal(set) var privilege: Int
        package internal(set) var actions: [String]
        /// How many of the catalogue's actions the scope enables on its own (of `ResolutionReport/scopedActions`).
        package internal(set) var authority: Int
    }

    /// With an existing grant (`granted=`): what it enables, what to add, what could be revoked.
    package struct GrantInfo: Codable, Hashable, Sendable {
        /// How the provider changes a grant: `new-credential`, `edit`, `reauthorize` or `incremental`.
        package internal(set) var grantChange: String
        /// Selected action ids the grant already enables.
        package internal(set) var enabled: [String]
        /// What to ask the provider for (the same as `ResolutionReport/scopes`): everything
        /// again where the grant is replaced, the addition where it is kept.
        package internal(set) var request: [String]
        /// Requested scopes the grant does not hold yet.
        package internal(set) var add: [String]
        /// Granted scopes the customer ends up without (replaced), or may remove (kept).
        package internal(set) var drop: [String]
        /// Granted scopes no selected action needs: candidates to revoke.
        package internal(set) var unneeded: [String]
        /// Whether the customer must consent again (there is something to add).
        package internal(set) var reconsent: Bool
    }

    package struct PrefillInfo: Codable, Hashable, Sendable {
        /// `github-fine-grained-pat` or `github-classic-pat`.
        package internal(set) var kind: String
        /// `nil` when the link would be longer than 8,000 bytes.
        package internal(set) var url: String?
    }

    package struct AlternativeInfo: Codable, Hashable, Sendable {
        package internal(set) var scopes: [String]
        /// How many of the catalogue's actions it enables (of `ResolutionReport/scopedActions`).
        package internal(set) var authority: Int
    }

    package struct StepInfo: Codable, Hashable, Sendable {
        package internal(set) var number: Int
        package internal(set) var title: String
        package internal(set) var scopes: [String]
        package internal(set) var displayScopes: [String]
        /// Labels, code-point sorted; empty when the step shows no badge.
        package internal(set) var badge: [String]
    }

    package struct SectionInfo: Codable, Hashable, Sendable {
        package internal(set) var title: String
        package internal(set) var steps: [StepInfo]
    }

    package internal(set) var connector: String
    package internal(set) var guide: GuideInfo
    /// Selected action ids in catalogue order; empty for the full guide.
    package internal(set) var selection: [String]
    /// The minimal scopes in `scopeDefinitions` order.
    package internal(set) var scopes: [String]
    /// ``scopes`` joined by ``separator``, ready to paste.
    package internal(set) var scopesText: String
    package internal(set) var separator: String
    package internal(set) var optimal: Bool
    package internal(set) var usesDefaultScopes: Bool
    package internal(set) var explanation: [Reason]
    /// How many of the catalogue's actions the answer enables (with the existing grant, if any).
    package internal(set) var authority: Int
    /// How many of the catalogue's actions need a scope.
    package internal(set) var scopedActions: Int
    /// Other answers as good on levels and count, least authority first (`--alternatives N`).
    package internal(set) var alternatives: [AlternativeInfo]?
    /// `false` when the search for `alternatives` ran out of budget before seeing them all.
    package internal(set) var alternativesComplete: Bool?
    /// Visible sections and their visible steps.
    package internal(set) var sections: [SectionInfo]
    /// The canonical dynamic guide URL.
    package internal(set) var url: String
    /// For OAuth 2.0 authorization-code methods only; a template with `{client_id}` and
    /// `{redirect_uri}` placeholders until those variables are given.
    package internal(set) var authorizeURL: String?
    /// The provider form with ``scopes`` filled in, for a method with `prefill`.
    package internal(set) var prefill: PrefillInfo?
    /// The variables ``authorizeURL`` still needs before it can be opened (empty: complete).
    package internal(set) var authorizeURLMissing: [String]?
    /// The customer's existing grant and refused scopes, when the request gives them.
    package internal(set) var granted: [String]?
    package internal(set) var without: [String]?
    /// Only with `granted`.
    package internal(set) var grant: GrantInfo?
    /// One stage of ``stages``.
    package struct StageInfo: Hashable, Sendable, Codable {
        package internal(set) var number: Int
        /// The actions this stage adds.
        package internal(set) var actions: [String]
        /// What the customer asks the provider for at this stage (empty: nothing).
        package internal(set) var request: [String]
        /// Requested scopes the grant before this stage does not hold.
        package internal(set) var add: [String]
        package internal(set) var grantBefore: [String]
        package internal(set) var grantAfter: [String]
        package internal(set) var reconsent: Bool
        package internal(set) var authorizeURL: String?
        package internal(set) var prefill: PrefillInfo?
    }
    /// Only when the request asks in stages (`stages=`, `--stages`), in order.
    package internal(set) var stages: [StageInfo]?
    /// Only with ``stages``: the grant they end with, and the grant asking for every action at once.
    package internal(set) var stagesTotal: StagesTotal?
    package struct StagesTotal: Hashable, Sendable, Codable {
        package internal(set) var finalGrant: [String]
        package internal(set) var allAtOnce: [String]
    }
    /// Only with `granted` or `without`: selected actions no scope left after the refusals can enable.
    package internal(set) var unavailable: [String]?

    /// Pretty-printed JSON with sorted keys and unescaped slashes, ending in a newline: the bytes
    /// `JSONEncoder` writes for this report (see `PrettyJSON`).
    package func json() -> String { prettyJSON.text + "\n" }

    /// The report as a `PrettyJSON` tree: every stored property under its own name.
    var prettyJSON: PrettyJSON {
        let strings = PrettyJSON.strings
        return .object([
            ("connector", .string(connector)),
            ("guide", .object([
                ("kind", .string(guide.kind)), ("path", .string(guide.path)), ("slug", .string(guide.slug)), ("method", .string(guide.method)),
            ])),
            ("selection", strings(selection)),
            ("scopes", strings(scopes)),
            ("scopesText", .string(scopesText)),
            ("separator", .string(separator)),
            ("optimal", .boolean(optimal)),
            ("usesDefaultScopes", .boolean(usesDefaultScopes)),
            ("explanation", .array(explanation.map { reason in
                .object([
                    ("scope", .string(reason.scope)), ("privilege", .integer(reason.privilege)), ("actions", strings(reason.actions)),
                    ("authority", .integer(reason.authority)),
                ])
            })),
            ("authority", .integer(authority)),
            ("alternatives", alternatives.map { list in
                .array(list.map { .object([("scopes", strings($0.scopes)), ("authority", .integer($0.authority))]) })
            }),
            ("alternativesComplete", alternativesComplete.map(PrettyJSON.boolean)),
            ("scopedActions", .integer(scopedActions)),
            ("sections", .array(sections.map { section in
                .object([("title", .string(section.title)), ("steps", .array(section.steps.map { step in
                    .object([
                        ("number", .integer(step.number)), ("title", .string(step.title)), ("scopes", strings(step.scopes)),
                        ("displayScopes", strings(step.displayScopes)), ("badge", strings(step.badge)),
                    ])
                }))])
            })),
            ("url", .string(url)),
            ("authorizeURL", authorizeURL.map(PrettyJSON.string)),
            ("authorizeURLMissing", authorizeURLMissing.map(strings)),
            ("prefill", prefill.map { info in .object([("kind", .string(info.kind)), ("url", info.url.map(PrettyJSON.string))]) }),
            ("granted", granted.map(strings)),
            ("without", without.map(strings)),
            ("grant", grant.map { grant in
                .object([
                    ("grantChange", .string(grant.grantChange)), ("enabled", strings(grant.enabled)), ("request", strings(grant.request)),
                    ("add", strings(grant.add)), ("drop", strings(grant.drop)), ("unneeded", strings(grant.unneeded)),
                    ("reconsent", .boolean(grant.reconsent)),
                ])
            }),
            ("unavailable", unavailable.map(strings)),
            ("stages", stages.map { list in
                .array(list.map { stage in
                    .object([
                        ("number", .integer(stage.number)), ("actions", strings(stage.actions)), ("request", strings(stage.request)),
                        ("add", strings(stage.add)), ("grantBefore", strings(stage.grantBefore)), ("grantAfter", strings(stage.grantAfter)),
                        ("reconsent", .boolean(stage.reconsent)), ("authorizeURL", stage.authorizeURL.map(PrettyJSON.string)),
                        ("prefill", stage.prefill.map { info in .object([("kind", .string(info.kind)), ("url", info.url.map(PrettyJSON.string))]) }),
                    ])
                })
            }),
            ("stagesTotal", stagesTotal.map { .object([("finalGrant", strings($0.finalGrant)), ("allAtOnce", strings($0.allAtOnce))]) }),
        ])
    }

    package init(_ tailored: TailoredGuide, url: GuideURL) {
        let resolution = tailored.resolution
        connector = tailored.connector.key
        guide = GuideInfo(kind: tailored.kind.rawValue, path: tailored.kind.pathSegment, slug: tailored.method.slug, method: tailored.method.label)
        selection = resolution.selection.actions.map(\.rawValue)
        scopes = resolution.scopes.map(\.rawValue)
        scopesText = url.separator.join(resolution.scopes)
        separator = url.separator.rawValue
        optimal = resolution.isOptimal
        usesDefaultScopes = resolution.usesDefaultScopes
        let privileges = Dictionary(tailored.connector.scopeDefinitions.map { ($0.scope, $0.privilege) }, uniquingKeysWith: { first, _ in first })
        explanation = resolution.explanation.map {
            Reason(scope: $0.scope.rawValue, privilege: privileges[$0.scope] ?? 1, actions: $0.actions.map(\.rawValue), authority: $0.authority)
        }
        authority = resolution.authority
        alternatives = resolution.alternatives?.map { AlternativeInfo(scopes: $0.scopes.map(\.rawValue), authority: $0.authority) }
        alternativesComplete = resolution.alternatives == nil ? nil : resolution.alternativesAreComplete
        scopedActions = resolution.scopedActionCount
        sections = tailored.sections.map { section in
            SectionInfo(title: section.section.title, steps: section.steps.map { step in
                StepInfo(
                    number: step.number, title: step.step.title, scopes: step.step.scopes.map(\.rawValue),
                    displayScopes: step.displayScopes.map(\.rawValue), badge: step.badge)
            })
        }
        self.url = url.description
        for case .prefill(let kind, let link) in GuideNote.notes(for: tailored) { prefill = PrefillInfo(kind: kind.rawValue, url: link) }
        authorizeURL = AuthorizeURL.make(for: tailored.method, scopes: resolution.scopes, variables: url.variables)
        if authorizeURL != nil {
            let missing = AuthorizeURL.missingVariables(in: url.variables)
            authorizeURLMissing = missing
        }
        let constraints = resolution.constraints
        if !constraints.isEmpty {
            granted = constraints.granted.map(\.rawValue)
            without = constraints.refused.map(\.rawValue)
            unavailable = resolution.unavailable.map(\.rawValue)
        }
        if let plan = tailored.stages {
            let names = { (scopes: [Scope]) in scopes.map(\.rawValue) }
            stages = plan.stages.enumerated().map { index, stage in
                let link = PrefillLink.make(for: tailored.method, of: tailored.connector, scopes: stage.request, actions: stage.actions)
                return StageInfo(
                    number: index + 1, actions: stage.actions.map(\.rawValue), request: names(stage.request), add: names(stage.add),
                    grantBefore: names(stage.grantBefore), grantAfter: names(stage.grantAfter), reconsent: stage.needsConsent,
                    authorizeURL: stage.needsConsent ? AuthorizeURL.make(for: tailored.method, scopes: stage.request, variables: url.variables) : nil,
                    prefill: link.map { PrefillInfo(kind: $0.kind.rawValue, url: $0.url) })
            }
            stagesTotal = StagesTotal(finalGrant: names(plan.finalGrant), allAtOnce: names(plan.allAtOnce))
        }
        if let report = resolution.grant {
            grant = GrantInfo(
                grantChange: report.change.rawValue, enabled: report.enabled.map(\.rawValue), request: report.request.map(\.rawValue),
                add: report.add.map(\.rawValue), drop: report.drop.map(\.rawValue),
                unneeded: report.unneeded.map(\.rawValue), reconsent: report.reconsent)
        }
    }
}
