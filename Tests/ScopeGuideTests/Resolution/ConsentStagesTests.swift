import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Consent in stages (`--stages`, `stages=`): each stage resolved with the stages before it
/// granted, under the method's grant change; the guide's and the JSON's words for it.
@Suite struct ConsentStagesTests {
    private func request(_ connector: String, stages: String, granted: [String] = [], refused: [String] = []) throws -> GuideRequest {
        var request = try Fixtures.catalog.guide(connector: connector)
        try request.setStages(stages.split(separator: ";", omittingEmptySubsequences: false).map { $0.split(separator: ",").map { ActionID(String($0)) } })
        try request.setConstraints(granted: granted, refused: refused)
        return request
    }

    @Test("Front (new token per change): stage 2 asks for a new token with all three scopes, not the two it adds")
    func frontStages() throws {
        let request = try request("front", stages: "front_list_conversations;front_create_contact,front_send_message")
        let plan = try #require(Tailor(catalog: Fixtures.catalog).guide(for: request).stages)
        #expect(plan.stages.map(\.actions) == [["front_list_conversations"], ["front_create_contact", "front_send_message"]])
        #expect(plan.stages[0].request == ["conversations:read"] && plan.stages[0].grantBefore.isEmpty)
        #expect(plan.stages[1].grantBefore == ["conversations:read"])
        #expect(plan.stages[1].request == ["contacts:write", "conversations:read", "messages:send"])
        #expect(plan.stages[1].add == ["contacts:write", "messages:send"])
        #expect(plan.finalGrant == ["contacts:write", "conversations:read", "messages:send"])
        #expect(plan.allAtOnce == plan.finalGrant)
        let markdown = GuideRenderer(catalog: Fixtures.catalog).render(request, as: .markdown)
        #expect(markdown.contains("## Consent in stages"))
        #expect(markdown.contains("**Stage 2: Create Contact, Send Message** — create a new credential with contacts:write conversations:read messages:send and replace the old one (adds contacts:write messages:send)."))
        #expect(markdown.contains("**In total:** 3 scopes after 2 consents in 2 stages; the same number as asking for every action at once."))
        let html = GuideRenderer(catalog: Fixtures.catalog).render(request, as: .html)
        #expect(html.contains("<h2>Consent in stages</h2>") && html.contains("data-guide-stages"))
    }

    @Test("Capsule (authorize again replaces the grant): with read granted, stage 1 asks for nothing and stage 2 for read and write")
    func capsuleStages() throws {
        let request = try request("capsule", stages: "capsule_list_parties;capsule_create_party", granted: ["read"])
        let plan = try #require(Tailor(catalog: Fixtures.catalog).guide(for: request).stages)
        #expect(!plan.stages[0].needsConsent && plan.stages[0].request.isEmpty && plan.stages[0].grantAfter == ["read"])
        #expect(plan.stages[1].request == ["read", "write"] && plan.stages[1].add == ["write"])
        let report = ResolutionReport(Tailor(catalog: Fixtures.catalog).guide(for: request), url: request.url)
        let stages = try #require(report.stages)
        #expect(stages[0].authorizeURL == nil)
        let authorize = try #require(stages[1].authorizeURL)
        #expect(authorize.contains("scope=read+write&"))
        #expect(report.stagesTotal?.finalGrant == ["read", "write"])
    }

    @Test("Gmail (incremental): each stage asks only for what it adds, with include_granted_scopes")
    func gmailStages() throws {
        let request = try request("gmail", stages: "gmail_users_messages_list;gmail_users_messages_send")
        let report = ResolutionReport(Tailor(catalog: Fixtures.catalog).guide(for: request), url: request.url)
        let stages = try #require(report.stages)
        #expect(stages[1].request == ["https://www.googleapis.com/auth/gmail.send"])
        #expect(stages[1].grantBefore == stages[0].request)
        #expect(stages.allSatisfy { $0.authorizeURL?.hasSuffix("&include_granted_scopes=true") == true })
    }

