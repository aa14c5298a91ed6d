import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Hand-written resolution cases, each checked against an answer worked out from SPEC §2.
@Suite struct ResolverTests {
    // MARK: Building connectors

    private static let token = AuthMethod(key: "apiToken", kind: .custom, label: "API Token")

    private static func scope(_ name: Scope, includes: [Scope] = []) -> ScopeDefinition {
        ScopeDefinition(scope: name, includes: includes)
    }

    private static func action(_ id: ActionID, _ alternatives: [[Scope]], label: String? = nil) -> Action {
        Action(id: id, label: label ?? id.rawValue, requirement: Requirement(alternatives: alternatives))
    }

    private static func connector(_ scopes: [ScopeDefinition], _ actions: [Action], methods: [AuthMethod] = [token]) -> Connector {
        Connector(key: "test", name: "Test", scopeDefinitions: scopes, actions: actions, methods: methods)
    }

    private static func resolve(_ connector: Connector, _ ids: [ActionID], method: AuthMethod = token, nodeBudget: Int = 200_000) throws -> Resolution {
        let resolver = Resolver(connector: connector, nodeBudget: nodeBudget)
        return resolver.resolve(try Selection(ids, in: connector), for: method)
    }

    // MARK: (1) includes

    @Test("write includes read: actions needing read and write resolve to [write]")
    func writeIncludesRead() throws {
        let c = Self.connector(
            [Self.scope("read"), Self.scope("write", includes: ["read"])],
            [Self.action("list", [["read"]]), Self.action("update", [["write"]])])
        let both = try Self.resolve(c, ["list", "update"])
        #expect(both.scopes == ["write"])
        #expect(both.isOptimal)
        #expect(both.granted == ["read", "write"])
        // Alone, the reading action needs only read.
        #expect(try Self.resolve(c, ["list"]).scopes == ["read"])
    }

    // MARK: (2) anyOf

    @Test("a wildcard grants what the scopes it matches include, so one wildcard can cover all")
    func wildcardGrantsIncludesOfMatches() throws {
        // ev:*:read matches ev:inbox:read, which includes b:read: holding the wildcard grants b:read.
        let connector = Self.connector(
            [Self.scope("ev:inbox:read", includes: ["b:read"]), Self.scope("b:read"), Self.scope("ev:*:read")],
            [Self.action("inbox", [["ev:inbox:read"]]), Self.action("team", [["ev:team:read"]]), Self.action("b", [["b:read"]])])
        let resolution = try Self.resolve(connector, ["inbox", "team", "b"])
        #expect(resolution.scopes == ["ev:*:read"])
        #expect(resolution.granted == ["ev:*:read", "ev:inbox:read", "ev:team:read", "b:read"])
    }

    @Test("anyOf [A, B] beside an action needing B resolves to [B]")
    func anyOfSharesTheScopeAnotherActionNeeds() throws {
        let c = Self.connector(
            [Self.scope("A"), Self.scope("B")],
            [Self.action("either", [["A"], ["B"]]), Self.action("onlyB", [["B"]])])
        let resolution = try Self.resolve(c, ["either", "onlyB"])
        #expect(resolution.scopes == ["B"])
        #expect(resolution.chosenAlternatives == ["either": ["B"], "onlyB": ["B"]])
        // Alone, the anyOf action takes its first scope in definition order.
        #expect(try Self.resolve(c, ["either"]).scopes == ["A"])
    }

    @Test("an all-of alternative inside anyOf needs every one of its scopes")
    func allOfGroupInsideAnyOf() throws {
        let c = Self.connector(
            [Self.scope("a"), Self.scope("b"), Self.scope("c")],
            [Self.action("x", [["a", "b"], ["c"]]), Self.action("y", [["a"]])])
        // {a, b} and {a, c} both grant two scopes with two members; [a, b] = [0, 1] precedes
        // [a, c] = [0, 2].
        #expect(try Self.resolve(c, ["x", "y"]).scopes == ["a", "b"])
        #expect(try Self.resolve(c, ["x"]).scopes == ["c"])
    }

