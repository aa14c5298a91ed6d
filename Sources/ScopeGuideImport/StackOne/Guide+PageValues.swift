import ScopeGuideCore

extension Guide {
    /// The guide with the values a rendered page shows for its variables written as variables
    /// again, and the names of the connector's own variables found: `‹name›`, which the renderer
    /// shows for a variable without a value, becomes `{{name}}`, and the site's OAuth callback URL
    /// for this connector (`callbackURL`) becomes `{{callbackURL}}`. (`StackOne` becomes
    /// `{{platformName}}` as the page is read.) So a guide exported as the Hub's MDX and imported
    /// again is the guide it was.
    func restoringVariables(callbackURL: String) -> (guide: Guide, variables: [String]) {
        var names: [String] = []
        func restore(_ text: String) -> String {
            var result = text.replacingOccurrences(of: callbackURL, with: "{{callbackURL}}")
            guard result.contains("‹") else { return result }
            let matches = result.matches(of: /‹([A-Za-z_][A-Za-z0-9_]*)›/)
            for match in matches where !names.contains(String(match.1)) { names.append(String(match.1)) }
            for match in matches.reversed() { result.replaceSubrange(match.range, with: "{{\(match.1)}}") }
            return result
        }
        var guide = self
        guide.warning = warning.map(restore)
        for index in guide.sections.indices {
            var section = guide.sections[index]
            section.title = restore(section.title)
            section.content = section.content.map(restore)
            section.list = section.list.map(restore)
            for stepIndex in section.steps.indices {
                var step = section.steps[stepIndex]
                step.title = restore(step.title)
                step.content = step.content.map(restore)
                step.list = step.list.map(restore)
                section.steps[stepIndex] = step
            }
            guide.sections[index] = section
        }
        return (guide, names)
    }
}
