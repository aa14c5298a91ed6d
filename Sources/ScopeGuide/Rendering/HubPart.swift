import Ccmark

/// The part of a guide that happens in the platform rather than at the provider: linking the
/// account from the hub (config guides) or creating the connector profile (setup guides).
///
/// Its wording is the platform's, as in the StackOne seeds; only names and field labels vary, and
/// they are added as text nodes, so cmark escapes them.
struct HubPart {
    let tailored: TailoredGuide
    let site: Site

    func append(to parent: CMarkNode) {
        switch tailored.kind {
        case .config: appendLinking(to: parent)
        case .setup: appendConnectorProfile(to: parent)
        }
    }

    private func appendLinking(to parent: CMarkNode) {
        let hub = site.hubName
        parent.appendHeading(level: 2).appendText("Linking the Account from the \(hub)")
        let steps = parent.appendList(ordered: true, tight: false)

        var paragraph = step("Navigate to the \(hub)", in: steps).appendParagraph()
        paragraph.appendText("Use one of the three ")
        paragraph.appendWebLink("Linking Account Methods", url: site.docsBaseURL + "/guides/accounts-section#linking-accounts")
        paragraph.appendText(" to access the \(hub).")

        appendFields(tailored.method.configFields, to: steps, intro: "Fill out the following fields using details from your provider:")

        let bullets = step("Connect", in: steps).appendList(ordered: false)
        paragraph = bullets.appendItem().appendParagraph()
        paragraph.appendText("Click ")
        paragraph.appendStrong("Connect")
        bullets.appendItem().appendParagraph().appendText(
            "If applicable, the provider will redirect you to a sign-in or authorization page. Complete the provider's authorization flow.")
        bullets.appendItem().appendParagraph().appendText("Once authorization is successful, you will see a confirmation popup")

        paragraph = parent.appendParagraph()
        paragraph.appendText("If the account linking is successful, you will see the newly linked account in your ")
        paragraph.appendWebLink("Accounts", url: site.docsBaseURL + "/guides/accounts-section")
        paragraph.appendText(" page.")
    }

    private func appendConnectorProfile(to parent: CMarkNode) {
        let platform = site.platformName, connector = tailored.connector.name
        parent.appendHeading(level: 2).appendText("Creating the Connector Profile in \(platform)")
        let steps = parent.appendList(ordered: true, tight: false)

        let paragraph = step("Open the connector", in: steps).appendParagraph()
        paragraph.appendText("In the \(platform) dashboard, go to ")
        paragraph.appendStrong("Connectors")
        paragraph.appendText(", open ")
        paragraph.appendStrong(connector)
        paragraph.appendText(" and create a connector profile for ")
        paragraph.appendStrong(tailored.method.label)
        paragraph.appendText(".")

        appendFields(tailored.method.setupFields, to: steps, intro: "Fill out the following fields with the values from the steps above:")

        step("Save", in: steps).appendParagraph().appendText(
            "Save the profile. End users can now link their \(connector) accounts with it.")
    }

    /// A numbered step whose first paragraph is its title in bold.
    private func step(_ title: String, in steps: CMarkNode) -> CMarkNode {
        let item = steps.appendItem()
        item.appendParagraph().appendStrong(title)
        return item
    }

    /// The "Fill out the fields" step: each label in bold, "(Optional)" after optional ones.
    private func appendFields(_ fields: [Field], to steps: CMarkNode, intro: String) {
        guard !fields.isEmpty else { return }
        let item = step("Fill out the fields", in: steps)
        item.appendParagraph().appendText(intro)
        let bullets = item.appendList(ordered: false)
        for field in fields {
            let paragraph = bullets.appendItem().appendParagraph()
            paragraph.appendStrong(field.label)
            if !field.isRequired { paragraph.appendText(" (Optional)") }
        }
    }
}