    // MARK: (3) wildcards

    @Test("a wildcard grants an undefined concrete scope an action requires")
    func wildcardGrantsUndefinedConcreteScope() throws {
        let c = Self.connector(
            [Self.scope("contacts:read"), Self.scope("events:*:read"), Self.scope("events:*:write")],
            [Self.action("inbox_events", [["events:inbox:read"]]), Self.action("post_event", [["events:inbox:write"]])])
        let resolution = try Self.resolve(c, ["inbox_events"])
        #expect(resolution.scopes == ["events:*:read"])
        #expect(resolution.granted.contains("events:inbox:read"))
        #expect(!resolution.granted.contains("events:inbox:write"))
        #expect(resolution.chosenAlternatives["inbox_events"] == ["events:inbox:read"])
        #expect(resolution.explanation == [Resolution.Reason(scope: "events:*:read", actions: ["inbox_events"], authority: 1)])

        let graph = ScopeGraph(c)
        #expect(graph.grants(["events:*:read"], "events:inbox:read"))
        #expect(!graph.grants(["events:*:read"], "events:inbox:write"))
        #expect(!graph.grants(["contacts:read"], "events:inbox:read"))
    }

    @Test("a defined concrete scope is preferred to the wildcard that also grants it")
    func concreteScopeBeatsWildcard() throws {
        let c = Self.connector(
            [Self.scope("events:*:read"), Self.scope("events:inbox:read"), Self.scope("events:team:read")],
            [Self.action("inbox", [["events:inbox:read"]]), Self.action("team", [["events:team:read"]]),
             Self.action("archive", [["events:archive:read"]])])
        // The wildcard grants {*, inbox, team, archive}: 4 scopes against 1.
        #expect(try Self.resolve(c, ["inbox"]).scopes == ["events:inbox:read"])
        // Two concrete scopes (closure 2) still beat the wildcard (closure 4).
        #expect(try Self.resolve(c, ["inbox", "team"]).scopes == ["events:inbox:read", "events:team:read"])
        // Only the wildcard grants the undefined one, and it then covers the others too.
        #expect(try Self.resolve(c, ["inbox", "archive"]).scopes == ["events:*:read"])
    }

    // MARK: (4) transitive includes and least privilege

    @Test("includes are transitive: a includes b includes c")
    func transitiveIncludes() throws {
        let c = Self.connector(
            [Self.scope("c"), Self.scope("b", includes: ["c"]), Self.scope("a", includes: ["b"])],
            [Self.action("needsC", [["c"]]), Self.action("needsB", [["b"]]), Self.action("needsA", [["a"]])])
        let graph = ScopeGraph(c)
        #expect(graph.grants(["a"], "c"))
        #expect(!graph.grants(["c"], "a"))
        #expect(graph.granted(by: ["a"]) == ["c", "b", "a"])
        #expect(try Self.resolve(c, ["needsC", "needsA"]).scopes == ["a"])
        #expect(try Self.resolve(c, ["needsC", "needsB"]).scopes == ["b"])
        #expect(try Self.resolve(c, ["needsC"]).scopes == ["c"])
        let all = try Self.resolve(c, ["needsA", "needsB", "needsC"])
        #expect(all.scopes == ["a"])
        #expect(all.granted == ["a", "b", "c"])
    }

    @Test("least privilege beats fewer scopes: admin ⊃ {x, y, z}, actions need x and y → [x, y]")
    func leastPrivilegeBeatsFewerScopes() throws {
        let c = Self.connector(
            [Self.scope("admin", includes: ["x", "y", "z"]), Self.scope("x"), Self.scope("y"), Self.scope("z")],
            [Self.action("needsX", [["x"]]), Self.action("needsY", [["y"]]), Self.action("needsAdmin", [["admin"]])])
        #expect(try Self.resolve(c, ["needsX", "needsY"]).scopes == ["x", "y"])
        // Once admin is needed anyway, x and y are redundant beside it.
        #expect(try Self.resolve(c, ["needsX", "needsY", "needsAdmin"]).scopes == ["admin"])
    }

