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
        /// `(key, JSON value)`, values script-safe.
        fileprivate let members: [(key: String, value: String)]

        init(connector: Connector, method: AuthMethod, graph: ScopeGraph, fullGuideScopes: [Scope]) {
            // Written directly rather than through JSONEncoder, which took a tenth of a build's
            // time for these few arrays; the bytes are the same (PageDataTests compare them).
            // One text appended piece by piece: an interpolated string per action cost twice as much.
            var actions = "["
            for action in connector.actions {
                actions += actions.utf8.count == 1 ? "{\"alternatives\":" : ",{\"alternatives\":"
                actions += JSONText.array(action.requirement.alternatives) { JSONText.integers($0.compactMap(graph.number(of:))) }
                actions += ",\"id\":"
                actions += JSONText.string(action.id.rawValue)
                actions += ",\"label\":"
                actions += JSONText.string(action.label)
                actions += "}"
            }
            actions += "]"
            var members = [
                ("actions", actions),
                ("closures", JSONText.array(graph.closures) { JSONText.integers($0.members) }),
                ("connector", JSONText.string(connector.key)),
                ("definedCount", String(graph.definedCount)),
                ("fullGuideScopes", JSONText.integers(fullGuideScopes.compactMap(graph.number(of:)))),
                ("scopes", JSONText.array(graph.scopes) { JSONText.string($0.rawValue) }),
            ]
            // The script derives the weights from the levels as PrivilegeWeights does.
            if connector.scopeDefinitions.contains(where: { $0.privilege != 1 }) {
                members.append(("levels", JSONText.integers(connector.scopeDefinitions.map(\.privilege))))
            }
            if connector.scopeDefinitions.contains(where: { !($0.description ?? "").isEmpty }) {
                members.append(("scopeDescriptions", JSONText.array(connector.scopeDefinitions) { JSONText.string($0.description ?? "") }))
            }
            // The script checks `?var.<name>=` as ``GuideRequest/setVariables(_:)`` does, so a
            // static page never shows a dynamic URL the engine refuses.
            if !connector.acceptedVariables.isEmpty {
                members.append(("declaredVariables", JSONText.array(connector.acceptedVariables) { variable in
                    "{\"name\":" + JSONText.string(variable.name) + ",\"pattern\":" + JSONText.string(variable.effectivePattern) + "}"
                }))
            }
            if let defaults = method.defaultScopes {
                members.append(("defaultScopes", JSONText.integers(defaults.compactMap(graph.number(of:)))))
            }
            members.append(("grantChange", JSONText.string(method.grantChange.rawValue)))
            if let text = method.grantChangeText { members.append(("grantChangeText", JSONText.string(text))) }
            // The script builds the method's prefill link for the current selection as PrefillLink does.
            if let prefill = method.prefill {
                members.append(("prefill", "{\"connectorName\":" + JSONText.string(connector.name) + ",\"encoding\":" + JSONText.string(prefill.encoding.rawValue)
                    + ",\"kind\":" + JSONText.string(prefill.kind.rawValue) + ",\"separator\":" + JSONText.string(prefill.separator.rawValue)
                    + ",\"template\":" + (prefill.template.map(JSONText.string) ?? "null")
                    + ",\"userScopes\":" + JSONText.array(prefill.userScopes) { JSONText.string($0.rawValue) } + "}"))
            }
            self.members = members.map { (key: $0.0, value: $0.1) }
        }
    }

    /// The page's JSON for `url`, whose engine answer is `resolution` (numbered by `graph`).
    static func scriptJSON(_ shared: Shared, url: GuideURL, resolution: Resolution, graph: ScopeGraph) -> String {
        var members = shared.members
        let names = { (scopes: [Scope]) in "[" + scopes.map { JSONText.string($0.rawValue) }.joined(separator: ",") + "]" }
        members += [
            ("base", JSONText.string(url.base)),
            ("granted", names(url.constraints.granted)),
            ("path", JSONText.string(url.path)),
            ("refused", names(url.constraints.refused)),
            // The script shows this on load rather than searching again: a page opens with the
            // engine's answer even where the search ran out of budget.
            ("resolution", "{\"optimal\":\(resolution.isOptimal),\"scopes\":\(JSONText.integers(resolution.scopes.compactMap(graph.number(of:))))}"),
            ("selection", "[" + url.selection.actions.map { JSONText.string($0.rawValue) }.joined(separator: ",") + "]"),
            ("separator", JSONText.string(url.separator.rawValue)),
            ("variables", url.variables.isEmpty ? "{}" : JSONText.encode(url.variables)),
            ("whitelabel", url.isWhitelabel ? "true" : "false"),
        ]
        if !url.stages.isEmpty {
            // Only on a page asked for in stages, so every other page's bytes stay as they were.
            members.append(("stages", "[" + url.stages.map { stage in
                "[" + stage.actions.map { JSONText.string($0.rawValue) }.joined(separator: ",") + "]"
            }.joined(separator: ",") + "]"))
        }
        return "{" + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }
}
