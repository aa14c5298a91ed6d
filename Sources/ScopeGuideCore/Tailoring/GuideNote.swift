/// A note under a tailored guide's scopes, about how the answer was reached: the same notes in
/// Markdown, the HTML fragment and the page, built by one component so the formats cannot differ.
package enum GuideNote: Hashable, Sendable {
    /// Nothing is selected, so the scopes are the method's defaults.
    case defaultScopes
    /// The search ran out of budget: the scopes are valid but not proven minimal.
    case notMinimal
    /// The existing grant, and the selected actions it already enables (labels).
    case alreadyGranted(scopes: [Scope], enables: [String])
    /// Whether the customer must authorize again, and whether some selected actions stay
    /// unavailable whatever they do (then "not needed" must not claim every action is enabled).
    case reconsent(needed: Bool, someUnavailable: Bool, change: GrantChange = .incremental, text: String? = nil)
    /// Where the grant is replaced: granted scopes the new credential or grant will not hold.
    case dropped([Scope], change: GrantChange)
    /// Granted scopes no selected action needs.
    case unneeded([Scope])
    case refused([Scope])
    /// Selected actions (labels) that nothing left after the refusals enables.
    case unavailable([String])
    /// Why each scope is asked for: the selected actions (labels) it serves and how many of the
    /// catalogue's actions it enables on its own, out of those that need a scope.
    case why([ScopeReason])

    /// Other answers as good on levels and count (scopes, authority), when asked for; whether
    /// the search saw them all; and the catalogue's count of actions needing a scope.
    case alternatives([Resolution.Alternative], complete: Bool, chosen: Int, of: Int)

    /// The provider form with the requested permissions filled in (the method's `prefill`), or
    /// `nil` when the link would be too long.
    case prefill(PrefillKind, url: String?)

    /// One scope of ``why(_:)``.
    package struct ScopeReason: Hashable, Sendable {
        var scope: Scope
        var actions: [String]
        var authority: Int
        var of: Int
    }

    /// The notes `tailored` calls for, in the order guides print them.
    package static func notes(for tailored: TailoredGuide) -> [GuideNote] {
        let resolution = tailored.resolution
        // By the connector's index, in catalogue order: filtering every action per explained
        // scope made an 11,000-action `.json` answer spend three quarters of its time here.
        let connector = tailored.connector
        let labels = { (ids: [ActionID]) in
            Set(ids.compactMap(connector.position(of:))).sorted().map { connector.actions[$0].label }
        }
        var notes: [GuideNote] = []
        if resolution.usesDefaultScopes { notes.append(.defaultScopes) }
        if !resolution.isOptimal { notes.append(.notMinimal) }
        if let grant = resolution.grant {
            notes.append(.alreadyGranted(scopes: resolution.constraints.granted, enables: labels(grant.enabled)))
            notes.append(.reconsent(needed: grant.reconsent, someUnavailable: !resolution.unavailable.isEmpty, change: grant.change, text: tailored.method.grantChangeText))
            if grant.change.replacesGrant {
                if grant.reconsent, !grant.drop.isEmpty { notes.append(.dropped(grant.drop, change: grant.change)) }
            } else if !grant.unneeded.isEmpty {
                notes.append(.unneeded(grant.unneeded))
            }
        }
        if !resolution.constraints.refused.isEmpty { notes.append(.refused(resolution.constraints.refused)) }
        if !resolution.unavailable.isEmpty { notes.append(.unavailable(labels(resolution.unavailable))) }
        // Only for a selection: the full guide's reasons would list the whole catalogue.
        if !resolution.selection.isEmpty, !resolution.explanation.isEmpty, resolution.grant?.reconsent ?? true {
            notes.append(.why(resolution.explanation.map { reason in
                ScopeReason(scope: reason.scope, actions: labels(reason.actions), authority: reason.authority, of: resolution.scopedActionCount)
            }))
        }
        if resolution.grant?.reconsent ?? true,
            let link = PrefillLink.make(for: tailored.method, of: tailored.connector, scopes: resolution.scopes, actions: resolution.selection.actions) {
            notes.append(.prefill(link.kind, url: link.url))
        }
        if let alternatives = resolution.alternatives {
            notes.append(.alternatives(alternatives, complete: resolution.alternativesAreComplete, chosen: resolution.authority, of: resolution.scopedActionCount))
        }
        return notes
    }

    /// Why no new consent is asked for: the grant enables every selected action, or every one
    /// that can be enabled while the rest need a refused scope. Shared with the selector panel.
    static func reconsentNotNeeded(someUnavailable: Bool) -> String {
        someUnavailable
            ? "not needed: the existing grant enables every selected action that can be enabled; the others need a refused scope."
            : "not needed: the existing grant enables every selected action."
    }

    /// What the customer must do at the provider, by how it changes a grant. Shared with the
    /// selector panel; guide-page.js words it the same.
    package static func reconsentText(needed: Bool, someUnavailable: Bool, change: GrantChange, text: String? = nil) -> String {
        guard needed else { return reconsentNotNeeded(someUnavailable: someUnavailable) }
        // The guide's own words for its provider, where it gives them.
        if let text { return "needed: " + text }
        switch change {
        case .newCredential:
            return "needed: create a new credential with all the scopes to grant, then replace the old one with it (its permissions cannot be changed)."
        case .reauthorize:
            return "needed: the customer must authorize again with all the scopes to grant: the provider replaces the grant with what is requested."
        case .edit:
            return "needed: add the scopes to add to the existing credential, keeping the ones it has."
        case .incremental:
            return "needed: the customer must authorize again with the scopes to add."
        }
    }

    /// Granted scopes that replacing the grant loses. Shared with the selector panel.
    package static func droppedText(_ scopes: [Scope], change: GrantChange) -> String {
        let what = change == .newCredential ? "The new credential will not have" : "The new grant will not hold"
        return "\(what) \(scopes.map(\.rawValue).joined(separator: " ")): no selected action needs \(scopes.count == 1 ? "it" : "them")."
    }

    /// A short name for the note, as the page's `data-guide-note` attribute and tests use it.
    var name: String {
        switch self {
        case .defaultScopes: "default-scopes"
        case .notMinimal: "not-minimal"
        case .alreadyGranted: "already-granted"
        case .reconsent: "reconsent"
        case .dropped: "dropped"
        case .unneeded: "unneeded"
        case .refused: "refused"
        case .unavailable: "unavailable"
        case .why: "why"
        case .alternatives: "alternatives"
        case .prefill: "prefill"
        }
    }

    /// The note's label (in bold) and text; a note without a label is printed in italics.
    package var content: (label: String?, text: String) {
        let names = { (scopes: [Scope]) in scopes.map(\.rawValue).joined(separator: " ") }
        switch self {
        case .defaultScopes:
            return (nil, "No actions are selected, so these are the method's default scopes. Select actions to get the minimal scopes for them.")
        case .notMinimal:
            return (nil, "These scopes enable every selected action but were not proven minimal: the search ran out of its budget.")
        case .alreadyGranted(let scopes, let enables):
            return ("Already granted:", names(scopes)
                + (enables.isEmpty ? " (enables none of the selected actions)" : " (enables \(enables.joined(separator: ", ")))"))
        case .reconsent(let needed, let someUnavailable, let change, let text):
            return ("Re-consent:", Self.reconsentText(needed: needed, someUnavailable: someUnavailable, change: change, text: text))
        case .dropped(let scopes, let change):
            return ("Dropped:", Self.droppedText(scopes, change: change))
        case .unneeded(let scopes):
            return ("Not needed by the selected actions:", names(scopes) + " (candidates to revoke)")
        case .refused(let scopes):
            return ("Refused:", names(scopes))
        case .unavailable(let labels):
            return ("Unavailable:", labels.joined(separator: ", ") + " (no scope left after the refusals enables them)")
        case .alternatives(let list, let complete, let chosen, let total):
            let of = total == 1 ? "1 action" : "\(total) actions"
            let listed = list.map { alternative in
                names(alternative.scopes) + " (enables \(alternative.authority) of \(of))"
            }
            let text = listed.isEmpty ? "none: no other answer is as small." : listed.joined(separator: "; ") + "."
            return ("Equally small answers (the scopes above enable \(chosen) of \(of)):",
                    text + (complete ? "" : " (The search for them ran out of budget; there may be others.)"))
        case .prefill(let kind, let url):
            return (kind.openLabel, url ?? "the link would be longer than \(PrefillLink.maximumLength) bytes; set the permissions above by hand.")
        case .why(let reasons):
            return ("Why these scopes:", reasons.map { reason in
                let total = reason.of == 1 ? "1 action" : "\(reason.of) actions"
                return "\(reason.scope.rawValue) for \(reason.actions.joined(separator: ", ")) (enables \(reason.authority) of \(total) in the catalogue)"
            }.joined(separator: "; ") + ".")
        }
    }
}
