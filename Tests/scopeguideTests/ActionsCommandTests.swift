import Foundation
import Testing

/// Finding actions from the command line: `actions`, labels given for ids, notes about what the
/// scopes line cannot say, and `--version` (issue 27).
@Suite struct ActionsCommandTests {
    @Test("actions --search finds by label, id or scope; --enabled-by lists what scopes enable; JSON for scripts")
    func search() throws {
        let json = try CommandRunner.run(["actions", "front", "--search", "message", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let listing = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let ids = (listing?["actions"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(ids.contains("front_send_message"))
        #expect(ids.allSatisfy { $0.contains("message") })
        #expect(listing?["total"] as? Int == 52)

        let byScope = try CommandRunner.run(["actions", "front", "--search", "messages:send"])
        #expect(byScope.stdout.split(separator: "\n").map { $0.split(separator: " ")[0] } == ["front_send_message"])
        #expect(byScope.stderr == "1 of 52 actions match\n")

        let enabled = try CommandRunner.run(["actions", "front", "--enabled-by", "contacts:write"])
        #expect(enabled.status == 0)
        let lines = enabled.stdout.split(separator: "\n")
        #expect(lines.count == 4 && lines.allSatisfy { $0.hasSuffix("needs contacts:write") }, "\(enabled.stdout)")

        let unknown = try CommandRunner.run(["actions", "front", "--enabled-by", "contact:write"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean \"contacts:write\"") && !unknown.stderr.contains("Usage"))

        let all = try CommandRunner.run(["actions", "front"])
        #expect(all.stdout.split(separator: "\n").count == 52)
        #expect(all.stderr == "52 actions\n")
    }

    @Test("an action's label given for its id selects it, said on standard error; an unknown one suggests ids by label")
    func labels() throws {
        let byLabel = try CommandRunner.run(["scopes", "front", "--actions", "Send Message,List Conversations"])
        #expect(byLabel.status == 0, "\(byLabel.stderr)")
        #expect(byLabel.stdout == "conversations:read messages:send\n")
        #expect(byLabel.stderr.contains("\"Send Message\" is the label of front_send_message"))

        let typo = try CommandRunner.run(["scopes", "front", "--actions", "Sendmessage"])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("did you mean \"front_send_message\""), "\(typo.stderr)")
    }

    @Test("text output says on standard error which actions are unavailable and when nothing needs adding")
    func notes() throws {
        let refused = try CommandRunner.run(["scopes", "front", "--actions", "front_send_message,front_list_tags", "--without", "messages:send"])
        #expect(refused.status == 0)
        #expect(refused.stdout == "tags:read\n")
        #expect(refused.stderr.contains("unavailable (no scope left after the refusals enables them): Send Message (front_send_message)"))

        let granted = try CommandRunner.run(["scopes", "front", "--actions", "front_list_tags", "--granted", "tags:read"])
        #expect(granted.status == 0)
        #expect(granted.stderr.contains("nothing to add: the existing grant enables every selected action"))
    }

    @Test("--version prints the version and exits 0")
    func version() throws {
        let result = try CommandRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.wholeMatch(of: /\d+\.\d+\.\d+\n/) != nil, "\(result.stdout)")
    }
}