    @Test("with equal grant closures, fewer scopes win before definition order")
    func countBreaksClosureTies() throws {
        // p grants {p, t, z}; {t, q} grants {t, q, z2}: both 3, so one scope beats two even though
        // [t, q] = [0, 1] precedes [p] = [4].
        let c = Self.connector(
            [Self.scope("t"), Self.scope("q", includes: ["z2"]), Self.scope("z2"), Self.scope("z"), Self.scope("p", includes: ["t", "z"])],
            [Self.action("act", [["t", "q"], ["p"]])])
        #expect(try Self.resolve(c, ["act"]).scopes == ["p"])
    }

    @Test("actions with no candidate in common still interact through shared grants")
    func sharedGrantsCoupleActions() throws {
        // Alone, each action takes its earlier alternative (q, then t: two scopes each). Together,
        // p and r share s: {p, r, s} is 3 scopes against {q, u, t, v}'s 4.
        let c = Self.connector(
            [Self.scope("q", includes: ["u"]), Self.scope("t", includes: ["v"]), Self.scope("p", includes: ["s"]),
             Self.scope("r", includes: ["s"]), Self.scope("s"), Self.scope("u"), Self.scope("v")],
            [Self.action("first", [["p"], ["q"]]), Self.action("second", [["r"], ["t"]])])
        #expect(try Self.resolve(c, ["first"]).scopes == ["q"])
        #expect(try Self.resolve(c, ["second"]).scopes == ["t"])
        #expect(try Self.resolve(c, ["first", "second"]).scopes == ["p", "r"])
    }

    // MARK: (5) tie-break

    @Test("ties on closure and count go to the earlier scope in scopeDefinitions")
    func tieBreakByDefinitionOrder() throws {
        let forward = Self.connector([Self.scope("A"), Self.scope("B")], [Self.action("act", [["B"], ["A"]])])
        #expect(try Self.resolve(forward, ["act"]).scopes == ["A"])
        let backward = Self.connector([Self.scope("B"), Self.scope("A")], [Self.action("act", [["B"], ["A"]])])
        #expect(try Self.resolve(backward, ["act"]).scopes == ["B"])
    }

    @Test("ties compare index lists lexicographically, not by sum")
    func tieBreakIsLexicographic() throws {
        // [s0, s4] = [0, 4] precedes [s1, s2] = [1, 2], though 0 + 4 > 1 + 2.
        let c = Self.connector(
            ["s0", "s1", "s2", "s3", "s4"].map { Self.scope($0) },
            [Self.action("act", [["s1", "s2"], ["s0", "s4"]])])
        #expect(try Self.resolve(c, ["act"]).scopes == ["s0", "s4"])
    }

    @Test("the result is listed in scopeDefinitions order, not alternative order")
    func resultInDefinitionOrder() throws {
        let c = Self.connector(
            [Self.scope("zeta"), Self.scope("alpha"), Self.scope("mid")],
            [Self.action("one", [["mid", "alpha"]]), Self.action("two", [["zeta"]])])
        #expect(try Self.resolve(c, ["one", "two"]).scopes == ["zeta", "alpha", "mid"])
    }

    // MARK: (6) empty selection

    @Test("empty selection with defaultScopes uses them, in definition order")
    func emptySelectionUsesDefaults() throws {
        let method = AuthMethod(key: "oauth", kind: .oauth2, label: "OAuth 2.0", defaultScopes: ["write", "read"])
        let c = Self.connector(
            [Self.scope("read"), Self.scope("write"), Self.scope("admin")],
            [Self.action("list", [["read"]]), Self.action("nuke", [["admin"]])], methods: [method])
        let resolution = try Self.resolve(c, [], method: method)
        #expect(resolution.selection.isEmpty)
        #expect(resolution.scopes == ["read", "write"])
        #expect(resolution.usesDefaultScopes)
        #expect(resolution.isOptimal)
    }

