import Testing
@testable import ScopeGuide

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
}
