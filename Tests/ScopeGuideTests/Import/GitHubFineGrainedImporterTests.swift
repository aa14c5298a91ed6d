import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// The importer of GitHub's fine-grained token permission file, on a small file written for these
/// tests in the published format (`Fixtures/GitHub/fine-grained-pat-permissions.json`): a
/// repository, an organization and a user permission; an endpoint listed twice under one
/// permission and one listed at two access levels; endpoints under two permissions whose sets
/// the table gives (update-an-issue, a Copilot seat endpoint, create-or-update-file-contents)
/// and one it does not (lock-an-issue); a slug naming two endpoints; an admin level; Metadata;
/// keys the importer does not know.
@Suite struct GitHubFineGrainedImporterTests {
    typealias T = GitHubFineGrainedImporterTests

    static let fixture = Fixtures.packageRoot.appendingPathComponent("Tests/ScopeGuideTests/Fixtures/GitHub/fine-grained-pat-permissions.json")
    /// The pinned copy of the published file that Guides/github is made from.
    static let pinned = Fixtures.packageRoot.appendingPathComponent("scripts/data/github/fine-grained-pat-permissions.json")

    static func fixtureData() throws -> Data { try Data(contentsOf: fixture) }

    static func imported() throws -> GitHubFineGrainedImporter.Result {
        try GitHubFineGrainedImporter().importFile(fixtureData(), file: "fixture.json")
    }

    /// The problems importing `json` gives, or none when it imports.
    static func problems(_ json: String) -> [GitHubFineGrainedImportError.Problem] {
        do {
            _ = try GitHubFineGrainedImporter().importFile(Data(json.utf8), file: "bad.json")
            return []
        } catch {
            return error.gitHubProblems
        }
    }

    /// One endpoint entry, valid unless a field is replaced (`nil` leaves it out).
    static func entry(_ replacing: [String: String?] = [:]) -> String {
        var fields: [(String, String)] = [
            ("category", "\"issues\""), ("slug", "\"create-an-issue\""), ("subcategory", "\"issues\""), ("verb", "\"post\""),
            ("requestPath", "\"/repos/{owner}/{repo}/issues\""), ("additional-permissions", "false"), ("access", "\"write\""),
        ]
        for (key, value) in replacing {
            if let index = fields.firstIndex(where: { $0.0 == key }) {
                if let value { fields[index].1 = value } else { fields.remove(at: index) }
            } else if let value {
                fields.append((key, value))
            }
        }
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    static func file(_ entries: [String], group: String = "issues", title: String = "\"Issues\"") -> String {
        "{\"\(group)\": {\"title\": \(title), \"displayTitle\": \"Repository permissions for \\\"Issues\\\"\", \"permissions\": [\(entries.joined(separator: ", "))]}}"
    }

    func action(_ connector: Connector, _ id: String) throws -> Action {
        try #require(connector.action(ActionID(id)), "no action \(id)")
    }

    // MARK: The guide

    @Test("one action per endpoint: ids from the slug, labels with the endpoint, colliding slugs with the category and none plain")
    func actions() throws {
        let connector = try Self.imported().connector
        #expect(connector.key == "github")
        #expect(connector.name == "GitHub")
        #expect(connector.actions.count == 14)
        #expect(try action(connector, "github_create_an_issue").label == "Create an issue (POST /repos/{owner}/{repo}/issues)")
        #expect(try action(connector, "github_actions_list_organization_secrets").label == "List organization secrets (GET /orgs/{org}/actions/secrets)")
        #expect(try action(connector, "github_dependabot_list_organization_secrets").label == "List organization secrets (GET /orgs/{org}/dependabot/secrets)")
        #expect(connector.action("github_list_organization_secrets") == nil)
        #expect(try action(connector, "github_list_all_copilot_seat_assignments_for_an_organization").label
            == "List all Copilot seat assignments for an organization (GET /orgs/{org}/copilot/billing/seats)")
        // Catalogue order: category, subcategory, path, then reading before writing.
        let ids = connector.actions.map(\.id.rawValue)
        #expect(ids.firstIndex(of: "github_get_repository_content")! < ids.firstIndex(of: "github_create_or_update_file_contents")!)
        #expect(ids.first == "github_actions_list_organization_secrets")
    }

