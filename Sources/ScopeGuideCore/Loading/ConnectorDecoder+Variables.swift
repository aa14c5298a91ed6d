import Foundation

/// `{{variables}}`: their declarations, and the texts that use them, checked at the end.
extension ConnectorDecoder {
    mutating func decodeVariables(_ cursor: YAMLCursor?) -> [Variable] {
        var variables: [Variable] = []
        for (name, value) in diagnostics.mapping(cursor) ?? [] {
            if variables.contains(where: { $0.name == name }) || Variable.builtInNames.contains(name) {
                diagnostics.report(.duplicateVariable(name), at: value)
                continue
            }
            guard diagnostics.isMapping(value) else { continue }
            diagnostics.rejectUnknownKeys(value, known: GuideKeys.variable)
            let label = requiredLabel(value) ?? name
            let example = diagnostics.string(value["example"], in: value, key: "example")
            let pattern = diagnostics.string(value["pattern"], in: value, key: "pattern")
            if let pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
                diagnostics.report(.invalidPattern(pattern), at: value["pattern"]!)
            }
            variables.append(Variable(name: name, label: label, example: example, pattern: pattern))
        }
        return variables
    }

    /// Records Markdown text whose `{{variables}}` are checked once all are declared.
    mutating func record(_ text: String, _ cursor: YAMLCursor) {
        if VariableReference.mayOccur(in: text[...]) { texts.append((text, cursor)) }
    }

    mutating func checkVariables(declared: Set<String>) {
        for (text, cursor) in texts {
            for name in VariableReference.names(in: text) where !declared.contains(name) && !Variable.builtInNames.contains(name) {
                diagnostics.report(.undeclaredVariable(name), at: cursor)
            }
        }
    }
}