    @Test("empty selection without defaultScopes lists every required scope, in definition order")
    func emptySelectionWithoutDefaults() throws {
        let c = Self.connector(
            [Self.scope("a"), Self.scope("unused"), Self.scope("b"), Self.scope("c", includes: ["a"]), Self.scope("events:*:read")],
            [Self.action("x", [["c"]]), Self.action("y", [["b"], ["a"]]), Self.action("z", [["events:inbox:read"]])])
        let resolution = try Self.resolve(c, [])
        #expect(resolution.scopes == ["a", "b", "c", "events:*:read"])
        #expect(!resolution.usesDefaultScopes)
        // Every action is explained, even with nothing selected.
        #expect(resolution.explanation.map(\.scope) == resolution.scopes)
        #expect(resolution.explanation.first { $0.scope == "events:*:read" }?.actions == ["z"])
    }

    @Test("empty selection maps an undefined required scope to its wildcard, not to a broader scope")
    func emptySelectionPicksTheWildcardItself() throws {
        // `admin` comes first and grants the wildcard, but no action requires admin.
        let c = Self.connector(
            [Self.scope("admin", includes: ["events:*:read"]), Self.scope("events:*:read")],
            [Self.action("inbox", [["events:inbox:read"]])])
        #expect(try Self.resolve(c, []).scopes == ["events:*:read"])
    }

    // MARK: (7) explanation

