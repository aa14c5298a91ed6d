import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Privilege levels, existing grants and refused scopes: against a brute-force oracle on random
/// catalogues, and on the cases a security reviewer asks about.
@Suite struct LeastPrivilegeTests {
    // MARK: Cases

    static func connector(_ definitions: [ScopeDefinition], actions: [(String, [[Scope]])]) -> Connector {
        Connector(
            key: "files", name: "Files", scopeDefinitions: definitions,
            actions: actions.map { Action(id: ActionID($0.0), label: $0.0, requirement: Requirement(alternatives: $0.1)) },
            methods: [AuthMethod(key: "oauth", kind: .oauth2, label: "OAuth")])
    }

    @Test("a level-3 scope loses to a level-2 one of the same size; without levels, definition order decides as before")
    func levelsBreakTies() throws {
        let actions = [("read_file", [["files.read.all"], ["files.readwrite"]] as [[Scope]])]
        let levelled = Self.connector([
            ScopeDefinition(scope: "files.read.all", privilege: 3), ScopeDefinition(scope: "files.readwrite", privilege: 2),
        ], actions: actions)
        let plain = Self.connector([ScopeDefinition(scope: "files.read.all"), ScopeDefinition(scope: "files.readwrite")], actions: actions)
        for (connector, expected) in [(levelled, ["files.readwrite"]), (plain, ["files.read.all"])] as [(Connector, [Scope])] {
            let resolver = Resolver(connector: connector)
            let resolution = resolver.resolve(try Selection(["read_file"], in: connector), for: connector.methods[0])
            #expect(resolution.scopes == expected)
        }
    }

    @Test("one high-level scope costs more than any number of lower ones: two level-1 scopes beat one level-2 scope")
    func higherLevelFirst() throws {
        let connector = Self.connector([
            ScopeDefinition(scope: "directory.write", privilege: 2),
            ScopeDefinition(scope: "user.read"), ScopeDefinition(scope: "files.write"),
        ], actions: [
            ("profile", [["directory.write"], ["user.read"]]),
            ("upload", [["directory.write"], ["files.write"]]),
        ])
        let resolution = Resolver(connector: connector).resolve(try Selection(["profile", "upload"], in: connector), for: connector.methods[0])
        #expect(resolution.scopes == ["user.read", "files.write"])
        let plain = Self.connector(connector.scopeDefinitions.map { ScopeDefinition(scope: $0.scope) }, actions: [
            ("profile", [["directory.write"], ["user.read"]]), ("upload", [["directory.write"], ["files.write"]]),
        ])
        #expect(Resolver(connector: plain).resolve(try Selection(["profile", "upload"], in: plain), for: plain.methods[0]).scopes == ["directory.write"])
    }

    @Test("Front (a new token replaces the old): the grant enables listing, and the new token must hold it as well as messages:send")
    func frontGrant() throws {
        let front = Fixtures.front
        #expect(front.methods[0].grantChange == .newCredential)
        let selection = try Selection(["front_send_message", "front_list_conversations"], in: front)
        let resolution = Resolver(connector: front).resolve(selection, for: front.methods[0], constraints: ScopeConstraints(granted: ["conversations:read"]))
        let grant = try #require(resolution.grant)
        // Asking for messages:send alone would swap in a token without conversations:read.
        #expect(grant.request == ["conversations:read", "messages:send"])
        #expect(resolution.scopes == grant.request)
        #expect(grant.add == ["messages:send"])
        #expect(grant.drop.isEmpty)
        #expect(grant.reconsent)
        #expect(grant.enabled == ["front_list_conversations"])
        #expect(resolution.pending == ["front_list_conversations", "front_send_message"])
        // A grant that covers everything: nothing to add, no consent; a scope nothing needs would be dropped.
        let covered = Resolver(connector: front).resolve(selection, for: front.methods[0],
            constraints: ScopeConstraints(granted: ["conversations:read", "messages:send", "tags:write"]))
        #expect(covered.grant?.add == [] && covered.grant?.reconsent == false)
        #expect(covered.grant?.drop == ["tags:write"])

        // Where the credential is edited in place, only the addition is asked for.
        var editable = front
        editable.methods[0].declaredGrantChange = .edit
        let edited = Resolver(connector: editable).resolve(selection, for: editable.methods[0], constraints: ScopeConstraints(granted: ["conversations:read", "tags:write"]))
        #expect(edited.scopes == ["messages:send"] && edited.grant?.request == ["messages:send"] && edited.grant?.add == ["messages:send"])
        #expect(edited.grant?.drop == ["tags:write"] && edited.grant?.unneeded == ["tags:write"])
    }

