import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Links that open a provider's token form with the permissions filled in (issue 24, item 4).
@Suite struct PrefillLinkTests {
    @Test("GitHub fine-grained: each permission at the highest level requested, name and description encoded and cut to GitHub's limits")
    func githubFineGrained() {
        let url = PrefillLink.make(
            .githubFineGrainedPAT, scopes: ["contents:read", "issues:read", "issues:write", "metadata:read", "organization_custom_properties:admin"],
            name: "Acme, Inc. integration", description: "For: Create an issue (POST /repos/{owner}/{repo}/issues)")
        #expect(url == "https://github.com/settings/personal-access-tokens/new?name=Acme%2C+Inc.+integration"
            + "&description=For%3A+Create+an+issue+%28POST+%2Frepos%2F%7Bowner%7D%2F%7Brepo%7D%2Fissues%29"
            + "&contents=read&issues=write&metadata=read&organization_custom_properties=admin")
        let long = PrefillLink.make(.githubFineGrainedPAT, scopes: ["issues:write"], name: String(repeating: "n", count: 50), description: String(repeating: "d", count: 2_000))
        #expect(long == "https://github.com/settings/personal-access-tokens/new?name=\(String(repeating: "n", count: 40))&description=\(String(repeating: "d", count: 1_024))&issues=write")
        // Scopes not in GitHub's permission:level form give no link rather than a wrong one.
        #expect(PrefillLink.make(.githubFineGrainedPAT, scopes: ["repo"], name: "x", description: "y") == nil)
        #expect(PrefillLink.make(.githubFineGrainedPAT, scopes: [], name: "x", description: "y") == nil)
    }

    @Test("GitHub classic: scopes comma-joined and encoded")
    func githubClassic() {
        #expect(PrefillLink.make(.githubClassicPAT, scopes: ["repo", "read:org"], name: "x", description: "CI token")
            == "https://github.com/settings/tokens/new?scopes=repo%2Cread%3Aorg&description=CI+token")
    }

    @Test("a link over 8,000 bytes is not offered, and the guide says to set the permissions by hand")
    func lengthLimit() {
        let scopes = (0..<400).map { Scope("permission_number_\($0):write") }
        #expect(PrefillLink.make(.githubFineGrainedPAT, scopes: scopes, name: "x", description: "y") == nil)
        let note = GuideNote.prefill(.githubFineGrainedPAT, url: nil)
        #expect(note.content.text.contains("longer than 8000 bytes"))
    }

    @Test("Slack manifest: bot and user scopes split as the method declares, a bot user with bot scopes, the name cut to 35 characters, the JSON percent-encoded")
    func slackManifest() {
        let prefill = Prefill(kind: .slackManifest, userScopes: ["search:read"])
        let url = PrefillLink.make(prefill, scopes: ["channels:history", "chat:write", "search:read"], name: "Acme, Inc. \"support\" integration for Slack", description: "ignored")
        let manifest = #"{"display_information":{"name":"Acme, Inc. \"support\" integration fo"},"#
            + #""features":{"bot_user":{"always_online":false,"display_name":"Acme, Inc. \"support\" integration fo"}},"#
            + #""oauth_config":{"scopes":{"bot":["channels:history","chat:write"],"user":["search:read"]}}}"#
        #expect(url == "https://api.slack.com/apps?new_app=1&manifest_json=" + FormEncoding.percentEncode(manifest))
        #expect(url?.hasPrefix("https://api.slack.com/apps?new_app=1&manifest_json=%7B%22display_information%22%3A%7B%22name%22%3A%22Acme%2C%20Inc.%20%5C%22support%5C%22") == true)
        // User scopes only: no bot user, no bot list.
        let userOnly = PrefillLink.make(prefill, scopes: ["search:read"], name: "App", description: "")
        #expect(userOnly == "https://api.slack.com/apps?new_app=1&manifest_json="
            + FormEncoding.percentEncode(#"{"display_information":{"name":"App"},"oauth_config":{"scopes":{"user":["search:read"]}}}"#))
    }

    @Test("template: {scopes} replaced by the scopes joined and encoded as the method declares")
    func template() {
        let percent = Prefill(kind: .template, template: "https://app.example.com/tokens/new?scopes={scopes}&from=guide", separator: .space)
        #expect(PrefillLink.make(percent, scopes: ["read:all", "write,x"], name: "", description: "")
            == "https://app.example.com/tokens/new?scopes=read%3Aall%20write%2Cx&from=guide")
        let form = Prefill(kind: .template, template: "https://app.example.com/new#scopes={scopes}", separator: .comma, encoding: .form)
        #expect(PrefillLink.make(form, scopes: ["a b", "c:d"], name: "", description: "") == "https://app.example.com/new#scopes=a+b%2Cc%3Ad")
        #expect(PrefillLink.make(Prefill(kind: .template), scopes: ["a"], name: "", description: "") == nil)
        let long = (0..<900).map { Scope("scope\($0)") }
        #expect(PrefillLink.make(percent, scopes: long, name: "", description: "") == nil)
    }

    @Test("prefill in a guide source: a kind's name or a mapping; bad kinds, templates without {scopes} and unknown keys are errors with their line")
    func loading() throws {
        func yaml(_ prefill: String) -> String {
            """
            key: demo
            name: Demo
            scopeDefinitions:
              read: Read
              search:read: Search
            actions:
              - {id: demo_read, label: Read, requiredScopes: read}
            authentication:
              - token:
                  type: custom
                  label: Token
                  prefill: \(prefill)
            """
        }
        let catalog = try CatalogLoader().loadConnector(yaml: yaml("{kind: slack-manifest, userScopes: [search:read]}"), file: "demo.connector.yaml")
        #expect(catalog.connector.methods[0].prefill == Prefill(kind: .slackManifest, userScopes: ["search:read"]))
        let template = try CatalogLoader().loadConnector(yaml: yaml("{kind: template, url: \"https://x.example/new?s={scopes}\", separator: pipe, encoding: form}"), file: "demo.connector.yaml")
        #expect(template.connector.methods[0].prefill == Prefill(kind: .template, template: "https://x.example/new?s={scopes}", separator: .pipe, encoding: .form))
        #expect(Fixtures.loadErrors(yaml("slack")).map(\.description).contains { $0.contains("slack") && $0.contains("slack-manifest") })
        #expect(Fixtures.loadErrors(yaml("{kind: template, url: \"https://x.example/new\"}")).map(\.description).contains { $0.contains("exactly one {scopes}") })
        #expect(Fixtures.loadErrors(yaml("{kind: template}")).map(\.description).contains { $0.contains("url") })
        #expect(Fixtures.loadErrors(yaml("{kind: template, url: \"http://x.example/{scopes}\"}")).count == 1)
        #expect(Fixtures.loadErrors(yaml("{kind: slack-manifest, userScope: [search:read]}")).map(\.description).contains { $0.contains("userScopes") })
        #expect(Fixtures.loadErrors(yaml("{kind: slack-manifest, userScopes: [nope]}")).map(\.description).contains { $0.contains("nope") })
        #expect(Fixtures.loadErrors(yaml("{kind: template, url: \"https://x.example/{scopes}\", encoding: base64}")).map(\.description).contains { $0.contains("base64") })
    }
}
