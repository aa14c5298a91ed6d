import ScopeGuideCore

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

        appendFields(tailored.method.configFields, to: steps)

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

    /// StackOne's connector-profile pages close with this part: where to find connector
    /// profiles, then one step that creates the profile, its fields nested under "Fill out the
    /// fields".
    private func appendConnectorProfile(to parent: CMarkNode) {
        let platform = site.platformName, connector = tailored.connector.name
        parent.appendHeading(level: 2).appendText("Creating the \(platform) Connector Profile")
        parent.appendParagraph().appendText("To create the Connector Profile in \(platform) for \(connector):")
        let steps = parent.appendList(ordered: true, tight: false)

        var paragraph = step("Navigate to Connector Profiles", in: steps).appendParagraph()
        paragraph.appendText("In the \(platform) dashboard, open ")
        paragraph.appendStrong("Connector Profiles")
        paragraph.appendText(".")

        let bullets = step("Create New Connector Profile", in: steps).appendList(ordered: false)
        paragraph = bullets.appendItem().appendParagraph()
        paragraph.appendText("Click ")
        paragraph.appendStrong("+ Connector Profile")
        paragraph = bullets.appendItem().appendParagraph()
        paragraph.appendText("Search for and select ")
        paragraph.appendStrong(connector)
        paragraph = bullets.appendItem().appendParagraph()
        paragraph.appendText("Select Type as ")
        paragraph.appendStrong(tailored.method.label)
        let fields = tailored.method.setupFields
        if !fields.isEmpty {
            let item = bullets.appendItem()
            item.appendParagraph().appendText("Fill out the fields using details retrieved from your provider:")
            appendFieldList(fields, to: item)
        }
        bullets.appendItem().appendParagraph().appendText("(Optional) Select Actions to be enabled for this Connector Profile")
        paragraph = bullets.appendItem().appendParagraph()
        paragraph.appendText("Click ")
        paragraph.appendStrong("Create profile")
    }

    /// A numbered step whose first paragraph is its title in bold.
    private func step(_ title: String, in steps: CMarkNode) -> CMarkNode {
        let item = steps.appendItem()
        item.appendParagraph().appendStrong(title)
        return item
    }

    /// The "Fill out the fields" step: each label in bold, "(Optional)" after optional ones.
    private func appendFields(_ fields: [Field], to steps: CMarkNode) {
        guard !fields.isEmpty else { return }
        let item = step("Fill out the fields", in: steps)
        item.appendParagraph().appendText("Fill out the following fields using details from your provider:")
        appendFieldList(fields, to: item)
    }

    /// Each label in bold, "(Optional)" after optional ones.
    private func appendFieldList(_ fields: [Field], to item: CMarkNode) {
        let bullets = item.appendList(ordered: false)
        for field in fields {
            let paragraph = bullets.appendItem().appendParagraph()
            paragraph.appendStrong(field.label)
            if !field.isRequired { paragraph.appendText(" (Optional)") }
        }
    }
}