    @Test("Front: refusing messages:send leaves sending unavailable, reported, not an error")
    func frontRefusal() throws {
        let front = Fixtures.front
        let selection = try Selection(["front_send_message", "front_list_tags"], in: front)
        let resolution = Resolver(connector: front).resolve(selection, for: front.methods[0], constraints: ScopeConstraints(refused: ["messages:send"]))
        #expect(resolution.unavailable == ["front_send_message"])
        #expect(resolution.scopes == ["tags:read"])
        #expect(resolution.grant == nil)
    }

    @Test("a refused scope that another alternative can replace is replaced; a scope including a refused one is refused too")
    func refusalReplaced() throws {
        let connector = Self.connector([
            ScopeDefinition(scope: "admin", includes: ["write"]), ScopeDefinition(scope: "write"), ScopeDefinition(scope: "send"),
        ], actions: [("post", [["write"], ["send"]]), ("manage", [["admin"]])])
        let resolver = Resolver(connector: connector)
        let selection = try Selection(["post", "manage"], in: connector)
        #expect(resolver.resolve(selection, for: connector.methods[0]).scopes == ["admin"])
        let refused = resolver.resolve(selection, for: connector.methods[0], constraints: ScopeConstraints(refused: ["write"]))
        #expect(refused.scopes == ["send"])
        #expect(refused.unavailable == ["manage"])
    }

    // MARK: Against the oracle