    @Test("stages= round-trips in canonical form beside actions=, and bad stages are errors naming the stage")
    func dynamicURL() throws {
        let catalog = Fixtures.catalog
        let base = "https://docs.stackone.com/connectors/front/guides/link-account/api-token"
        let parsed = try GuideRequest(parsing: base + "?stages=front_send_message,front_list_conversations;%20front_create_contact", in: catalog)
        let canonical = base + "?actions=front_list_conversations,front_create_contact,front_send_message&stages=front_list_conversations,front_send_message;front_create_contact"
        #expect(parsed.url.description == canonical)
        #expect(try GuideRequest(parsing: canonical, in: catalog).url.description == canonical)
        #expect(parsed.stages.count == 2)
        // One stage is asking at once.
        #expect(try GuideRequest(parsing: base + "?stages=front_send_message", in: catalog).url.description == base + "?actions=front_send_message")
        func error(_ query: String) -> GuideURLError? {
            do { _ = try GuideRequest(parsing: base + "?" + query, in: catalog); return nil } catch { return error }
        }
        #expect(error("stages=front_send_message;;front_list_tags") == .emptyStage(2))
        #expect(error("stages=front_send_message;front_send_message") == .actionInTwoStages("front_send_message", first: 1, second: 2))
        #expect(error("actions=front_list_tags&stages=front_send_message;front_list_conversations")
            == .stagesDisagreeWithActions(["front_list_tags", "front_list_conversations", "front_send_message"]))
        #expect(error("actions=front_send_message,front_list_conversations&stages=front_send_message;front_list_conversations") == nil)
        guard case .unknownActions(let unknown, _)? = error("stages=front_send_message;front_sned_message") else {
            Issue.record("an unknown id in a stage is an unknown action"); return
        }
        #expect(unknown.map(\.id) == ["front_sned_message"])
    }

    @Test("each stage is optimal given the stages before it (brute force, 400 random catalogues, every grant change)")
    func matchesBruteForce() throws {
        var generator = SeededGenerator(seed: 0x57A6_E5)
        var failures = 0, checkedStages = 0
        for index in 0..<400 {
            var connector = ResolverPropertyTests.randomConnector(&generator, index: index)
            while connector.actions.count < 2 { connector = ResolverPropertyTests.randomConnector(&generator, index: index) }
            if index % 2 == 0 {
                connector.scopeDefinitions = connector.scopeDefinitions.map { definition in
                    var definition = definition
                    definition.privilege = Int.random(in: 1...3, using: &generator)
                    return definition
                }
            }
            let change = GrantChange.allCases[index % GrantChange.allCases.count]
            connector.methods[0].declaredGrantChange = change
            let defined = connector.scopeDefinitions.map(\.scope)
            let refused = Array(defined.shuffled(using: &generator).prefix(Int.random(in: 0...1, using: &generator)))
            let granted = Array(defined.filter { !refused.contains($0) }.shuffled(using: &generator).prefix(Int.random(in: 0...1, using: &generator)))
            let ids = connector.actions.map(\.id).shuffled(using: &generator).prefix(Int.random(in: 2...min(5, connector.actions.count), using: &generator))
            let cut = Int.random(in: 1..<ids.count, using: &generator)
            let stages = [try Selection(ids.prefix(cut), in: connector), try Selection(ids.dropFirst(cut), in: connector)]
            let plan = Resolver(connector: connector).plan(stages: stages, for: connector.methods[0], constraints: ScopeConstraints(granted: granted, refused: refused))
            let oracle = ConstrainedOracle(connector)
            var grant = granted
            var cumulative: [ActionID] = []
            for stage in plan.stages {
                cumulative += stage.actions
                let actions = try Selection(cumulative, in: connector).actions.map { connector.action($0)! }
                #expect(stage.grantBefore == grant)
                let kept = oracle.answer(for: actions, constraints: ScopeConstraints(granted: grant, refused: refused))
                let expected: [Scope]
                if change.replacesGrant, !grant.isEmpty {
                    // Asked for again: the minimum for every action that can be enabled, from nothing.
                    let needed = actions.filter { !kept.unavailable.contains($0.id) && !$0.requirement.isEmpty }
                    expected = kept.add.isEmpty && kept.enabled.count + kept.unavailable.count == actions.count
                        ? [] : oracle.answer(for: needed, constraints: ScopeConstraints(refused: refused)).add
                } else {
                    expected = kept.add
                }
                checkedStages += 1
                if stage.request != expected || !stage.resolution.isOptimal {
                    failures += 1
                    Issue.record("\(change) stage \(stage.actions): \(stage.request) != \(expected)\ngrant \(grant) refused \(refused)\n\(connector)")
                }
                // After the stage, every staged action that can be enabled is.
                let closure = oracle.base.grantedScopes(stage.grantAfter)
                for action in actions where !kept.unavailable.contains(action.id) {
                    if !(action.requirement.isEmpty || action.requirement.alternatives.contains { $0.allSatisfy(closure.contains) }) {
                        failures += 1
                        Issue.record("\(change): \(action.id) not enabled after its stage by \(stage.grantAfter)\n\(connector)")
                    }
                }
                grant = stage.grantAfter
                if failures >= 5 { return }
            }
        }
        #expect(checkedStages == 800)
    }

    @Test("Front with conversations:read granted: a new token with all three scopes, in the guide's own words, and the JSON's request")
    func frontAcceptance() throws {
        var request = try Fixtures.catalog.guide(connector: "front")
        try request.select(["front_list_conversations", "front_create_contact", "front_send_message"])
        try request.setConstraints(granted: ["conversations:read"], refused: [])
        let renderer = GuideRenderer(catalog: Fixtures.catalog)
        let report = ResolutionReport(renderer.tailor.guide(for: request), url: request.url)
        #expect(report.grant?.grantChange == "new-credential")
        #expect(report.grant?.request == ["contacts:write", "conversations:read", "messages:send"])
        let markdown = renderer.render(request, as: .markdown)
        #expect(markdown.contains("contacts:write conversations:read messages:send\n```"))
        #expect(markdown.contains("**Re-consent:** needed: Front cannot change an existing token's permissions. Create a new API token with every scope to grant"))
        #expect(markdown.contains("then delete the old token"))
        #expect(markdown.contains("## Create an API Token"))
        let page = renderer.render(request, as: .html)
        #expect(page.contains("\"grantChangeText\":\"Front cannot change"))
    }

    @Test("Everything already granted: the guide says nothing needs to change and shows no creation step")
    func nothingToChange() throws {
        var request = try Fixtures.catalog.guide(connector: "front")
        try request.select(["front_list_conversations", "front_send_message"])
        try request.setConstraints(granted: ["conversations:read", "messages:send"], refused: [])
        let tailored = Tailor(catalog: Fixtures.catalog).guide(for: request)
        #expect(tailored.sections.isEmpty)
        let markdown = GuideRenderer(catalog: Fixtures.catalog).render(request, as: .markdown)
        #expect(markdown.contains("**Scopes to grant:** none: nothing needs to change at the provider."))
        #expect(!markdown.contains("Create an API Token") && !markdown.contains("Create Token"))
        #expect(markdown.contains("**Re-consent:** not needed"))
        // With one action left to enable, the steps are back.
        try request.select(["front_list_conversations", "front_create_contact"])
        #expect(GuideRenderer(catalog: Fixtures.catalog).render(request, as: .markdown).contains("Create an API Token"))
    }
}
