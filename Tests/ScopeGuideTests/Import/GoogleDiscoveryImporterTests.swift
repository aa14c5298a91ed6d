import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// `GoogleDiscoveryImporter` on a discovery document written for these tests
/// (`Fixtures/Discovery/acmeMail.v1.json`, in the shape of Google's gmail.v1.json) and on small
/// malformed ones built here.
@Suite struct GoogleDiscoveryImporterTests {
    static let fixtureURL = Fixtures.packageRoot.appendingPathComponent("Tests/ScopeGuideTests/Fixtures/Discovery/acmeMail.v1.json")
    static let fixture: Data = {
        guard let data = FileManager.default.contents(atPath: fixtureURL.path) else { fatalError("missing \(fixtureURL.path)") }
        return data
    }()

    static let mail: Scope = "https://mail.acme.example/"
    static let readonly: Scope = "https://www.googleapis.com/auth/acmemail.readonly"
    static let metadata: Scope = "https://www.googleapis.com/auth/acmemail.metadata"
    static let send: Scope = "https://www.googleapis.com/auth/acmemail.send"
    static let addOnRead: Scope = "https://www.googleapis.com/auth/acmemail.addons.current.message.readonly"
    static let addOnCompose: Scope = "https://www.googleapis.com/auth/acmemail.addons.current.action.compose"

    static func imported(includeAddOnScopes: Bool = false) throws -> GoogleDiscoveryImporter.Result {
        try GoogleDiscoveryImporter(includeAddOnScopes: includeAddOnScopes).importDocument(fixture, file: "acmeMail.v1.json")
    }

    /// The problems importing `json` gives.
    static func problems(_ json: String, key: String? = nil) -> [GoogleDiscoveryImportError] {
        do {
            _ = try GoogleDiscoveryImporter(key: key).importDocument(Data(json.utf8), file: "doc.json")
            return []
        } catch {
            return error.discoveryErrors
        }
    }