    @Test("levels, grants and refusals equal the brute-force optimum on random catalogues")
    func matchesBruteForce() throws {
        var generator = SeededGenerator(seed: 0x1EA5_7B_21)
        var failures = 0
        var constrained = 0
        for index in 0..<600 {
            var connector = ResolverPropertyTests.randomConnector(&generator, index: index)
            if index % 3 != 0 {
                connector.scopeDefinitions = connector.scopeDefinitions.map { definition in
                    var definition = definition
                    definition.privilege = Int.random(in: 1...4, using: &generator)
                    return definition
                }
            }
            let defined = connector.scopeDefinitions.map(\.scope)
            let granted = Array(defined.shuffled(using: &generator).prefix(Int.random(in: 0...2, using: &generator)))
            let refused = Array(defined.shuffled(using: &generator).prefix(Int.random(in: 0...2, using: &generator)))
            let constraints = ScopeConstraints(granted: granted, refused: refused)
            var ids = connector.actions.map(\.id).filter { _ in Bool.random(using: &generator) }
            if ids.isEmpty { ids = [connector.actions[0].id] }
            let selection = try Selection(ids, in: connector)
            connector.methods[0].declaredGrantChange = GrantChange.allCases[index % GrantChange.allCases.count]
            let resolution = Resolver(connector: connector).resolve(selection, for: connector.methods[0], constraints: constraints)
            let expected = ConstrainedOracle(connector).answer(for: selection.actions.map { connector.action($0)! }, constraints: constraints)
            if connector.methods[0].grantChange.replacesGrant, !granted.isEmpty {
                // Everything asked for again: the minimum for every action that can be enabled,
                // with nothing granted; what was granted and is not requested is dropped.
                let oracle = ConstrainedOracle(connector)
                let needed = selection.actions.filter { !expected.unavailable.contains($0) }.map { connector.action($0)! }.filter { !$0.requirement.isEmpty }
                let request = oracle.answer(for: needed, constraints: ScopeConstraints(granted: [], refused: refused)).add
                let grantedClosure = oracle.base.grantedScopes(granted.filter { scope in !oracle.base.grantedScopes([scope]).contains { refused.contains($0) } })
                let requestClosure = oracle.base.grantedScopes(request)
                let got = resolution.grant
                let drop = defined.filter { granted.contains($0) && !requestClosure.contains($0) && !oracle.base.grantedScopes([$0]).contains { refused.contains($0) } }
                // A grant that already enables every selected action is kept: nothing is added.
                let nothingPending = expected.enabled.count + expected.unavailable.count == selection.actions.count
                let add = nothingPending ? [] : request.filter { !grantedClosure.contains($0) }
                if resolution.scopes != request || got?.add != add || got?.drop != drop
                    || got?.enabled != expected.enabled || resolution.unavailable != expected.unavailable || !resolution.isOptimal {
                    failures += 1
                    Issue.record("replace: \(resolution.scopes) \(String(describing: got)) != request \(request), drop \(drop)\nconstraints: \(constraints)\nselection: \(selection.actions)\n\(connector)")
                }
                if failures >= 5 { return }
                continue
            }
            if !constraints.isEmpty { constrained += 1 }
            let got = ConstrainedOracle.Answer(
                add: resolution.scopes, enabled: resolution.grant?.enabled ?? [], unavailable: resolution.unavailable,
                unneeded: resolution.grant?.unneeded ?? [])
            if constraints.isEmpty {
                // Levels only: the plain resolution, which the oracle scores the same way.
                if resolution.scopes != expected.add { failures += 1; Issue.record("levels: \(resolution.scopes) != \(expected.add) for \(connector)") }
            } else if got != expected || !resolution.isOptimal {
                failures += 1
                Issue.record("\(got) != \(expected)\nconstraints: \(constraints)\nselection: \(selection.actions)\n\(connector)")
            }
            if failures >= 5 { return }
        }
        #expect(constrained > 300)
    }
}

/// The objective by enumeration: every subset of the defined scopes not refused (a scope whose
/// grant closure holds a refused scope is refused), added to the existing grant's closure,
/// scored by the new scopes' counts per privilege level from the top, then the subset's size,
/// then its authority (the catalogue actions the whole grant enables), then its definition indices.
struct ConstrainedOracle {
    struct Answer: Equatable, CustomStringConvertible {
        var add: [Scope]
        var enabled: [ActionID]
        var unavailable: [ActionID]
        var unneeded: [Scope]
        var description: String { "add \(add), enabled \(enabled), unavailable \(unavailable), unneeded \(unneeded)" }
    }

    let base: BruteForce
    let levels: [Int]

    init(_ connector: Connector) {
        base = BruteForce(connector)
        let privilege = Dictionary(uniqueKeysWithValues: connector.scopeDefinitions.map { ($0.scope, $0.privilege) })
        levels = base.universe.map { privilege[$0] ?? 1 }
    }

    private func bits(_ scopes: [Scope]) -> UInt32 { scopes.reduce(0) { $0 | 1 << UInt32(base.index[$1]!) } }
    private func closure(_ scopes: [Scope]) -> UInt32 { scopes.reduce(0) { $0 | base.grants[base.index[$1]!] } }
    private func closure(subset: UInt32) -> UInt32 {
        (0..<base.definedCount).reduce(UInt32(0)) { subset & (1 << UInt32($1)) != 0 ? $0 | base.grants[$1] : $0 }
    }