    @Test("scopes per permission and level: admin includes write includes read, privileges 1 to 3, descriptions from the titles")
    func scopes() throws {
        let definitions = try Self.imported().connector.scopeDefinitions
        let byScope = Dictionary(uniqueKeysWithValues: definitions.map { ($0.scope, $0) })
        let admin = try #require(byScope["organization_custom_properties:admin"])
        #expect(admin.includes == ["organization_custom_properties:write"])
        #expect(admin.privilege == 3)
        #expect(byScope["organization_custom_properties:write"]?.includes == ["organization_custom_properties:read"])
        #expect(byScope["organization_custom_properties:write"]?.privilege == 2)
        #expect(byScope["organization_custom_properties:read"]?.privilege == 1)
        #expect(byScope["contents:write"]?.includes == ["contents:read"])
        #expect(byScope["organization_custom_properties:admin"]?.description == "\"Custom properties\" organization permission (admin)")
        #expect(byScope["followers:read"]?.description == "\"Followers\" user permission (read)")
        // Repository permissions first, user permissions after organization ones, Administration last.
        let order = definitions.map(\.scope.rawValue)
        #expect(order.first == "contents:read")
        #expect(order.last == "organization_administration:read")
        #expect(order.firstIndex(of: "followers:read")! > order.firstIndex(of: "organization_secrets:read")!)
        // Needed by no action once alternatives are reduced (and raised to write): not defined.
        #expect(byScope["workflows:write"] == nil)
        #expect(byScope["issues:read"] == nil)
    }