    @Test("one action per method, nested resources and the API's own methods included, sorted by id, ids in snake_case")
    func actions() throws {
        let connector = try Self.imported().connector
        #expect(connector.key == "acme-mail")
        #expect(connector.name == "Acme Mail")
        #expect(connector.actions.map(\.id.rawValue) == [
            "acme_mail_get_status",
            "acme_mail_operations_get",
            "acme_mail_operations_get_legacy",
            "acme_mail_users_add_ons_get_context",
            "acme_mail_users_get_profile",
            "acme_mail_users_messages_batch_delete",
            "acme_mail_users_messages_delete",
            "acme_mail_users_messages_get",
            "acme_mail_users_messages_import",
            "acme_mail_users_messages_list",
            "acme_mail_users_messages_send",
            "acme_mail_users_send_as_delete",
            "acme_mail_users_send_as_set_default",
        ])
    }

    @Test("labels: the first sentence as plain text; repeats get the HTTP method and path, then the method id")
    func labels() throws {
        let connector = try Self.imported().connector
        func label(_ id: String) -> String? { connector.action(ActionID(id))?.label }
        // Markdown removed by cmark: a link, code spans, emphasis and strong emphasis.
        #expect(label("acme_mail_users_messages_list") == "Lists the messages in the user's mailbox")
        #expect(label("acme_mail_users_messages_send") == "Sends the message to the recipients in the To, Cc, and Bcc headers")
        #expect(label("acme_mail_users_send_as_set_default") == "Sets the default send-as alias for the user")
        // "e.g." does not end the sentence; a soft line break is a space.
        #expect(label("acme_mail_users_messages_get") == "Gets the specified message, e.g. its headers and labels")
        // The first paragraph only.
        #expect(label("acme_mail_get_status") == "Returns the service's status")
        // No description: the method id.
        #expect(label("acme_mail_users_messages_import") == "acmeMail.users.messages.import")
        // Three "Deletes a resource." told apart by method and path.
        #expect(label("acme_mail_users_messages_delete") == "Deletes a resource (DELETE acmemail/v1/users/{userId}/messages/{id})")
        #expect(label("acme_mail_users_messages_batch_delete") == "Deletes a resource (POST acmemail/v1/users/{userId}/messages/batchDelete)")
        #expect(label("acme_mail_users_send_as_delete") == "Deletes a resource (DELETE acmemail/v1/users/{userId}/sendAs/{sendAsEmail})")
        // Same method and flat path: the method id.
        #expect(label("acme_mail_operations_get") == "Gets the latest state of a long-running operation (acmeMail.operations.get)")
        #expect(label("acme_mail_operations_get_legacy") == "Gets the latest state of a long-running operation (acmeMail.operations.getLegacy)")
    }

    @Test("requirements: any one of the method's scopes, repeats dropped, in scope order; one scope plain; none when the method lists none")
    func requirements() throws {
        let connector = try Self.imported().connector
        func alternatives(_ id: String) -> [[Scope]]? { connector.action(ActionID(id))?.requirement.alternatives }
        #expect(alternatives("acme_mail_users_messages_list") == [[Self.mail], [Self.metadata], [Self.readonly]])
        #expect(alternatives("acme_mail_users_messages_get") == [[Self.mail], [Self.readonly]])
        #expect(alternatives("acme_mail_users_messages_delete") == [[Self.mail]])
        #expect(alternatives("acme_mail_get_status") == [])
        let yaml = try Self.imported().yaml
        #expect(yaml.contains("  requiredScopes: {anyOf: ['https://mail.acme.example/', 'https://www.googleapis.com/auth/acmemail.readonly']}\n"))
        #expect(yaml.contains("- id: acme_mail_users_messages_delete\n  label: Deletes a resource (DELETE acmemail/v1/users/{userId}/messages/{id})\n  requiredScopes: https://mail.acme.example/\n"))
        #expect(yaml.contains("- id: acme_mail_get_status\n  label: Returns the service's status\n- id:"))
    }

    @Test("add-on scopes are left out, except for a method only they authorize, which keeps them with a comment")
    func addOnScopes() throws {
        let result = try Self.imported()
        let connector = result.connector
        #expect(!connector.actions.filter { $0.id.rawValue != "acme_mail_users_add_ons_get_context" }
            .contains { $0.requirement.alternatives.joined().contains(where: GoogleDiscoveryImporter.isAddOnScope) })
        #expect(connector.action("acme_mail_users_add_ons_get_context")?.requirement.alternatives == [[Self.addOnCompose], [Self.addOnRead]])
        #expect(result.yaml.contains("""
            # Only add-on scopes authorize this method. They are kept, but an ordinary OAuth client cannot request them.
            - id: acme_mail_users_add_ons_get_context

            """))
        #expect(result.yaml.components(separatedBy: "# Only add-on scopes").count == 2)
        _ = try CatalogLoader().loadConnector(yaml: result.yaml)
    }

    @Test("--include-addon-scopes keeps add-on scopes among every method's alternatives, without comments")
    func includeAddOnScopes() throws {
        let result = try Self.imported(includeAddOnScopes: true)
        #expect(result.connector.action("acme_mail_users_messages_list")?.requirement.alternatives
            == [[Self.mail], [Self.addOnRead], [Self.metadata], [Self.readonly]])
        #expect(!result.yaml.contains("# Only add-on scopes"))
        #expect(result.yaml.contains("(add-on scopes included)"))
        // The add-on read scope now authorizes every method the compose one and the metadata one do, and more.
        #expect(result.connector.scopeDefinitions.first { $0.scope == Self.addOnRead }?.includes == [Self.addOnCompose, Self.metadata])
    }

    @Test("scopes: those used, in code-point order, with Google's descriptions and includes derived from the methods they authorize")
    func scopes() throws {
        let definitions = try Self.imported().connector.scopeDefinitions
        #expect(definitions.map(\.scope) == [Self.mail, Self.addOnCompose, Self.addOnRead, Self.metadata, Self.readonly, Self.send])
        #expect(definitions[0].description == "Read, send and permanently delete all your mail")
        #expect(definitions.allSatisfy { $0.description != nil && $0.privilege == 1 })
        // Direct inclusions only: mail → readonly → metadata, mail → send.
        #expect(definitions.map(\.includes) == [[Self.readonly, Self.send], [], [], [], [Self.metadata], []])
    }

    @Test("the minimal scopes prefer the narrow scope: derived includes make the broad one cost more")
    func leastPrivilege() throws {
        let connector = try Self.imported().connector
        let method = try #require(connector.methods.first)
        func scopes(_ ids: [ActionID]) throws -> [Scope] {
            try Resolver(connector: connector).resolve(Selection(ids, in: connector), for: method).scopes
        }
        #expect(try scopes(["acme_mail_users_messages_list"]) == [Self.metadata])
        #expect(try scopes(["acme_mail_users_messages_get"]) == [Self.readonly])
        #expect(try scopes(["acme_mail_users_messages_get", "acme_mail_users_messages_send"]) == [Self.readonly, Self.send])
        #expect(try scopes(["acme_mail_users_messages_get", "acme_mail_users_messages_delete"]) == [Self.mail])
    }

    @Test("the OAuth 2.0 method has Google's endpoints, client fields and both guides, showing every scope; check finds nothing")
    func method() throws {
        let connector = try Self.imported().connector
        let method = try #require(connector.methods.first)
        #expect(connector.methods.count == 1)
        #expect(method.kind == .oauth2 && method.grantType == .authorizationCode && method.slug == "oauth-2-0")
        #expect(method.authorizationURL == "https://accounts.google.com/o/oauth2/v2/auth")
        #expect(method.tokenURL == "https://oauth2.googleapis.com/token")
        #expect(method.setupFields.map(\.key) == ["clientId", "clientSecret"])
        #expect(method.supportLink == "https://developers.example.com/acme-mail")
        let setup = try #require(method.guides[.setup])
        #expect(setup.sections.map(\.title) == ["Enable the Acme Mail API", "Configure the OAuth consent screen", "Create an OAuth client ID", "OAuth 2.0 endpoints"])
        let all = connector.scopeDefinitions.map(\.scope)
        #expect(setup.sections[1].steps.map(\.title) == ["Set up the Google Auth platform", "Add the scopes", "Choose who can connect"])
        #expect(setup.sections[1].steps[1].scopes == all)
        #expect(setup.sections[2].steps[0].list.contains("**Authorized redirect URIs**: click **Add URI** and enter `{{callbackURL}}`"))
        #expect(method.guides[.config]?.sections.first?.steps.first?.scopes == all)
        #expect(Lint.findings(for: connector) == [])
        let authorize = AuthorizeURL.make(for: method, scopes: [Self.readonly])
        // A template until client_id and redirect_uri are given; Google adds to the grant (incremental).
        #expect(authorize == "https://accounts.google.com/o/oauth2/v2/auth?scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Facmemail.readonly&response_type=code&client_id={client_id}&redirect_uri={redirect_uri}&include_granted_scopes=true")
        #expect(method.grantChange == .incremental)
    }

    @Test("a document listing no scope gets an API key method, and its actions need none")
    func apiKey() throws {
        let json = #"{"name": "webfonts", "title": "Web Fonts Developer API", "resources": {"webfonts": {"methods": {"list": {"id": "webfonts.webfonts.list", "description": "Retrieves the list of fonts."}}}}}"#
        let result = try GoogleDiscoveryImporter().importDocument(Data(json.utf8))
        let method = try #require(result.connector.methods.first)
        #expect(method.kind == .custom && method.label == "API Key" && method.configFields.map(\.key) == ["apiKey"])
        #expect(method.guides[.config]?.sections.map(\.title) == ["Enable the Web Fonts Developer API", "Create an API key"])
        #expect(method.guides[.setup] == nil)
        #expect(result.connector.scopeDefinitions.isEmpty)
        #expect(result.connector.actions.map(\.label) == ["Retrieves the list of fonts"])
        #expect(Lint.findings(for: result.connector) == [])
    }

    @Test("the same document gives the same bytes, whatever the order of its members")
    func deterministic() throws {
        let first = try Self.imported().yaml
        #expect(try Self.imported().yaml == first)
        let object = try JSONSerialization.jsonObject(with: Self.fixture)
        for order in [KeyOrder.ascending, .descending] {
            let reordered = Data(Self.json(object, order: order).utf8)
            #expect(reordered != Self.fixture)
            #expect(try GoogleDiscoveryImporter().importDocument(reordered, file: "acmeMail.v1.json").yaml == first, "\(order)")
        }
    }

    @Test("importing again into the file it wrote is a no-op: the merge gives the same bytes")
    func secondImport() throws {
        let imported = try Self.imported()
        let existing = try CatalogLoader().loadConnector(yaml: imported.yaml, file: "acme-mail.connector.yaml").connector
        let merged = try GoogleDiscoveryImporter.merge(imported, into: existing, file: "acmeMail.v1.json")
        #expect(merged.yaml == imported.yaml)
        #expect(merged.warnings.isEmpty)
    }

    @Test("merging keeps the file's scopes and actions (a changed action is a warning), appends the document's new ones and shows every scope required")
    func merge() throws {
        let imported = try Self.imported()
        var existing = try CatalogLoader().loadConnector(yaml: imported.yaml).connector
        existing.name = "Acme Mail (hand-edited)"
        existing.scopeDefinitions[0].description = "Everything, edited by hand"
        existing.scopeDefinitions.append(ScopeDefinition(scope: "https://www.googleapis.com/auth/acmemail.labels", description: "Labels"))
        existing.actions = existing.actions.filter { $0.id != "acme_mail_users_messages_send" }.map { action in
            var action = action
            if action.id == "acme_mail_users_messages_list" { action.label = "List messages" }
            return action
        } + [Action(id: "acme_mail_users_labels_list", label: "List labels", requirement: Requirement(allOf: ["https://www.googleapis.com/auth/acmemail.labels"]))]

        let merged = try GoogleDiscoveryImporter.merge(imported, into: existing, file: "acmeMail.v1.json")
        let connector = merged.connector
        #expect(connector.name == "Acme Mail (hand-edited)")
        #expect(connector.scopeDefinitions.first?.description == "Everything, edited by hand")
        #expect(connector.action("acme_mail_users_messages_list")?.label == "List messages")
        #expect(merged.warnings == [GoogleDiscoveryImportError(file: "acmeMail.v1.json", reason: .actionDiffers("acme_mail_users_messages_list"))])
        #expect(merged.warnings.first?.description == #"acmeMail.v1.json: warning: the document's action "acme_mail_users_messages_list" differs from the one already in the guide source, which is kept"#)
        // The action the file lacked is appended; the file's own action stays.
        #expect(connector.actions.last?.id == "acme_mail_users_messages_send")
        #expect(connector.action("acme_mail_users_labels_list") != nil)
        // Every scope the merged catalogue requires is shown, the file's own included.
        let shown = connector.methods.first?.guides[.setup]?.sections[1].steps[1].scopes ?? []
        #expect(shown.contains("https://www.googleapis.com/auth/acmemail.labels"))
        #expect(Lint.findings(for: connector) == [])
        _ = try CatalogLoader().loadConnector(yaml: merged.yaml)
    }

    @Test(
        "malformed input is an error naming the JSON path, never a crash",
        arguments: [
            (#"{"name": "x", "resources": {"users": {"methods": {"list": {"id": "x.users.list", "scopes": ["a", "b", 3]}}}}}"#,
             "resources.users.methods.list.scopes[2]", "expected a string"),
            (#"{"name": "x", "resources": {"users": {"methods": {"list": {"scopes": "a"}}}}}"#,
             "resources.users.methods.list.scopes", "expected a list"),
            (#"{"name": "x", "resources": {"users": {"resources": {"drafts": {"methods": {"get": {"id": 5}}}}}}}"#,
             "resources.users.resources.drafts.methods.get.id", "expected a string"),
            (#"{"name": "x", "resources": {"users": {"methods": []}}}"#, "resources.users.methods", "expected an object"),
            (#"{"name": "x", "methods": {"a": {"scopes": [null]}}}"#, "methods.a.scopes[0]", "expected a string, not null"),
            (#"{"name": "x", "auth": {"oauth2": {"scopes": {"a": {"description": 7}}}}, "methods": {"a": {}}}"#,
             "auth.oauth2.scopes.a.description", "expected a string"),
            (#"[]"#, "", "expected an object"),
            (#"{"name": 1}"#, "name", "expected a string"),
            (#"{"name": "x", "methods": {"a": {"id": "x.a", "scopes": ["", "a b"]}}}"#,
             "methods.a.scopes[0]", #"invalid scope "" (empty, or with whitespace or control characters)"#),
            (#"{"name": "x", "methods": {"a b": {}}}"#,
             "methods.a b", #"method id "x.a b" does not make an action id (ASCII letters, digits, '.', '-' and '_')"#),
            (#"{"name": "x", "methods": {"a": {"id": "x.é"}}}"#,
             "methods.a.id", #"method id "x.é" does not make an action id (ASCII letters, digits, '.', '-' and '_')"#),
            (#"{"name": "x", "methods": {"a": {"id": "x.sendAs"}, "b": {"id": "x.send-as"}}}"#,
             "methods.a", #"action id "x_send_as" is made from this method and from methods.b"#),
            (#"{"kind": "discovery#directoryList", "items": []}"#,
             "kind", #"kind is "discovery#directoryList", not "discovery#restDescription": not an API's discovery document"#),
            (#"{"name": "x", "resources": {"users": {}}}"#, "", "the document declares no methods, so there are no actions to import"),
            (#"{"methods": {"a": {}}}"#, "name", "no API name to make the connector key from (give one with --key)"),
            (#"{"name": "Acme Mail", "methods": {"a": {}}}"#, "name", #"invalid connector key "acme mail" (use lowercase letters, digits, '_' and '-')"#),
            (#"{"name": "x", "methods": {"a": {}}"#, "", "not valid JSON: Unexpected end of file during JSON parse."),
            ("", "", "not valid JSON: Unexpected end of file during JSON parse."),
            ("{\"name\": \"x\",\n\"methods\": {\"a\": tru}}", "", "not valid JSON: Invalid value around character 34."),
        ])
    func malformed(json: String, path: String, message: String) {
        let problems = Self.problems(json)
        #expect(problems.first?.path == path, "\(problems)")
        #expect(problems.first?.message == message, "\(problems)")
        #expect(problems.allSatisfy { $0.reason.severity == .error })
        let shown = path.isEmpty ? "doc.json: error: \(message)" : "doc.json: error: \(path): \(message)"
        #expect(problems.first?.description == shown)
    }

    @Test("random damage to a document (bytes changed, cut, spliced) is imported or refused with located errors, never a crash")
    func damagedDocuments() throws {
        var random = SeededGenerator(seed: 23)
        let bytes = Array(Self.fixture)
        var imported = 0, refused = 0
        for round in 0..<400 {
            var damaged = bytes
            switch round % 4 {
            case 0:  // a few bytes changed to JSON's own punctuation or to anything
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let punctuation: [UInt8] = Array("{}[]\":,0n\\ ".utf8)
                    damaged[Int.random(in: 0..<damaged.count, using: &random)] =
                        Bool.random(using: &random) ? punctuation.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
                }
            case 1:  // cut short
                damaged = Array(damaged[..<Int.random(in: 0..<damaged.count, using: &random)])
            case 2:  // a span of the document repeated elsewhere
                let start = Int.random(in: 0..<damaged.count, using: &random)
                let span = damaged[start..<min(damaged.count, start + Int.random(in: 1...200, using: &random))]
                damaged.insert(contentsOf: span, at: Int.random(in: 0...damaged.count, using: &random))
            default:  // a value replaced by another type
                let text = String(decoding: damaged, as: UTF8.self)
                let replacements = [("\"scopes\": [", "\"scopes\": {\"x\": ["), ("\"id\": \"", "\"id\": [\""), ("\"GET\"", "null"), ("\"description\": \"", "\"description\": 1, \"x\": \"")]
                let (from, to) = replacements.randomElement(using: &random)!
                damaged = Array(text.replacingOccurrences(of: from, with: to).utf8)
            }
            do {
                let result = try GoogleDiscoveryImporter().importDocument(Data(damaged), file: "damaged.json")
                _ = try CatalogLoader().loadConnector(yaml: result.yaml)
                imported += 1
            } catch let failure {
                #expect(!failure.errors.isEmpty, "round \(round)")
                #expect(failure.errors.allSatisfy { $0.description.hasPrefix("damaged.json: error: ") }, "round \(round)")
                refused += 1
            }
        }
        // Both outcomes are met, so the damage reaches past the decoder.
        #expect(imported > 20 && refused > 100, "imported \(imported), refused \(refused)")
    }

    @Test("every problem is reported, not just the first; the failure says nothing was written")
    func everyProblem() {
        let json = #"{"name": "x", "methods": {"a": {"id": "x.a", "scopes": ["ok", "", "b c"]}, "b": {"id": "x.é"}}}"#
        let paths = Self.problems(json).map(\.path)
        #expect(paths == ["methods.a.scopes[1]", "methods.a.scopes[2]", "methods.b.id"])
        do {
            _ = try GoogleDiscoveryImporter().importDocument(Data(json.utf8), file: "doc.json")
            Issue.record("imported")
        } catch {
            #expect(error.description.hasSuffix("\n3 errors; nothing was written"))
        }
    }

    @Test("a document over the size cap is refused before it is decoded; one at the cap is decoded")
    func sizeCap() {
        let limit = GoogleDiscoveryImporter.maximumDocumentSize
        #expect(limit == 32 << 20)
        // Past the cap: the size is the only complaint, so the bytes were never parsed.
        let over = Self.problems(String(repeating: " ", count: limit + 1))
        #expect(over.map(\.reason) == [.tooLarge(limit: limit)])
        // At the cap: the same spaces are read, and are not JSON.
        let at = Self.problems(String(repeating: " ", count: limit))
        #expect(at.map(\.message) == ["not valid JSON: Unexpected end of file during JSON parse."])
        // A real document padded to the cap imports.
        let padded = Self.fixture + Data(repeating: 0x20, count: limit - Self.fixture.count)
        #expect(throws: Never.self) { try GoogleDiscoveryImporter().importDocument(padded) }
    }

    @Test("a given key replaces the API name's; an invalid one is an error")
    func key() throws {
        #expect(try GoogleDiscoveryImporter(key: "acme").importDocument(Self.fixture).connector.key == "acme")
        #expect(Self.problems(#"{"name": "x", "methods": {"a": {}}}"#, key: "Bad Key").map(\.message)
            == [#"invalid connector key "Bad Key" (use lowercase letters, digits, '_' and '-')"#])
        #expect(GoogleDiscoveryImporter.kebabCase("youtubeAnalytics") == "youtube-analytics")
        #expect(GoogleDiscoveryImporter.kebabCase("prod_tt_sasportal") == "prod_tt_sasportal")
    }

    @Test(
        "a label is the description's first sentence as plain text",
        arguments: [
            ("Lists the messages. For more information, see [Listing](https://x.example).", "Lists the messages"),
            ("Gets metadata for a SecretVersion.\n\n`projects/*/secrets/*/versions/latest` is an alias.", "Gets metadata for a SecretVersion"),
            ("Creates a draft with the `DRAFT` label. More.", "Creates a draft with the DRAFT label"),
            ("Lists policies (e.g. for a project) in the U.S. region. More.", "Lists policies (e.g. for a project) in the U.S. region"),
            ("Lists things, etc. and more. Then stop.", "Lists things, etc. and more"),
            ("Is it done? Yes.", "Is it done?"),
            ("Lists samples:\n- sorted\n- paged", "Lists samples:"),
            ("Deprecated: Use drives.create instead.", "Deprecated: Use drives.create instead"),
            ("Lists &amp; counts \\*all\\* <b>items</b>", "Lists & counts *all* items"),
            ("# Heading\n\nText.", "Heading"),
            ("```\ncode\n```\n\nAfter the code.", "After the code"),
            ("", "x.method"),
            ("![]()", "x.method"),
        ])
    func label(description: String, label: String) {
        #expect(GoogleDiscoveryImporter.label(description: description, methodID: "x.method") == label)
    }

    @Test("a first sentence longer than the cap is cut at a word and ends with an ellipsis")
    func longLabel() {
        let sentence = Array(repeating: "word", count: 60).joined(separator: " ") + "."
        let label = GoogleDiscoveryImporter.label(description: sentence, methodID: "x.method")
        #expect(label.count <= GoogleDiscoveryImporter.maximumLabelLength)
        #expect(label.hasSuffix("word…"))
    }

    // MARK: Reordered JSON

    enum KeyOrder { case ascending, descending }

    /// `value` (from `JSONSerialization`) as JSON text with object members in `order`.
    static func json(_ value: Any, order: KeyOrder) -> String {
        switch value {
        case let object as [String: Any]:
            let keys = order == .ascending ? object.keys.sorted() : object.keys.sorted(by: >)
            return "{" + keys.map { string($0) + ":" + json(object[$0]!, order: order) }.joined(separator: ",") + "}"
        case let array as [Any]:
            return "[" + array.map { json($0, order: order) }.joined(separator: ",") + "]"
        case let text as String:
            return string(text)
        default:
            let data = try! JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
            return String(decoding: data, as: UTF8.self)
        }
    }

    private static func string(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }
}
