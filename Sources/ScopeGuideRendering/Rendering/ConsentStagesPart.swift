import ScopeGuideCore

/// The "Consent in stages" part of a guide asked for in stages (`ConsentStages`): per stage its
/// actions, what to ask for and the links that ask for it; then the total against asking at once.
/// cmark escapes every text in both formats.
struct ConsentStagesPart {
    let tailored: TailoredGuide
    let plan: ConsentStages
    let variables: [String: String]

    /// What one stage asks for, as every output words it (Markdown, HTML, the page's script).
    static func requestText(_ stage: ConsentStages.Stage, change: GrantChange) -> String {
        let names = { (scopes: [Scope]) in scopes.map(\.rawValue).joined(separator: " ") }
        guard stage.needsConsent else { return "nothing to ask for: the grant so far enables these actions." }
        let added = stage.add
        switch change {
        case .newCredential where !stage.grantBefore.isEmpty:
            return "create a new credential with \(names(stage.request)) and replace the old one (adds \(names(added)))."
        case .reauthorize where !stage.grantBefore.isEmpty:
            return "authorize again with \(names(stage.request)) (adds \(names(added)); the new grant replaces the old one)."
        case .edit where !stage.grantBefore.isEmpty:
            return "add \(names(stage.request)) to the existing credential."
        case .incremental where !stage.grantBefore.isEmpty:
            return "authorize for \(names(stage.request)); the provider adds \(stage.request.count == 1 ? "it" : "them") to the grant."
        default:
            return "grant \(names(stage.request))."
        }
    }

    func append(to root: CMarkNode, isHTML: Bool) {
        let container = isHTML ? root.appendRawBlock(enter: "<div class=\"sg-summary sg-stages\" data-guide-notes data-guide-stages>\n", exit: "</div>\n") : root
        container.appendHeading(level: 2).appendText("Consent in stages")
        let labels = Dictionary(tailored.connector.actions.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        let list = container.appendList(ordered: true, tight: false)
        for (index, stage) in plan.stages.enumerated() {
            let item = list.appendItem()
            let paragraph = item.appendParagraph()
            paragraph.appendStrong("Stage \(index + 1): " + stage.actions.map { labels[$0] ?? $0.rawValue }.joined(separator: ", "))
            paragraph.appendText(" — " + Self.requestText(stage, change: plan.change))
            guard stage.needsConsent else { continue }
            if let authorize = AuthorizeURL.make(for: tailored.method, scopes: stage.request, variables: variables) {
                let line = item.appendParagraph()
                if AuthorizeURL.missingVariables(in: variables).isEmpty {
                    line.appendText("Authorize URL: ")
                    line.appendWebLink(authorize, url: authorize)
                } else {
                    line.appendText("Authorize URL template: ")
                    line.appendCode(authorize)
                }
            }
            if let link = PrefillLink.make(for: tailored.method, of: tailored.connector, scopes: stage.request, actions: stage.actions) {
                let line = item.appendParagraph()
                if let url = link.url {
                    line.appendText(link.kind.openLabel + " ")
                    line.appendWebLink(url, url: url)
                } else {
                    line.appendText("No prefilled link: it would be longer than \(PrefillLink.maximumLength) bytes.")
                }
            }
        }
        if !plan.unavailable.isEmpty {
            let paragraph = container.appendParagraph()
            paragraph.appendStrong("Unavailable:")
            paragraph.appendText(" " + plan.unavailable.map { labels[$0] ?? $0.rawValue }.joined(separator: ", ") + " (no scope left after the refusals enables them)")
        }
        let total = container.appendParagraph()
        total.appendStrong("In total:")
        total.appendText(" " + ConsentStages.totalText(plan))
    }
}
