import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// SPEC §2's step/section visibility, display scopes, badges and step numbering.
@Suite struct TailoredGuideTests {
    private static let method = AuthMethod(key: "apiToken", kind: .custom, label: "API Token")

    /// Labels chosen so that code-point order (`E\u{301}tude` < `Zeta` < `alpha` < `Émile`) differs
    /// from both alphabetical order and Swift's `<` on `String` (which compares `É` forms alike).
    private static let connector = Connector(
        key: "crm", name: "CRM",
        scopeDefinitions: [
            ScopeDefinition(scope: "contacts:read"),
            ScopeDefinition(scope: "contacts:write", includes: ["contacts:read"]),
            ScopeDefinition(scope: "deals:read"),
            ScopeDefinition(scope: "deals:write", includes: ["deals:read"]),
            ScopeDefinition(scope: "events:*:read"),
        ],
        actions: [
            Action(id: "list_contacts", label: "alpha", requirement: Requirement(allOf: ["contacts:read"])),
            Action(id: "update_contacts", label: "Zeta", requirement: Requirement(allOf: ["contacts:write"])),
            Action(id: "list_deals", label: "Émile", requirement: Requirement(allOf: ["deals:read"])),
            Action(id: "update_deals", label: "E\u{301}tude", requirement: Requirement(allOf: ["deals:write"])),
            Action(id: "inbox_events", label: "Inbox events", requirement: Requirement(allOf: ["events:inbox:read"])),
        ],
        methods: [method])

    private static let guide = Guide(sections: [
        Section(title: "Create a token", steps: [
            Step(title: "Open settings"),
            Step(title: "Contacts", scopes: ["contacts:read", "contacts:write"], displayScopes: ["contacts:write", "contacts:read"]),
            Step(title: "Deals", scopes: ["deals:read", "deals:write"]),
            Step(title: "Deal reports", scopes: ["deals:read"]),
            Step(title: "Events", scopes: ["events:*:read"]),
            Step(title: "Inbox events", scopes: ["events:inbox:read"]),
            Step(title: "Shown everywhere", scopes: [], displayScopes: ["contacts:read"]),
        ]),
        Section(title: "Pipelines", scopes: ["deals:write"], steps: [
            Step(title: "Enable pipelines", scopes: ["deals:write"]),
            Step(title: "Pipeline webhooks", scopes: ["deals:write"]),
        ]),
        Section(title: "Contact sync", scopes: ["contacts:write"]),
        Section(title: "Done", content: "You are all set."),
    ])

    private static func tailor(_ ids: [ActionID], method: AuthMethod = method) throws -> TailoredGuide {
        let resolver = Resolver(connector: connector)
        let resolution = resolver.resolve(try Selection(ids, in: connector), for: method)
        return TailoredGuide(connector: connector, method: method, kind: .config, guide: guide, resolution: resolution, graph: resolver.graph)
    }

    /// `section title/step number. step title` for every visible step; sections without steps as their title.
    private static func outline(_ tailored: TailoredGuide) -> [String] {
        tailored.sections.flatMap { section in
            section.steps.isEmpty ? [section.section.title] : section.steps.map { "\(section.section.title)/\($0.number). \($0.step.title)" }
        }
    }

    private static func step(_ title: String, in tailored: TailoredGuide) throws -> TailoredGuide.TailoredStep {
        try #require(tailored.sections.flatMap(\.steps).first { $0.step.title == title }, "step \(title) is not visible")
    }

    // MARK: Visibility and numbering

