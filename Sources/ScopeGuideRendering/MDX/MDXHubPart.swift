import ScopeGuideCore

/// The hub part of the Hub's MDX pages, in `<div data-whitelabel-hide>` (the Hub's script hides
/// it in whitelabel mode): linking the account from the hub, or creating the connector profile.
/// The wording is ``HubPart``'s, in the Hub's markup; only names and field labels vary, escaped
/// as MDX text. Its links are site-relative (`/guides/accounts-section`), as the pages are
/// published on the docs site they point into.
struct MDXHubPart {
    let tailored: TailoredGuide
    let site: Site

    func mdx() -> String {
        let hub = MDXText.escaped(site.hubName)
        var steps: [String] = []
        var lines = ["<div data-whitelabel-hide>"]
        switch tailored.kind {
        case .config:
            lines.append("  <h2>Linking the Account from the \(hub)</h2>")
            steps.append(step("Navigate to the \(site.hubName)", [
                "Use one of the three <a href=\"/guides/accounts-section#linking-accounts\">Linking Account Methods</a> to access the \(hub).",
            ]))
            let fields = tailored.method.configFields
            if !fields.isEmpty {
                steps.append(step("Fill out the fields", [
                    "Fill out the following fields using details from your provider:", "", "<ul>",
                ] + fields.map { "  <li>" + Self.field($0) + "</li>" } + ["</ul>"]))
            }
            steps.append(step("Connect", [
                "<ul>",
                "  <li>Click <strong>Connect</strong></li>",
                "  <li>If applicable, the provider will redirect you to a sign-in or authorization page. Complete the provider's authorization flow.</li>",
                "  <li>Once authorization is successful, you will see a confirmation popup</li>",
                "</ul>",
            ]))
            lines += ["", "  <Steps>", steps.joined(separator: "\n\n"), "  </Steps>", ""]
            lines.append(
                "  <p>If the account linking is successful, you will see the newly linked account in your <a href=\"/guides/accounts-section\">Accounts</a> page.</p>")
        case .setup:
            let platform = MDXText.escaped(site.platformName), connector = MDXText.escaped(tailored.connector.name)
            lines.append("  <h2>Creating the \(platform) Connector Profile</h2>")
            lines += ["", "  <p>To create the Connector Profile in \(platform) for \(connector):</p>"]
            steps.append(step("Navigate to Connector Profiles", ["<p>In the \(platform) dashboard, open <strong>Connector Profiles</strong>.</p>"]))
            var items = [
                "  <li>Click <strong>+ Connector Profile</strong></li>",
                "  <li>Search for and select <strong>\(connector)</strong></li>",
                "  <li>Select Type as <strong>\(MDXText.escaped(tailored.method.label))</strong></li>",
            ]
            let fields = tailored.method.setupFields
            if !fields.isEmpty {
                items += ["  <li>Fill out the fields using details retrieved from your provider:", "    <ul>"]
                items += fields.map { "      <li>" + Self.field($0) + "</li>" }
                items += ["    </ul>", "  </li>"]
            }
            items += ["  <li>(Optional) Select Actions to be enabled for this Connector Profile</li>", "  <li>Click <strong>Create profile</strong></li>"]
            steps.append(step("Create New Connector Profile", ["<ul>"] + items + ["</ul>"]))
            lines += ["", "  <Steps>", steps.joined(separator: "\n\n"), "  </Steps>"]
        }
        lines.append("</div>")
        return lines.joined(separator: "\n")
    }

    /// A `<Step>` of the hub part, its lines indented under it.
    private func step(_ title: String, _ body: [String]) -> String {
        (["    <Step title=\"\(MDXText.attribute(title))\">"] + body.map { $0.isEmpty ? "" : "      " + $0 } + ["    </Step>"]).joined(separator: "\n")
    }

    /// `<strong>Label</strong>`, then ` (Optional)` for an optional field.
    private static func field(_ field: Field) -> String {
        "<strong>" + MDXText.escaped(field.label) + "</strong>" + (field.isRequired ? "" : " (Optional)")
    }
}
