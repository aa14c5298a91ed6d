/// A selection asked for in stages (read first, write when the customer turns a feature on):
/// what each stage asks the provider for, given what the stages before it were granted.
///
/// Stage *k* is resolved for every action of stages 1…*k* (so a keep-mode answer never offers to
/// revoke what an earlier stage needs, and a replace-mode request keeps it), with the grant that
/// stages 1…*k*−1 leave as the existing grant, under the method's ``GrantChange``:
/// - `edit`, `incremental`: the grant is kept, so the stage asks for the minimal addition, and
///   the grant after it is the grant before plus that addition;
/// - `new-credential`, `reauthorize`: the stage asks for the minimum for every action so far,
///   which replaces the grant.
///
/// A stage whose actions the grant already enables asks for nothing and leaves the grant as it
/// is. The customer's own existing grant and refused scopes (``ScopeConstraints``) apply from
/// stage 1. Each stage's answer is optimal given the stages before it; earlier choices are not
/// revisited, so the final grant can differ from the all-at-once answer, which is reported
/// beside it (``allAtOnce``).
package struct ConsentStages: Hashable, Sendable {
    /// One stage of the plan.
    package struct Stage: Hashable, Sendable {
        /// The actions this stage adds, in catalogue order.
        package internal(set) var actions: [ActionID]
        /// The resolution of stages 1…k with the grant before this stage: its ``Resolution/scopes``
        /// are what the customer asks for (``request``), its ``Resolution/grant`` what changes.
        package internal(set) var resolution: Resolution
        /// The grant before this stage, in `scopeDefinitions` order.
        package internal(set) var grantBefore: [Scope]
        /// The grant after this stage, in `scopeDefinitions` order.
        package internal(set) var grantAfter: [Scope]

        /// What the customer asks the provider for at this stage (empty: nothing to do).
        package var request: [Scope] { needsConsent ? resolution.scopes : [] }
        /// Requested scopes the grant before this stage does not hold.
        package var add: [Scope] {
            guard needsConsent else { return [] }
            let before = Set(grantBefore)
            return resolution.scopes.filter { !before.contains($0) }
        }
        /// Whether the customer must act at the provider at this stage.
        package var needsConsent: Bool { resolution.grant?.reconsent ?? !resolution.scopes.isEmpty }
    }

    package internal(set) var stages: [Stage]
    /// How the method's provider changes a grant, which decides each stage's request.
    package internal(set) var change: GrantChange
    /// The grant after the last stage, in `scopeDefinitions` order.
    package var finalGrant: [Scope] { stages.last?.grantAfter ?? [] }
    /// The grant the customer would end with asking for every staged action at once (with the
    /// same existing grant and refusals): the yardstick for the stages' total.
    package internal(set) var allAtOnce: [Scope]
    /// Staged actions no scope left after the refusals can enable, in catalogue order.
    package internal(set) var unavailable: [ActionID]

    /// The closing line: the scopes the stages end with, against asking for everything at once.
    package static func totalText(_ plan: ConsentStages) -> String {
        let consents = plan.stages.filter(\.needsConsent).count
        let staged = plan.finalGrant.count, once = plan.allAtOnce.count
        let scopes = { (count: Int) in count == 1 ? "1 scope" : "\(count) scopes" }
        let comparison = staged == once
            ? "the same number as asking for every action at once"
            : "\(scopes(once)) asking for every action at once (\(plan.allAtOnce.map(\.rawValue).joined(separator: " ")))"
        return "\(scopes(staged)) after \(consents == 1 ? "1 consent" : "\(consents) consents") in \(plan.stages.count) stages; \(comparison)."
    }
}

extension Resolver {
    /// Plans `stages` (each a non-empty selection, disjoint) for `method` under `constraints`
    /// (see `ConsentStages`).
    func plan(stages: [Selection], for method: AuthMethod, constraints: ScopeConstraints) -> ConsentStages {
        let change = method.grantChange
        var grant = constraints.granted
        var cumulative: [ActionID] = []
        var planned: [ConsentStages.Stage] = []
        let order = { (scopes: Set<Scope>) in self.connector.scopeDefinitions.map(\.scope).filter(scopes.contains) }
        for stage in stages {
            cumulative += stage.actions
            // The ids are the connector's own (each stage is a checked selection), so this cannot fail.
            let selection = (try? Selection(cumulative, in: connector)) ?? .none
            let resolution = resolve(selection, for: method, constraints: ScopeConstraints(granted: grant, refused: constraints.refused))
            let before = grant
            let needsConsent = resolution.grant?.reconsent ?? !resolution.scopes.isEmpty
            if needsConsent {
                grant = change.replacesGrant && resolution.grant != nil
                    ? resolution.scopes : order(Set(grant).union(resolution.scopes))
            }
            planned.append(ConsentStages.Stage(actions: stage.actions, resolution: resolution, grantBefore: before, grantAfter: grant))
        }
        let union = (try? Selection(cumulative, in: connector)) ?? .none
        let once = resolve(union, for: method, constraints: constraints)
        let keeps = !(change.replacesGrant && once.grant != nil)
        let allAtOnce = (once.grant?.reconsent ?? !once.scopes.isEmpty)
            ? (keeps ? order(Set(constraints.granted).union(once.scopes)) : once.scopes) : constraints.granted
        return ConsentStages(stages: planned, change: change, allAtOnce: allAtOnce, unavailable: planned.last?.resolution.unavailable ?? [])
    }
}