    @Test("the explanation lists, per scope, the selected actions it serves")
    func explanation() throws {
        let c = Self.connector(
            [Self.scope("read"), Self.scope("write", includes: ["read"]), Self.scope("admin"), Self.scope("other")],
            [Self.action("list", [["read"]]), Self.action("update", [["write"]]),
             Self.action("purge", [["admin", "read"]]), Self.action("misc", [["other"]])])
        let merged = try Self.resolve(c, ["update", "list"])
        // `write` enables list and update; purge needs admin as well.
        #expect(merged.explanation == [Resolution.Reason(scope: "write", actions: ["list", "update"], authority: 2)])

        let split = try Self.resolve(c, ["purge", "list"])
        #expect(split.scopes == ["read", "admin"])
        #expect(split.explanation == [
            // On its own, admin enables nothing: purge needs read too.
            Resolution.Reason(scope: "read", actions: ["list", "purge"], authority: 1),
            Resolution.Reason(scope: "admin", actions: ["purge"], authority: 0),
        ])
    }

    // MARK: (8) Selection

    private static let catalogue = Self.connector(
        [Self.scope("r")],
        [Self.action("list_contacts", [["r"]]), Self.action("list_conversations", [["r"]]), Self.action("send_message", [["r"]])])

    @Test("Selection orders ids by catalogue and drops duplicates")
    func selectionOrdersAndDedupes() throws {
        let selection = try Selection(["send_message", "list_contacts", "send_message"], in: Self.catalogue)
        #expect(selection.actions == ["list_contacts", "send_message"])
        #expect(!selection.isEmpty)
        #expect(try Selection([], in: Self.catalogue).isEmpty)
        #expect(Selection.none.actions.isEmpty)
    }

    @Test("Selection rejects unknown ids, each once, with suggestions")
    func selectionRejectsUnknownIds() throws {
        let error = #expect(throws: SelectionError.self) {
            try Selection(["list_contact", "send_message", "zzz", "list_contact"], in: Self.catalogue)
        }
        let expected = SelectionError.unknownActions([
            .init(id: "list_contact", suggestions: ["list_contacts"]),
            .init(id: "zzz", suggestions: []),
        ], connector: "test")
        #expect(error == expected)
        let message = try #require(error).description
        #expect(message.contains(#"unknown action "list_contact" for connector "test"; did you mean "list_contacts"?"#))
        #expect(message.contains(#"unknown action "zzz" for connector "test""#))
        #expect(!message.contains("send_message"))
    }

    // MARK: (9) node budget

    /// Twelve scopes and eight actions whose alternatives overlap, so the search must branch.
    private static let tangled: Connector = {
        let names: [Scope] = (0..<12).map { Scope("s\($0)") }
        let scopes = names.enumerated().map { index, name in
            Self.scope(name, includes: index >= 9 ? [names[index - 9], names[index - 8]] : [])
        }
        let actions = (0..<8).map { index in
            Self.action(ActionID("a\(index)"), [
                [names[index % 9], names[(index + 3) % 9]],
                [names[9 + index % 3]],
                [names[(index + 5) % 9]],
            ])
        }
        return Self.connector(scopes, actions)
    }()

    @Test("a tiny node budget reports isOptimal == false, yet still grants every action")
    func tinyBudgetIsNotOptimal() throws {
        let ids = Self.tangled.actions.map(\.id)
        let limited = try Self.resolve(Self.tangled, ids, nodeBudget: 1)
        #expect(!limited.isOptimal)
        #expect(!limited.scopes.isEmpty)
        let graph = ScopeGraph(Self.tangled)
        for action in Self.tangled.actions {
            let granted = action.requirement.alternatives.contains { $0.allSatisfy { graph.grants(limited.scopes, $0) } }
            #expect(granted, "\(action.id) is not granted by \(limited.scopes)")
        }
        for member in limited.scopes {
            #expect(!graph.grants(limited.scopes.filter { $0 != member }, member), "\(member) is redundant")
        }

        let full = try Self.resolve(Self.tangled, ids)
        #expect(full.isOptimal)
        #expect(full.granted.count <= limited.granted.count)
    }

    @Test("an action that needs no scope is never unavailable under a grant or refusals (issue 24)")
    func noScopeActionUnderConstraints() throws {
        let connector = Connector(
            key: "free", name: "Free",
            scopeDefinitions: [ScopeDefinition(scope: "read"), ScopeDefinition(scope: "write", includes: ["read"])],
            actions: [
                Action(id: "free_ping", label: "Ping", requirement: Requirement(alternatives: [])),
                Action(id: "free_list", label: "List", requirement: Requirement(alternatives: [["read"]])),
            ],
            // Edited in place: the grant is kept, so unneeded scopes are what it reports.
            methods: [AuthMethod(key: "token", kind: .custom, label: "Token", grantChange: .edit)])
        let resolver = Resolver(connector: connector)
        let selection = try Selection(["free_ping", "free_list"], in: connector)
        for constraints in [ScopeConstraints(granted: ["read"]), ScopeConstraints(refused: ["write"]), ScopeConstraints(granted: ["write"], refused: ["read"])] {
            let resolution = resolver.resolve(selection, for: connector.methods[0], constraints: constraints)
            #expect(!resolution.unavailable.contains("free_ping"), "\(constraints): \(resolution.unavailable)")
        }
        let granted = resolver.resolve(selection, for: connector.methods[0], constraints: ScopeConstraints(granted: ["read"]))
        #expect(granted.grant?.enabled == ["free_ping", "free_list"])
        #expect(granted.scopes.isEmpty)
        // A grant beyond what List needs is still reported unneeded beside an action needing nothing.
        let wide = resolver.resolve(selection, for: connector.methods[0], constraints: ScopeConstraints(granted: ["read", "write"]))
        #expect(wide.grant?.unneeded == ["write"] || wide.grant?.unneeded == ["read"], "\(String(describing: wide.grant))")
        let pingOnly = resolver.resolve(try Selection(["free_ping"], in: connector), for: connector.methods[0], constraints: ScopeConstraints(granted: ["read"]))
        #expect(pingOnly.grant?.unneeded == ["read"])
        // Replaced instead: Ping alone needs nothing, so nothing is requested and read would be dropped.
        var replaced = connector
        replaced.methods[0].declaredGrantChange = .newCredential
        let fresh = Resolver(connector: replaced).resolve(try Selection(["free_ping"], in: replaced), for: replaced.methods[0], constraints: ScopeConstraints(granted: ["read"]))
        #expect(fresh.scopes.isEmpty && fresh.grant?.request == [] && fresh.grant?.drop == ["read"] && fresh.grant?.reconsent == false)
    }
}
