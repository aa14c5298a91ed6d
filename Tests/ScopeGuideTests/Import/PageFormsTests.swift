import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// The page forms StackOne publishes, as fixture pages written for this project in
/// `Fixtures/Pages` (fictional providers, the real markup): a link-account page in the current
/// form with every construct the importer converts, a connector-profile page, and a page in the
/// older form (`##` headings, `<Steps>` outside sections, Markdown text).
@Suite struct PageFormsTests {
    static let directory = Fixtures.packageRoot.appendingPathComponent("Tests/ScopeGuideTests/Fixtures/Pages")

    static func page(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func imported(_ name: String) throws -> StackOnePageImporter.Result {
        try StackOnePageImporter().importPage(page(name), file: name)
    }

    static func rendered(_ connector: Connector, kind: GuideKind = .config) throws -> (html: String, markdown: String) {
        let catalog = Catalog(connectors: [connector])
        let url = try catalog.guide(connector: connector.key, kind: kind)
        let renderer = GuideRenderer(catalog: catalog)
        return (renderer.render(url, as: .html), renderer.render(url, as: .markdown))
    }

    static let pages = ["larkspur.link-account.mdx", "larkspur.connector-profile.mdx", "quillhub.link-account.legacy.mdx"]

    // MARK: Every form

    @Test("each fixture imports with no error, loads back, and lints without errors", arguments: pages)
    func importsCleanly(name: String) throws {
        let result = try Self.imported(name)
        let loaded = try CatalogLoader().loadConnector(yaml: result.yaml, file: "\(result.connector.key).connector.yaml")
        #expect(loaded.connector == result.connector)
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        #expect(Lint.findings(for: result.connector).filter { $0.severity == .error }.isEmpty)
        #expect(!result.connector.methods[0].guides.isEmpty)
    }

    @Test("importing a fixture twice gives the same bytes, and the file is a fixed point", arguments: pages)
    func deterministic(name: String) throws {
        let first = try Self.imported(name), second = try Self.imported(name)
        #expect(first.yaml == second.yaml)
        let loaded = try CatalogLoader().loadConnector(yaml: first.yaml).connector
        #expect(try StackOnePageImporter.yaml(for: loaded) == first.yaml)
    }

    // MARK: Current link-account form

    @Test("the current form renders to the page's structure (sections, steps, scopes, badges, fields)")
    func currentFormStructure() throws {
        let page = try Self.page("larkspur.link-account.mdx")
        let result = try Self.imported("larkspur.link-account.mdx")
        let expected = GuideStructure(seedPage: page)
        #expect(expected.sections.map(\.steps.count) == [2, 1])
        #expect(expected.hubFields == ["Workspace Domain", "Scopes (Optional)"])
        #expect(GuideStructure(renderedPage: try Self.rendered(result.connector).html) == expected)
        #expect(result.warnings.isEmpty, "\(result.warnings)")
    }

    @Test("the key comes from the action ids, not the name")
    func keyFromActionIDs() throws {
        let result = try Self.imported("larkspur.link-account.mdx")
        #expect(result.connector.key == "larkspur")
        #expect(result.connector.name == "Larkspur Notes")
    }

    @Test("screenshots, line breaks, nested links, callouts, code fences, accordions and tables become Markdown")
    func currentFormConstructs() throws {
        let guide = try #require(try Self.imported("larkspur.link-account.mdx").connector.methods[0].guides[.config])
        let first = guide.sections[0], second = guide.sections[1]
        #expect(first.content == """
            The domain appears on the sign-in screen of your workspace.\\
            It always ends in `.larkspur.example`.

            > **Note:** Workspaces created before 2020 may use a **custom domain** instead; either works.
            """)
        #expect(first.steps[0].content == """
            Sign in at [https://app.larkspur.example](https://app.larkspur.example) and open the menu under your avatar.

            ![The avatar menu with "Settings" highlighted](https://docs.larkspur.example/img/settings-menu.png)
            """)
        #expect(first.steps[0].list == ["Choose **Workspace settings**.", "Stay on the **General** tab."])
        #expect(first.steps[1].content == """
            The **Domain** field holds the value to copy. To check it, this request must answer `200`:

            ```bash
            curl -sI https://acme.larkspur.example/api/health | head -1   # expect <HTTP/2 200>
            ```

            > **The field is greyed out**
            >
            > Only owners can see the domain. Ask an owner to copy it for you.
            """)
        #expect(second.steps[0].content == """
            On the consent screen, Larkspur Notes lists what the connection may do:

            - **Permission:** `notebooks:read`; **Lets the connection:** see notebook names
            - **Permission:** `sharing:write`; **Lets the connection:** share pages with people \\& groups

            > **Tip:** Approve the list as shown; the connection asks only for what the selected actions need.
            """)
    }

    @Test("the page's screenshots, callouts and code render in both formats")
    func currentFormRenders() throws {
        let (html, markdown) = try Self.rendered(try Self.imported("larkspur.link-account.mdx").connector)
        #expect(html.contains(#"<img loading="lazy" src="https://docs.larkspur.example/img/settings-menu.png" alt="The avatar menu with &quot;Settings&quot; highlighted" />"#))
        #expect(html.contains("<br />\nIt always ends in"))
        #expect(html.contains(#"<code class="language-bash">curl -sI https://acme.larkspur.example/api/health | head -1   # expect &lt;HTTP/2 200&gt;"#))
        #expect(html.contains("<blockquote>\n<p><strong>Note:</strong>"))
        #expect(!html.contains("[https://app.larkspur.example]"))
        #expect(markdown.contains("![The avatar menu with \"Settings\" highlighted](https://docs.larkspur.example/img/settings-menu.png)"))
        #expect(markdown.contains("> **Tip:** Approve the list"))
    }

    // MARK: Connector-profile form

    @Test("a connector-profile page becomes the method's setup guide with its setup fields")
    func connectorProfile() throws {
        let result = try Self.imported("larkspur.connector-profile.mdx")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        let method = try #require(result.connector.methods.first)
        #expect(result.connector.key == "larkspur")
        #expect(method.label == "OAuth 2.0")
        #expect(method.kind == .oauth2)
        #expect(method.guides[.config] == nil)
        let guide = try #require(method.guides[.setup])
        #expect(guide.warning == "Registering an app needs the **developer** role in Larkspur Notes.")
        #expect(guide.sections.map(\.title) == ["Register an OAuth app"])
        #expect(guide.sections[0].steps.map(\.title) == ["Open the developer portal", "Describe the app", "Add the scopes", "Keep the credentials"])
        #expect(guide.sections[0].steps[0].content?.contains(
            #"![Developer portal](https://docs.stackone.com/images/connectors/larkspur/new-app.png "Where the New app button is")"#) == true)
        #expect(guide.sections[0].steps[3].content?.hasSuffix("> **Warning:** The secret is shown once. Store it before leaving the page.") == true)
        #expect(method.setupFields.map(\.label) == ["Client ID", "Client Secret", "User Scopes"])
        #expect(method.setupFields.map(\.isRequired) == [true, true, false])
        #expect(method.setupFields.map(\.isSecret) == [false, true, false])
        #expect(method.configFields.isEmpty)
    }

    @Test("a connector-profile page renders to its structure, URL under /connector-profile/")
    func connectorProfileStructure() throws {
        let page = try Self.page("larkspur.connector-profile.mdx")
        let connector = try Self.imported("larkspur.connector-profile.mdx").connector
        let url = try Catalog(connectors: [connector]).guide(connector: "larkspur", kind: .setup)
        #expect(url.url.path == "/connectors/larkspur/guides/connector-profile/oauth-2-0")
        let expected = GuideStructure(seedPage: page)
        #expect(expected.hubTitle == "Creating the StackOne Connector Profile")
        #expect(expected.hubSteps == ["Navigate to Connector Profiles", "Create New Connector Profile"])
        #expect(expected.hubFields == ["Client ID", "Client Secret", "User Scopes (Optional)"])
        #expect(expected.sections.first?.steps.count == 4)
        #expect(GuideStructure(renderedPage: try Self.rendered(connector, kind: .setup).html) == expected)
    }

    @Test("a title without a summary still splits at the method's first word")
    func profileTitleWithoutSummary() throws {
        let title = try #require(PageTitle(heading: "Sage People OAuth 2.0 (Authorization Code) connector profile – StackOne setup guide"))
        #expect(title.connectorName == "Sage People")
        #expect(title.methodLabel == "OAuth 2.0 (Authorization Code)")
        #expect(title.kind == .setup)
        let summarised = try #require(PageTitle(heading: "Acme API Key connector profile – StackOne setup guide",
                                                summary: "Set up the API Key connector profile for Acme in StackOne. One-time admin setup."))
        #expect((summarised.connectorName, summarised.methodLabel) == ("Acme", "API Key"))
    }

    @Test("a link-account page and a connector-profile page merge into one connector")
    func merging() throws {
        let link = try Self.imported("larkspur.link-account.mdx")
        let profile = try Self.imported("larkspur.connector-profile.mdx")
        let merged = try StackOnePageImporter.merge(profile, into: link.connector, file: "larkspur.connector-profile.mdx")
        #expect(merged.connector.methods.count == 1)
        let method = merged.connector.methods[0]
        #expect(Set(method.guides.keys) == [.config, .setup])
        #expect(method.configFields.map(\.label) == ["Workspace Domain", "Scopes"])
        #expect(method.setupFields.map(\.label) == ["Client ID", "Client Secret", "User Scopes"])
        #expect(merged.connector.actions == link.connector.actions)
        #expect(merged.warnings.isEmpty)
        // The other order gives the same file, and merging a page again changes nothing.
        let reversed = try StackOnePageImporter.merge(link, into: profile.connector)
        #expect(reversed.yaml == merged.yaml)
        let again = try StackOnePageImporter.merge(profile, into: CatalogLoader().loadConnector(yaml: merged.yaml).connector)
        #expect(again.yaml == merged.yaml)
        #expect(merged.yaml.hasPrefix("# Larkspur Notes, imported from StackOne's link-account and connector-profile pages"))
    }

    @Test("merging keeps the file's version of an action the page changed, with a warning")
    func mergingConflict() throws {
        let link = try Self.imported("larkspur.link-account.mdx")
        var changed = link.connector
        changed.actions[0].label = "List All Notebooks"
        let merged = try StackOnePageImporter.merge(link, into: changed, file: "page.mdx")
        #expect(merged.connector.actions[0].label == "List All Notebooks")
        #expect(merged.warnings.map(\.reason) == [.actionDiffers("larkspur_list_notebooks")])
    }

    // MARK: Older form

    @Test("the older form (## headings, Markdown text) imports to the same kind of guide")
    func legacyForm() throws {
        let result = try Self.imported("quillhub.link-account.legacy.mdx")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(result.connector.key == "quillhub")
        let method = try #require(result.connector.methods.first)
        #expect(method.label == "API Token")
        #expect(method.configFields.map(\.label) == ["API Token"])
        #expect(method.configFields[0].isSecret)
        let guide = try #require(method.guides[.config])
        #expect(guide.warning == "Only workspace admins can create tokens in Quillhub.")
        #expect(guide.sections.map(\.title) == ["Create an API token"])
        #expect(guide.sections[0].content == "Tokens live under **Profile → Developer** in Quillhub.")
        let steps = guide.sections[0].steps
        #expect(steps.map(\.title) == ["Open the developer page", "Create the token"])
        #expect(steps[0].content == """
            Go to [Quillhub](https://app.quillhub.example) and open **Profile → Developer**.

            ![Quillhub developer page](https://docs.stackone.com/images/quillhub/developer-page.png "The developer page")
            """)
        #expect(steps[1].content == """
            Click **New token** and fill in the form:

            - **Setting:** Name; **Value:** {{platformName}}
            - **Setting:** Expiry; **Value:** Never
            """)
        #expect(steps[1].list == ["Click **Create**.", "Copy the token; Quillhub shows it once."])
    }

    @Test("the older form renders the page's structure")
    func legacyStructure() throws {
        let connector = try Self.imported("quillhub.link-account.legacy.mdx").connector
        let rendered = GuideStructure(renderedPage: try Self.rendered(connector).html)
        let expected = GuideStructure(
            sections: [.init(title: "Create an API token", scopes: [], steps: [
                .init(title: "Open the developer page", scopes: [], displayScopes: [], badge: nil),
                .init(title: "Create the token", scopes: [], displayScopes: [], badge: nil),
            ])],
            hubTitle: "Linking the Account from the Hub", hubSteps: ["Navigate to the Hub", "Fill out the fields", "Connect"],
            hubFields: ["API Token"])
        #expect(rendered == expected)
    }
}
