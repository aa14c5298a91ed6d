import ScopeGuideCore

/// An input per variable a request may give (``Connector/acceptedVariables``: the connector's,
/// and an OAuth method's `client_id`, `redirect_uri` and `state`), holding the URL's value. The
/// script checks each value as the engine does while it is typed, shows the engine's message for
/// a refused one and leaves it out of the dynamic URL; a kept value goes into the URL, the
/// authorize URL and the guide's `‹name›` placeholders.
extension ScopeSelectorPanel {
    func variablesHTML() -> String {
        let variables = tailored.connector.acceptedVariables
        guard !variables.isEmpty else { return "" }
        let e = HTMLEscaping.escape
        var html = """
            <fieldset class="sg-variables" data-guide-variables>
            <legend>Guide variables</legend>
            <p class="sg-muted">Each value is checked as the guide URL checks it, then goes into the dynamic URL and the guide's text.</p>
            <div class="sg-variable-grid">

            """
        for (index, variable) in variables.enumerated() {
            let id = "sg-var-\(index)", name = e(variable.name)
            let example = variable.example.map { " placeholder=\"\(e($0))\"" } ?? ""
            html += """
                <div class="sg-variable">
                <label for="\(id)">\(e(variable.label)) <code>\(name)</code></label>
                <input id="\(id)" type="text" class="sg-input sg-mono" name="var.\(name)" value="\(e(url.variables[variable.name] ?? ""))"\(example) spellcheck="false" autocomplete="off" data-guide-variable="\(name)" data-guide-variable-pattern="\(e(variable.effectivePattern))" aria-describedby="\(id)-rule \(id)-error">
                <p class="sg-muted sg-variable-rule" id="\(id)-rule">\(Self.ruleHTML(for: variable))</p>
                <p class="sg-error" id="\(id)-error" data-guide-variable-error="\(name)" hidden></p>
                </div>

                """
        }
        return html + "</div>\n</fieldset>\n"
    }

    /// What a value must be, as the engine's refusal says it (GuideURLError.invalidVariable), and
    /// the example.
    static func ruleHTML(for variable: Variable) -> String {
        let e = HTMLEscaping.escape
        let rule = variable.pattern == nil
            ? "One line of 1 to \(Variable.maximumDefaultLength) characters, without control characters."
            : "Must match <code>\(e(variable.effectivePattern))</code>."
        return rule + (variable.example.map { " For example <code>\(e($0))</code>." } ?? "")
    }
}