    @Test("every requirement includes metadata:read; several permissions are all needed unless the table gives sets")
    func requirements() throws {
        let imported = try Self.imported()
        let connector = imported.connector
        for action in connector.actions {
            #expect(action.requirement.alternatives.allSatisfy { $0.contains("metadata:read") }, "\(action.id)")
        }
        #expect(try action(connector, "github_get_a_repository").requirement.alternatives == [["metadata:read"]])
        #expect(try action(connector, "github_update_an_issue").requirement.alternatives
            == [["issues:write", "metadata:read"], ["metadata:read", "pull_requests:write"]])
        #expect(try action(connector, "github_list_all_copilot_seat_assignments_for_an_organization").requirement.alternatives
            == [["metadata:read", "organization_copilot_seat_management:read"], ["metadata:read", "organization_administration:read"]])
        // The table's second set (Contents and Workflows) needs more than the first: left out.
        #expect(try action(connector, "github_create_or_update_file_contents").requirement.alternatives == [["contents:write", "metadata:read"]])
        // Not in the table: all of them, and the comments say it is not confirmed.
        #expect(try action(connector, "github_lock_an_issue").requirement.alternatives == [["issues:write", "metadata:read", "pull_requests:write"]])
        #expect(imported.yaml.contains("# All permissions needed, NOT confirmed"))
        #expect(imported.yaml.contains("#   github_lock_an_issue: issues:write + pull_requests:write\n"))
        #expect(imported.yaml.contains("#   github_update_an_issue: issues:write | pull_requests:write; https://docs.github.com/en/rest/issues/issues#update-an-issue"))
    }

    @Test("duplicates merge; one listed at read and at write keeps write, and the comments say so")
    func duplicates() throws {
        let imported = try Self.imported()
        #expect(try action(imported.connector, "github_get_an_issue").requirement.alternatives == [["issues:write", "metadata:read"]])
        #expect(imported.yaml.contains("# Entries merged into another entry of the same endpoint and permission: 2.\n"))
        #expect(imported.yaml.contains("# GET /repos/{owner}/{repo}/issues/{issue_number} is listed under issues as read and write; write is kept.\n"))
    }

    @Test("the token guide: one step per kind of permission with its scopes, Metadata in its own step; check finds nothing")
    func guide() throws {
        let connector = try Self.imported().connector
        let method = try #require(connector.methods.first)
        #expect(method.kind == .custom)
        #expect(method.slug == "fine-grained-personal-access-token")
        #expect(method.configFields.map(\.key) == ["token"])
        let steps = try #require(method.guides[.config]).sections.flatMap(\.steps)
        let scoped = Dictionary(uniqueKeysWithValues: steps.filter { !$0.scopes.isEmpty }.map { ($0.title, $0.scopes.map(\.rawValue)) })
        #expect(scoped["Set repository permissions"] == ["contents:read", "contents:write", "issues:write", "pull_requests:write"])
        #expect(scoped["Set account permissions"] == ["followers:read"])
        #expect(scoped["Keep Metadata read-only"] == ["metadata:read"])
        // Shown only when the answer writes contents; it lists no scope of its own.
        let workflows = try #require(steps.first { $0.title == "Workflow files" })
        #expect(workflows.scopes == ["contents:write"] && workflows.displayScopes.isEmpty)
        #expect(scoped["Set organization permissions"]?.contains("organization_custom_properties:admin") == true)
        #expect(steps.contains { $0.title == "Open the token settings" && $0.list.contains("Under **Personal access tokens**, click **Fine-grained tokens**.") })
        #expect(Lint.findings(for: connector).isEmpty, "\(Lint.findings(for: connector))")
    }

    @Test("the least-privilege answer: the narrower of two alternatives, admin where only admin will do, metadata:read always")
    func answers() throws {
        let connector = try Self.imported().connector
        let resolver = Resolver(connector: connector)
        func scopes(_ ids: [String]) throws -> [String] {
            resolver.resolve(try Selection(ids.map { ActionID($0) }, in: connector), for: connector.methods[0]).scopes.map(\.rawValue)
        }
        #expect(try scopes(["github_create_an_issue", "github_get_repository_content"]) == ["contents:read", "issues:write", "metadata:read"])
        // Issues (write) or Pull requests (write), GitHub says: equally small, so the one that
        // enables fewer of the catalogue's endpoints is asked for, and the other is the alternative.
        var listing = resolver
        listing.alternativeLimit = 1
        let update = listing.resolve(try Selection(["github_update_an_issue"], in: connector), for: connector.methods[0])
        let other = try #require(update.alternatives?.first)
        #expect(Set([update.scopes, other.scopes].map { $0.map(\.rawValue) }) == [["issues:write", "metadata:read"], ["metadata:read", "pull_requests:write"]])
        #expect(update.authority <= other.authority)
        #expect(try scopes(["github_list_all_copilot_seat_assignments_for_an_organization"]) == ["metadata:read", "organization_copilot_seat_management:read"])
        #expect(try scopes(["github_create_or_update_custom_properties_for_an_organization", "github_get_all_custom_properties_for_an_organization"])
            == ["metadata:read", "organization_custom_properties:admin"])
        #expect(try scopes(["github_get_a_repository"]) == ["metadata:read"])
    }

    // MARK: Bytes

    @Test("the same file gives the same bytes, whatever the order of its keys and entries")
    func deterministic() throws {
        let first = try Self.imported().yaml
        #expect(try Self.imported().yaml == first)
        // The same content with permissions and entries in reverse order.
        let object = try #require(try JSONSerialization.jsonObject(with: Self.fixtureData()) as? [String: [String: Any]])
        var reversed = object
        for (key, var group) in object {
            group["permissions"] = ((group["permissions"] as? [Any]) ?? []).reversed() as [Any]
            reversed[key] = group
        }
        let data = try JSONSerialization.data(withJSONObject: reversed, options: [.prettyPrinted])
        #expect(try GitHubFineGrainedImporter().importFile(data, file: "other.json").yaml == first)
    }

    @Test("importing again into its own output changes nothing")
    func secondImport() throws {
        let imported = try Self.imported()
        let existing = try CatalogLoader().loadConnector(yaml: imported.yaml, file: "github.connector.yaml").connector
        // The written guide reads back as the connector the import made.
        #expect(existing == imported.connector)
        let again = try GitHubFineGrainedImporter.merge(imported, into: existing, file: "fixture.json")
        #expect(again.yaml == imported.yaml)
        #expect(again.warnings.isEmpty)
    }

    @Test("merging keeps the file's own actions and scopes, warns where an action differs, and appends what is new")
    func merge() throws {
        let imported = try Self.imported()
        var existing = try CatalogLoader().loadConnector(yaml: imported.yaml, file: "github.connector.yaml").connector
        existing.name = "GitHub (ours)"
        existing.actions.removeAll { $0.id == "github_lock_an_issue" }
        let index = try #require(existing.actions.firstIndex { $0.id == "github_create_an_issue" })
        existing.actions[index].label = "Open an issue"
        existing.actions.append(Action(id: "github_custom_report", label: "Custom report", requirement: Requirement(allOf: ["reports:read"])))
        existing.scopeDefinitions.append(ScopeDefinition(scope: "reports:read", description: "Our reports"))

        let merged = try GitHubFineGrainedImporter.merge(imported, into: existing, file: "fixture.json")
        let connector = merged.connector
        #expect(connector.name == "GitHub (ours)")
        #expect(try action(connector, "github_create_an_issue").label == "Open an issue")
        #expect(try action(connector, "github_custom_report").requirement.alternatives == [["reports:read"]])
        #expect(connector.actions.last?.id == "github_lock_an_issue")
        #expect(connector.scopeDefinitions.contains { $0.scope == "reports:read" })
        #expect(merged.warnings.map(\.message) == [
            "the file's action \"github_create_an_issue\" differs from the one already in the guide source, which is kept",
        ])
        // The import's guide replaces the method's link-account guide.
        #expect(connector.methods[0].guides[.config] == imported.connector.methods[0].guides[.config])
        #expect(merged.yaml.hasPrefix("# GitHub, imported by `scopeguide import --from github-fine-grained`"))
    }

    // MARK: Malformed input

    @Test("malformed files are errors at their JSON path", arguments: [
        ("[]", "", "expected an object"),
        ("{", "", "not valid JSON"),
        ("{}", "", "no permission lists an endpoint"),
        ("{\"issues\": {\"title\": \"Issues\", \"permissions\": []}}", "", "no permission lists an endpoint"),
        (T.file([T.entry(["verb": "3"])]), "issues.permissions[0].verb", "expected a string"),
        (T.file([T.entry(), T.entry(), T.entry(), T.entry(["verb": "true"])]), "issues.permissions[3].verb", "expected a string"),
        (T.file([T.entry(["verb": nil])]), "issues.permissions[0].verb", "missing; expected a string"),
        (T.file([T.entry(["additional-permissions": "\"yes\""])]), "issues.permissions[0].additional-permissions", "expected true or false"),
        (T.file([T.entry(["slug": "null"])]), "issues.permissions[0].slug", "expected a string, found null"),
        (T.file([T.entry()], title: "null"), "issues.title", "expected a string, found null"),
        ("{\"issues\": {\"title\": \"Issues\", \"permissions\": {}}}", "issues.permissions", "expected a list"),
        ("{\"issues\": {\"title\": \"Issues\"}}", "issues.permissions", "missing; expected a list"),
        ("{\"issues\": 7}", "issues", "expected an object"),
        (T.file([T.entry(["access": "\"maintain\""])]), "issues.permissions[0].access", "\"maintain\" is not read, write or admin"),
        (T.file([T.entry(["slug": "\"create an issue\""])]), "issues.permissions[0].slug", "is not a slug"),
        (T.file([T.entry(["requestPath": "\"repos/x\""])]), "issues.permissions[0].requestPath", "is not a request path"),
        (T.file([T.entry(["verb": "\"GET\""])]), "issues.permissions[0].verb", "is not an HTTP method"),
        (T.file([T.entry(["category": "\"\""])]), "issues.permissions[0].category", "is not a category"),
        (T.file([T.entry()], group: "bad key"), "[\"bad key\"]", "is not a permission name"),
        (T.file([T.entry()], group: "issues:all"), "[\"issues:all\"]", "is not a permission name"),
    ])
    func malformed(json: String, path: String, message: String) {
        let problems = Self.problems(json)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.path == path, "\(problems)")
        #expect(problems.first?.message.contains(message) == true, "\(problems)")
    }

    @Test("every problem of the values is reported at once, printed as file: error: path: message")
    func allProblems() {
        let json = Self.file([Self.entry(["access": "\"owner\""]), Self.entry(), Self.entry(["requestPath": "\"x\"", "slug": "\"A\""])])
        let problems = Self.problems(json)
        #expect(problems.map(\.path) == ["issues.permissions[0].access", "issues.permissions[2].slug", "issues.permissions[2].requestPath"])
        let error = DiagnosticsError(importing: GitHubFineGrainedImportError(file: "bad.json", problems: problems))
        #expect(error.description.hasPrefix("bad.json: error: issues.permissions[0].access: \"owner\" is not read, write or admin\n"))
        #expect(error.description.hasSuffix("\n3 errors; nothing was written"))
    }

    @Test("no input crashes the importer: truncated, mangled and deeply nested files are errors")
    func hostile() throws {
        let data = try Self.fixtureData()
        for length in stride(from: 0, to: data.count, by: 97) {
            #expect(Self.problems(String(decoding: data.prefix(length), as: UTF8.self)).isEmpty == false, "prefix \(length)")
        }
        #expect(!Self.problems(String(repeating: "[", count: 100_000)).isEmpty)
        #expect(!Self.problems("{\"issues\": {\"title\": \"Issues\", \"permissions\": [\(String(repeating: "[", count: 5_000))]}}").isEmpty)
        #expect(Self.problems(Self.file([Self.entry(["slug": "\"\(String(repeating: "a", count: 300))\""])])).first?.message.contains("bytes)") == true)
        do {
            _ = try GitHubFineGrainedImporter().importFile(Data([0xFF, 0xFE, 0x00, 0x7B]), file: "binary.json")
            Issue.record("binary input imported")
        } catch {
            #expect(error.gitHubProblems.first?.path == "")
        }
    }

    @Test("a key that is not [a-z0-9_-]+ is refused; another key prefixes the action ids")
    func keys() throws {
        let data = try Self.fixtureData()
        do {
            _ = try GitHubFineGrainedImporter(key: "Git Hub").importFile(data, file: "fixture.json")
            Issue.record("invalid key accepted")
        } catch {
            #expect(error.gitHubProblems.map(\.reason) == [.invalidKey("Git Hub")])
        }
        let other = try GitHubFineGrainedImporter(key: "gh-test").importFile(data, file: "fixture.json").connector
        #expect(other.key == "gh-test")
        #expect(other.action("gh_test_create_an_issue") != nil)
    }

    @Test("files over 32 MiB are refused for their size before being decoded; at the limit they are read")
    func sizeCap() {
        let limit = GitHubFineGrainedImporter.maximumInputSize
        #expect(limit == 32 << 20)
        var over = Data(repeating: 0x20, count: limit + 1)
        over[0] = UInt8(ascii: "{")
        do {
            _ = try GitHubFineGrainedImporter().importFile(over, file: "big.json")
            Issue.record("oversized input imported")
        } catch {
            #expect(error.gitHubProblems.map(\.reason) == [.tooLarge(limit: limit)])
            #expect(error.description.contains("big.json: error: larger than 33554432 bytes"))
        }
        // At the limit: decoded (and refused as JSON, not for its size).
        let at = Data(repeating: 0x20, count: limit)
        #expect(Self.problems(String(decoding: at, as: UTF8.self)).first?.message.hasPrefix("not valid JSON") == true)
    }

    // MARK: Ids and labels

    @Test("slugs that collide within a category add the subcategory, then the method, then a number")
    func collidingIDs() throws {
        let json = Self.file([
            Self.entry(["slug": "\"list-things\"", "subcategory": "\"one\"", "verb": "\"get\"", "requestPath": "\"/a\""]),
            Self.entry(["slug": "\"list-things\"", "subcategory": "\"two\"", "verb": "\"get\"", "requestPath": "\"/b\""]),
            Self.entry(["slug": "\"make-thing\"", "subcategory": "\"one\"", "verb": "\"post\"", "requestPath": "\"/c\""]),
            Self.entry(["slug": "\"make-thing\"", "subcategory": "\"one\"", "verb": "\"put\"", "requestPath": "\"/c\""]),
            Self.entry(["slug": "\"same\"", "subcategory": "\"one\"", "verb": "\"get\"", "requestPath": "\"/d\""]),
            Self.entry(["slug": "\"same\"", "subcategory": "\"one\"", "verb": "\"get\"", "requestPath": "\"/e\""]),
        ])
        let ids = try GitHubFineGrainedImporter().importFile(Data(json.utf8), file: "ids.json").connector.actions.map(\.id.rawValue)
        #expect(Set(ids) == [
            "github_issues_one_list_things", "github_issues_two_list_things",
            "github_issues_one_post_make_thing", "github_issues_one_put_make_thing",
            "github_issues_one_get_same", "github_issues_one_get_same_2",
        ])
    }

    @Test("labels: the slug as a sentence with GitHub's spelling of its names")
    func labels() {
        #expect(GitHubEndpoint.sentence(slug: "get-a-github-pages-site") == "Get a GitHub pages site")
        #expect(GitHubEndpoint.sentence(slug: "list-codeql-databases-and-ssh-keys") == "List CodeQL databases and SSH keys")
        #expect(GitHubEndpoint.sentence(slug: "readme") == "README")
        #expect(GitHubEndpoint.sentence(slug: "re-run-a-workflow") == "Re-run a workflow")
        #expect(GitHubEndpoint.sentence(slug: "list-self-hosted-runners") == "List self-hosted runners")
        #expect(GitHubEndpoint.sentence(slug: "create-a-remove-token") == "Create a remove token")
    }

    @Test("a table entry whose permissions no longer match the file is not used: all permissions, and the comments say so")
    func staleTableEntry() throws {
        let update = "\"slug\": \"update-an-issue\", \"verb\": \"patch\", \"requestPath\": \"/repos/{owner}/{repo}/issues/{issue_number}\""
        let json = """
            {"issues": {"title": "Issues", "displayTitle": "Repository permissions for \\"Issues\\"", "permissions": [
              {"category": "issues", "subcategory": "issues", \(update), "access": "write"}]},
             "pull_requests": {"title": "Pull requests", "displayTitle": "Repository permissions for \\"Pull requests\\"", "permissions": [
              {"category": "issues", "subcategory": "issues", \(update), "access": "read"}]}}
            """
        let imported = try GitHubFineGrainedImporter().importFile(Data(json.utf8), file: "stale.json")
        #expect(try action(imported.connector, "github_update_an_issue").requirement.alternatives
            == [["issues:write", "pull_requests:read", "metadata:read"]])
        #expect(imported.yaml.contains("# Table entries that no longer match the file's permissions (all permissions needed):\n#   github_update_an_issue\n"))
    }

    @Test("the table's entries are well formed: unique endpoints, lowercase methods, alternatives of known levels")
    func table() {
        let keys = GitHubPermissionSets.known.map { "\($0.verb) \($0.path)" }
        #expect(Set(keys).count == keys.count)
        for entry in GitHubPermissionSets.known {
            #expect(entry.verb == entry.verb.lowercased() && entry.path.hasPrefix("/"), "\(entry.verb) \(entry.path)")
            #expect(!entry.sets.isEmpty && entry.sets.allSatisfy { !$0.isEmpty }, "\(entry.path)")
            #expect(!entry.source.isEmpty)
        }
    }

    // MARK: The published file

    @Test("the pinned copy of GitHub's file imports to the committed Guides/github, byte for byte, and every table entry applies",
          .enabled(if: FileManager.default.fileExists(atPath: pinned.path)))
    func publishedFile() throws {
        let imported = try GitHubFineGrainedImporter().importFile(Data(contentsOf: Self.pinned), file: "fine-grained-pat-permissions.json")
        let committed = try String(contentsOf: Fixtures.guidesDirectory.appendingPathComponent("github/github.connector.yaml"), encoding: .utf8)
        #expect(imported.yaml == committed, "Guides/github is out of date: run bash scripts/import-github-guide")
        let connector = imported.connector
        // The facts scripts/data/github/SOURCE.md records for this copy.
        #expect(connector.actions.count == 942)
        #expect(!imported.yaml.contains("no longer match"))
        for entry in GitHubPermissionSets.known {
            let endpoint = "(\(entry.verb.uppercased()) \(entry.path))"
            #expect(connector.actions.contains { $0.label.hasSuffix(endpoint) }, "\(endpoint) is not in the file")
        }
        #expect(Lint.findings(for: connector).isEmpty, "\(Lint.findings(for: connector))")
        let resolver = Resolver(connector: connector)
        let selection = try Selection(["github_create_an_issue", "github_get_repository_content"], in: connector)
        #expect(resolver.resolve(selection, for: connector.methods[0]).scopes == ["contents:read", "issues:write", "metadata:read"])
    }
}
