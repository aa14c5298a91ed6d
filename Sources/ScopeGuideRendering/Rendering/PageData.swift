import Foundation
import ScopeGuideCore

/// What the guide page's script needs to recompute a tailored guide in the browser, embedded in
/// the page as JSON with sorted keys. Closures are precomputed here so the script needs no
/// wildcard or `includes` logic, only the same minimal search and rules as `Resolver` and
/// ``TailoredGuide``.
///
/// Keys: `actions` (`id`, `label`, `alternatives` as scope indices), `base`, `closures` (per
/// defined scope, the sorted indices it grants), `connector`, `declaredVariables` (when the
/// connector declares variables: each `name` and the `pattern` a value must match in full,
/// `Variable/effectivePattern`, in declaration order), `defaultScopes` (when declared),
/// `definedCount`, `fullGuideScopes` (the engine's scopes for an empty selection), `grantChange`
/// (the method's, which decides what a customer with a grant asks for), `granted` and
/// `refused` (the URL's `granted=` and `without=` scope names, in definition order), `levels` (per
/// defined scope its privilege level, when some scope is not at level 1), `path`, `resolution`
/// (the engine's answer for this page's selection and constraints: `scopes` as indices and
/// `optimal`, which the script shows on load instead of searching again), `scopes` (defined scopes
/// in display order, then undefined ones wildcards grant), `scopeDescriptions` (per defined scope
/// its description, `""` for none, when some scope has one: the panel's scope list and search
/// show them), `selection`, `separator`, `variables`, `whitelabel`.
///
/// The JSON is safe inside `<script type="application/json">`: `<`, `>` and `&` are escaped as
/// `\u003c`…, so no text from a guide can close the element.
enum PageData {
    /// The members that depend only on the connector and method, encoded once per catalogue.
    struct Shared: Sendable {
        /// `(key, JSON value)`, values written compact and script-safe.
        fileprivate let members: [(key: String, value: PrettyJSON?)]

        init(connector: Connector, method: AuthMethod, graph: ScopeGraph, fullGuideScopes: [Scope]) {
            let strings = { (scopes: [Scope]) in PrettyJSON.strings(scopes.map(\.rawValue)) }
            let numbers = { (scopes: [Scope]) in PrettyJSON.integers(scopes.compactMap(graph.number(of:))) }
            let levels = connector.scopeDefinitions.map(\.privilege)
            let members: [(key: String, value: PrettyJSON?)] = [
                ("actions", .array(connector.actions.map { action in
                    .object([
                        ("alternatives", .array(action.requirement.alternatives.map(numbers))),
                        ("id", .string(action.id.rawValue)), ("label", .string(action.label)),
                    ])
                })),
                ("closures", .array(graph.closures.map { PrettyJSON.integers($0.members) })),
                ("connector", .string(connector.key)),
                ("definedCount", .integer(graph.definedCount)),
                ("fullGuideScopes", numbers(fullGuideScopes)),
                ("scopes", strings(graph.scopes)),
                // The script derives the weights from the levels as PrivilegeWeights does.
                ("levels", levels.contains { $0 != 1 } ? .integers(levels) : nil),
                ("scopeDescriptions", connector.scopeDefinitions.contains(where: { !($0.description ?? "").isEmpty })
                    ? .strings(connector.scopeDefinitions.map { $0.description ?? "" }) : nil),
                // The script checks `?var.<name>=` as ``GuideRequest/setVariables(_:)`` does, so a
                // static page never shows a dynamic URL the engine refuses.
                ("declaredVariables", connector.acceptedVariables.isEmpty ? nil : .array(connector.acceptedVariables.map { variable in
                    .object([("name", .string(variable.name)), ("pattern", .string(variable.effectivePattern))])
                })),
                ("defaultScopes", method.defaultScopes.map(numbers)),
                ("grantChange", .string(method.grantChange.rawValue)),
                ("grantChangeText", method.grantChangeText.map(PrettyJSON.string)),
                // The script builds the method's prefill link for the current selection as PrefillLink does.
                ("prefill", method.prefill.map { prefill in
                    .object([
                        ("connectorName", .string(connector.name)), ("encoding", .string(prefill.encoding.rawValue)),
                        ("kind", .string(prefill.kind.rawValue)), ("separator", .string(prefill.separator.rawValue)),
                        ("template", prefill.template.map(PrettyJSON.string) ?? .null), ("userScopes", strings(prefill.userScopes)),
                    ])
                }),
            ]
            // Written once here, copied into every page of the connector and method.
            self.members = members.map { ($0.key, $0.value.map { .written($0.text(.compact, escapingMarkup: true)) }) }
        }
    }

    /// The page's JSON for `url`, whose engine answer is `resolution` (numbered by `graph`).
    static func scriptJSON(_ shared: Shared, url: GuideURL, resolution: Resolution, graph: ScopeGraph) -> String {
        let names = { (scopes: [Scope]) in PrettyJSON.strings(scopes.map(\.rawValue)) }
        let members: [(key: String, value: PrettyJSON?)] = [
            ("base", .string(url.base)),
            ("granted", names(url.constraints.granted)),
            ("path", .string(url.path)),
            ("refused", names(url.constraints.refused)),
            // The script shows this on load rather than searching again: a page opens with the
            // engine's answer even where the search ran out of budget.
            ("resolution", .object([
                ("optimal", .boolean(resolution.isOptimal)), ("scopes", .integers(resolution.scopes.compactMap(graph.number(of:)))),
            ])),
            ("selection", .strings(url.selection.actions.map(\.rawValue))),
            ("separator", .string(url.separator.rawValue)),
            ("variables", .object(url.variables.map { ($0.key, .string($0.value)) })),
            ("whitelabel", .boolean(url.isWhitelabel)),
            // Only on a page asked for in stages, so every other page's bytes stay as they were.
            ("stages", url.stages.isEmpty ? nil : .array(url.stages.map { .strings($0.actions.map(\.rawValue)) })),
        ]
        return PrettyJSON.object(shared.members + members).text(.compact, escapingMarkup: true)
    }
}