    @Test("the empty selection shows every section and step, numbered from 1 in each section")
    func emptySelectionShowsEverything() throws {
        let tailored = try Self.tailor([])
        #expect(Self.outline(tailored) == [
            "Create a token/1. Open settings", "Create a token/2. Contacts", "Create a token/3. Deals",
            "Create a token/4. Deal reports", "Create a token/5. Events", "Create a token/6. Inbox events",
            "Create a token/7. Shown everywhere",
            "Pipelines/1. Enable pipelines", "Pipelines/2. Pipeline webhooks",
            "Contact sync", "Done",
        ])
    }

    @Test("a selection hides steps and sections whose scopes miss M; numbers count visible steps only")
    func selectionHidesUnrelatedSteps() throws {
        let tailored = try Self.tailor(["list_deals"])
        #expect(tailored.resolution.scopes == ["deals:read"])
        #expect(Self.outline(tailored) == [
            "Create a token/1. Open settings", "Create a token/2. Deals", "Create a token/3. Deal reports",
            "Create a token/4. Shown everywhere", "Done",
        ])
    }

    @Test("numbering restarts in each section")
    func numberingRestartsPerSection() throws {
        let tailored = try Self.tailor(["list_contacts", "update_deals"])
        #expect(tailored.resolution.scopes == ["contacts:read", "deals:write"])
        #expect(Self.outline(tailored) == [
            "Create a token/1. Open settings", "Create a token/2. Contacts", "Create a token/3. Deals",
            "Create a token/4. Deal reports", "Create a token/5. Shown everywhere",
            "Pipelines/1. Enable pipelines", "Pipelines/2. Pipeline webhooks", "Done",
        ])
    }

    @Test("scopes meet M through grants: includes and wildcards")
    func visibilityThroughGrants() throws {
        // deals:write includes deals:read, so "Deal reports" (deals:read) is visible.
        let deals = try Self.tailor(["update_deals"])
        #expect(try Self.step("Deal reports", in: deals).number == 3)
        // events:*:read grants the undefined events:inbox:read of "Inbox events".
        let events = try Self.tailor(["inbox_events"])
        #expect(Self.outline(events) == [
            "Create a token/1. Open settings", "Create a token/2. Events", "Create a token/3. Inbox events",
            "Create a token/4. Shown everywhere", "Done",
        ])
        // A section without steps shows when its own scopes meet M.
        let contacts = try Self.tailor(["update_contacts"])
        #expect(contacts.sections.map(\.section.title) == ["Create a token", "Contact sync", "Done"])
    }

    // MARK: Display scopes

    @Test("display scopes are displayScopes ∩ M in step order, all of them with nothing selected")
    func displayScopes() throws {
        let everything = try Self.tailor([])
        #expect(try Self.step("Contacts", in: everything).displayScopes == ["contacts:write", "contacts:read"])
        #expect(try Self.step("Inbox events", in: everything).displayScopes == ["events:inbox:read"])

        let both = try Self.tailor(["list_contacts", "list_deals"])
        #expect(try Self.step("Contacts", in: both).displayScopes == ["contacts:read"])
        #expect(try Self.step("Deals", in: both).displayScopes == ["deals:read"])

        // Granted but not in M: visible, yet nothing to display.
        let writer = try Self.tailor(["update_deals"])
        #expect(try Self.step("Deals", in: writer).displayScopes == ["deals:write"])
        #expect(try Self.step("Deal reports", in: writer).displayScopes == [])
        // The wildcard is in M; the concrete scope it grants is not.
        let events = try Self.tailor(["inbox_events"])
        #expect(try Self.step("Events", in: events).displayScopes == ["events:*:read"])
        #expect(try Self.step("Inbox events", in: events).displayScopes == [])
    }

    // MARK: Badges

    @Test("badges list selected actions whose chosen alternative needs a displayed scope, by code point")
    func badgesForSelection() throws {
        let tailored = try Self.tailor(["list_contacts", "update_contacts", "list_deals", "update_deals"])
        #expect(tailored.resolution.scopes == ["contacts:write", "deals:write"])
        // contacts:write is displayed and grants the contacts:read that "alpha" needs.
        #expect(try Self.step("Contacts", in: tailored).badge == ["Zeta", "alpha"])
        #expect(try Self.step("Deals", in: tailored).badge == ["E\u{301}tude", "Émile"])
        // Nothing displayed, no badge; no scopes, no badge even with display scopes.
        #expect(try Self.step("Deal reports", in: tailored).badge == [])
        #expect(try Self.step("Open settings", in: tailored).badge == [])
        #expect(try Self.step("Shown everywhere", in: tailored).badge == [])
        // Only selected actions count.
        let one = try Self.tailor(["update_contacts"])
        #expect(try Self.step("Contacts", in: one).badge == ["Zeta"])
    }

    @Test("with nothing selected, badges cover every action, in code-point order")
    func badgesForEmptySelection() throws {
        let tailored = try Self.tailor([])
        #expect(try Self.step("Contacts", in: tailored).badge == ["Zeta", "alpha"])
        #expect(try Self.step("Deals", in: tailored).badge == ["E\u{301}tude", "Émile"])
        #expect(try Self.step("Deal reports", in: tailored).badge == ["Émile"])
        #expect(try Self.step("Events", in: tailored).badge == ["Inbox events"])
        // The step displays exactly the (undefined, wildcard-granted) scope the action needs.
        #expect(try Self.step("Inbox events", in: tailored).badge == ["Inbox events"])
    }

    @Test("code-point order differs from String's < and from alphabetical order")
    func codePointOrder() {
        let labels = ["Émile", "alpha", "Zeta", "E\u{301}tude"]
        #expect(labels.sorted(by: TailoredGuide.codePointOrder) == ["E\u{301}tude", "Zeta", "alpha", "Émile"])
        #expect(labels.sorted() != labels.sorted(by: TailoredGuide.codePointOrder))
        #expect(!TailoredGuide.codePointOrder("Émile", "E\u{301}mile"))
        #expect(TailoredGuide.codePointOrder("E\u{301}mile", "Émile"))
    }

    @Test("defaultScopes: the empty selection still shows the full guide")
    func defaultScopesShowFullGuide() throws {
        let oauth = AuthMethod(key: "oauth", kind: .oauth2, label: "OAuth", defaultScopes: ["contacts:read"])
        let tailored = try Self.tailor([], method: oauth)
        #expect(tailored.resolution.scopes == ["contacts:read"])
        #expect(Self.outline(tailored).count == 11)
        #expect(try Self.step("Deals", in: tailored).displayScopes == ["deals:read", "deals:write"])
    }
}
