import Foundation

/// Actions: ids, labels and required scopes (all of, or any of).
extension ConnectorDecoder {
    /// - Parameter seen: the action ids read so far, in this file and the connector's others.
    mutating func decodeActions(_ cursor: YAMLCursor?, seen: inout Set<ActionID>) -> [Action] {
        var actions: [Action] = []
        for item in diagnostics.list(cursor) ?? [] {
            guard diagnostics.isMapping(item) else { continue }
            diagnostics.rejectUnknownKeys(item, known: GuideKeys.action)
            guard let id = diagnostics.string(item["id"], in: item, key: "id", required: true) else { continue }
            if !Self.consists(id, of: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:@-") {
                // Ids travel unencoded in `actions=a,b`, so separators and spaces cannot be in them.
                diagnostics.report(.invalidValue(id, expected: "an action id of letters, digits and _ . : @ -"), at: item["id"]!)
            } else if !seen.insert(ActionID(id)).inserted {
                diagnostics.report(.duplicateActionID(id), at: item["id"]!)
            }
            let label = requiredLabel(item)
            let requirement = decodeRequirement(item["requiredScopes"])
            actions.append(Action(id: ActionID(id), label: label ?? id, requirement: requirement))
        }
        return actions
    }

    /// `a b`, `[a, b]` (all of them) or `{anyOf: [a, "b c", [d, e]]}` (any one group).
    mutating func decodeRequirement(_ cursor: YAMLCursor?) -> Requirement {
        guard let cursor else { return Requirement(alternatives: []) }
        guard cursor.isMapping else { return Requirement(allOf: scopeList(cursor)) }
        diagnostics.rejectUnknownKeys(cursor, known: GuideKeys.requirement)
        guard let anyOf = cursor["anyOf"] else {
            diagnostics.report(.missingField("anyOf"), at: cursor)
            return Requirement(alternatives: [])
        }
        let groups = (diagnostics.list(anyOf) ?? []).map { scopeList($0) }
        return Requirement(alternatives: groups.filter { !$0.isEmpty })
    }

    mutating func requiredLabel(_ cursor: YAMLCursor) -> String? {
        guard let value = cursor["label"] else {
            diagnostics.report(.missingLabel, at: cursor.location, path: cursor.path.isEmpty ? "label" : cursor.path + ".label")
            return nil
        }
        guard let label = diagnostics.string(value, in: cursor, key: "label") else { return nil }
        if Self.isBlank(label) {
            diagnostics.report(.missingLabel, at: value)
            return nil
        }
        record(label, value)
        return label
    }

    /// Whether `text` is nothing but `CharacterSet.whitespaces`, as `text.trimmingCharacters(in:
    /// .whitespaces).isEmpty` says, without Foundation's trimming for a text that starts with a
    /// printable ASCII character other than space, which is not whitespace.
    static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x7F { return false }
        return text.trimmingCharacters(in: .whitespaces).isEmpty
    }
}