    func answer(for actions: [Action], constraints: ScopeConstraints) -> Answer {
        let refused = bits(constraints.refused)
        let granted = constraints.granted.filter { base.grants[base.index[$0]!] & refused == 0 }
        let existing = closure(granted)
        let allowed = (0..<base.definedCount).filter { base.grants[$0] & refused == 0 }
        let reachable = allowed.reduce(existing) { $0 | base.grants[$1] }
        let needs = actions.map { action in action.requirement.alternatives.map { bits($0) } }
        var enabled: [Int] = [], unavailable: [Int] = [], pending: [Int] = []
        for (position, alternatives) in needs.enumerated() {
            if alternatives.contains(where: { $0 & existing == $0 }) { enabled.append(position) }
            else if !alternatives.contains(where: { $0 & reachable == $0 }) { unavailable.append(position) }
            else { pending.append(position) }
        }
        let allowedMask = allowed.reduce(UInt32(0)) { $0 | 1 << UInt32($1) }
        var best: (score: [Int], subset: UInt32)?
        for subset in UInt32(0)..<(1 << UInt32(base.definedCount)) where subset & ~allowedMask == 0 {
            let granted = existing | closure(subset: subset)
            guard pending.allSatisfy({ p in needs[p].contains { $0 & granted == $0 } }) else { continue }
            let new = granted & ~existing
            let counts = (1...9).reversed().map { level in (0..<base.universe.count).count { new & (1 << UInt32($0)) != 0 && levels[$0] == level } }
            let score = counts + [subset.nonzeroBitCount, base.authority(of: granted)]
            if let current = best {
                if score.lexicographicallyPrecedes(current.score) == false, score != current.score { continue }
                if score == current.score {
                    let difference = subset ^ current.subset
                    if current.subset & (1 << UInt32(difference.trailingZeroBitCount)) != 0 { continue }
                }
            }
            best = (score, subset)
        }
        let chosen = (0..<base.definedCount).filter { best!.subset & (1 << UInt32($0)) != 0 }
        // Revocable grants: dropped one by one from the last while every enabled or pending action stays granted.
        var kept = granted
        var unneeded: [Scope] = []
        for scope in granted.reversed() {
            let rest = closure(kept.filter { $0 != scope }) | closure(subset: best!.subset)
            if (enabled + pending).allSatisfy({ p in needs[p].contains { $0 & rest == $0 } }) {
                kept.removeAll { $0 == scope }
                unneeded.append(scope)
            }
        }
        let order = { (scopes: [Scope]) in scopes.sorted { base.index[$0]! < base.index[$1]! } }
        return Answer(
            add: chosen.map { base.universe[$0] },
            enabled: constraints.granted.isEmpty ? [] : enabled.map { actions[$0].id },
            unavailable: unavailable.map { actions[$0].id },
            unneeded: order(unneeded))
    }
}

// MARK: - Every surface

extension LeastPrivilegeTests {
    @Test("granted= and without= round-trip canonically; unknown scopes have suggestions; a scope both granted and refused is an error")
    func dynamicURL() throws {
        let catalog = Fixtures.catalog
        let url = try GuideRequest(parsing: "https://docs.stackone.com/connectors/front/guides/link-account/api-token?without=messages:send&actions=front_send_message&granted=tags:read%20conversations:read;tags:read", in: catalog)
        #expect(url.constraints == ScopeConstraints(granted: ["conversations:read", "tags:read"], refused: ["messages:send"]))
        #expect(url.description == "https://docs.stackone.com/connectors/front/guides/link-account/api-token?actions=front_send_message&granted=conversations:read,tags:read&without=messages:send")
        #expect(try GuideRequest(parsing: url.description, in: catalog) == url)
        #expect(throws: GuideURLError.unknownScopes([.init(scope: "messages:sendd", suggestions: ["messages:send", "messages:read"])], connector: "front")) {
            try GuideRequest(parsing: url.description.replacingOccurrences(of: "without=messages:send", with: "without=messages:sendd"), in: catalog)
        }
        #expect(throws: GuideURLError.grantedAndRefused("tags:read")) {
            try GuideRequest(parsing: url.description + ",tags:read", in: catalog)
        }
    }

    @Test("the rendered guide says what is already granted, whether to consent again, and what is unavailable, in both formats")
    func renderedNotes() throws {
        let renderer = GuideRenderer(catalog: Fixtures.catalog)
        let url = try GuideRequest(parsing: "/connectors/front/guides/link-account/api-token?actions=front_send_message,front_list_conversations,front_list_tags&granted=conversations:read&without=tags:read", in: Fixtures.catalog)
        let markdown = renderer.render(url, as: .markdown)
        let html = renderer.render(url, as: .html)
        #expect(markdown.contains("**Already granted:** conversations:read (enables List Conversations)"))
        #expect(markdown.contains("**Re-consent:** needed: Front cannot change an existing token's permissions. Create a new API token with every scope to grant"))
        #expect(markdown.contains("**Unavailable:** List Tags"))
        #expect(markdown.contains("``` text\nconversations:read messages:send\n```"))
        #expect(html.contains("<strong>Already granted:</strong> conversations:read (enables List Conversations)"))
        #expect(html.contains("<strong>Unavailable:</strong> List Tags"))
        let json = renderer.render(url, as: .json)
        #expect(json.contains("\"unavailable\" : [\n    \"front_list_tags\"\n  ]"))
        #expect(json.contains("\"reconsent\" : true"))
    }

    @Test("with nothing to add and an action left unavailable, re-consent does not claim every action is enabled (issue 24)")
    func reconsentWithUnavailable() throws {
        let renderer = GuideRenderer(catalog: Fixtures.catalog)
        let url = try GuideRequest(parsing: "/connectors/front/guides/link-account/api-token?actions=front_send_message,front_list_conversations&granted=conversations:read&without=messages:send", in: Fixtures.catalog)
        let old = "not needed: the existing grant enables every selected action."
        let new = "not needed: the existing grant enables every selected action that can be enabled; the others need a refused scope."
        let markdown = renderer.render(url, as: .markdown), html = renderer.render(url, as: .html)
        #expect(markdown.contains("**Re-consent:** " + new) && !markdown.contains("**Re-consent:** " + old))
        // The page's script holds both texts; the rendered notes and report must say the new one.
        #expect(html.contains("<strong>Re-consent:</strong> " + new) && !html.contains("<strong>Re-consent:</strong> " + old))
        #expect(!html.contains(">" + old + "<"))
    }

    @Test("check warns when a scope includes one of a higher privilege level; the loader reads and refuses levels")
    func privilegeInGuides() throws {
        let yaml = """
            key: lv
            name: Levels
            scopeDefinitions:
              read: {privilege: 2}
              write: {includes: [read], privilege: 1}
            actions:
              - {id: lv_a, label: A, requiredScopes: write}
            authentication:
              - token:
                  type: custom
                  label: Token
                  support: {guides: {config: {sections: [{title: S, steps: [{title: T, scopes: [write, read]}]}]}}}
            """
        let connector = try CatalogLoader().loadConnector(yaml: yaml, file: "lv.connector.yaml").connector
        #expect(connector.scopeDefinitions.map(\.privilege) == [2, 1])
        #expect(Lint.findings(for: connector).contains { $0.kind == .includesHigherPrivilege("write", level: 1, included: "read", includedLevel: 2) })
        // The writer keeps levels.
        #expect(try CatalogLoader().loadConnector(yaml: ConnectorYAMLWriter.yaml(for: connector)).connector == connector)
        for bad in ["0", "10", "high", "[1]"] {
            let errors = Fixtures.loadErrors(yaml.replacingOccurrences(of: "{privilege: 2}", with: "{privilege: \(bad)}"))
            #expect(errors.map(\.keyPath) == ["scopeDefinitions.read.privilege"], "\(bad): \(errors)")
        }
    }
}
