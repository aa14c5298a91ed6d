import Foundation
import Testing
@testable import scopeguide

@Suite struct ParsingTests {
    @Test("scopes parses its options and rejects --actions with --url")
    func parsesScopes() throws {
        let command = try ScopeGuideCommand.parseAsRoot(["scopes", "front", "--actions", "a,b", "--separator", "comma", "--format", "json"])
        let scopes = try #require(command as? ScopeGuideCommand.Scopes)
        #expect(scopes.guide.connector == "front")
        #expect(scopes.selection.actions == "a,b")
        #expect(scopes.selection.separator == .comma)
        #expect(scopes.format == .json)
        #expect(throws: (any Error).self) {
            try ScopeGuideCommand.parseAsRoot(["scopes", "front", "--actions", "a", "--url", "https://x/y"])
        }
        #expect(throws: (any Error).self) { try ScopeGuideCommand.parseAsRoot(["scopes", "front", "--separator", "tab"]) }
    }
}

@Suite struct EndToEndTests {
    @Test("scopes prints the minimal scopes, joined by the separator")
    func scopesText() throws {
        let result = try CommandRunner.run(["scopes", "front", "--actions", "front_list_conversations,front_send_message"])
        #expect(result.status == 0)
        #expect(result.stdout == "conversations:read messages:send\n")
        let comma = try CommandRunner.run(["scopes", "front", "--actions", "front_list_conversations,front_send_message", "--separator", "comma"])
        #expect(comma.stdout == "conversations:read,messages:send\n")
    }

    @Test("scopes --format json with no selection lists the 24 required scopes and the full badge")
    func scopesJSONFullGuide() throws {
        let result = try CommandRunner.run(["scopes", "front", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let scopes = try #require(object["scopes"] as? [String])
        #expect(scopes.count == 24)
        #expect(scopes.first == "accounts:read")
        #expect(!scopes.contains("messages:write"))
        #expect(object["optimal"] as? Bool == true)
        let sections = try #require(object["sections"] as? [[String: Any]])
        let steps = try #require(sections.first?["steps"] as? [[String: Any]])
        #expect(steps.count == 4)
        let badge = try #require(steps[2]["badge"] as? [String])
        #expect(badge.count == 52)
        #expect(badge == badge.sorted())
        #expect(badge.first == "Add Contact Handle")
        #expect(result.stdout.contains("\"url\" : \"https://docs.stackone.com/connectors/front/guides/link-account/api-token\""))
    }

    @Test("scopes --format json and render --format json print the same report, byte for byte; render --front-matter lists the selection's scopes")
    func oneReportWriter() throws {
        for selection in [[], ["--actions", "front_send_message,front_list_tags"], ["--actions", "front_send_message", "--granted", "conversations:read"]] {
            let scopes = try CommandRunner.run(["scopes", "front", "--format", "json"] + selection)
            let render = try CommandRunner.run(["render", "front", "--format", "json"] + selection)
            #expect(scopes.status == 0 && render.status == 0)
            #expect(scopes.stdout == render.stdout, "\(selection)")
            #expect(scopes.stdout.hasSuffix("}\n") && !scopes.stdout.hasSuffix("\n\n"))
        }
        let text = try CommandRunner.run(["scopes", "front", "--actions", "front_send_message,front_list_tags"])
        let page = try CommandRunner.run(["render", "front", "--actions", "front_send_message,front_list_tags", "--front-matter"])
        #expect(page.status == 0)
        let line = text.stdout.trimmingCharacters(in: .newlines).split(separator: " ").map { "'\($0)'" }.joined(separator: ", ")
        #expect(page.stdout.contains("\nscopes: [\(line)]\n---\n"), "\(page.stdout.prefix(800))")
    }

    @Test("scopes --format json for a selection shows only the scoped step's needed scopes")
    func scopesJSONSelection() throws {
        let result = try CommandRunner.run(["scopes", "front", "--actions", "front_send_message", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let steps = try #require((object["sections"] as? [[String: Any]])?.first?["steps"] as? [[String: Any]])
        #expect(steps.map { $0["title"] as? String } == ["Navigate to API Tokens", "Create Token", "Configure Resource Permissions", "Save and Copy Token"])
        #expect(steps[2]["displayScopes"] as? [String] == ["messages:send"])
        #expect(steps[2]["badge"] as? [String] == ["Send Message"])
        #expect(object["url"] as? String == "https://docs.stackone.com/connectors/front/guides/link-account/api-token?actions=front_send_message")
    }

    @Test("url prints the canonical URL; --url input is canonicalised")
    func url() throws {
        let result = try CommandRunner.run(["url", "front", "--actions", "front_send_message,front_list_conversations"])
        #expect(result.status == 0)
        #expect(result.stdout == "https://docs.stackone.com/connectors/front/guides/link-account/api-token?actions=front_list_conversations,front_send_message\n")
        let fromURL = try CommandRunner.run(["scopes", "--url", "/connectors/front/guides/link-account/api-token?actions=front_send_message%2Cfront_get_contact"])
        #expect(fromURL.stdout == "contacts:read messages:send\n")
    }

    @Test("bad input exits 1 with a precise message", arguments: [
        (["scopes", "front", "--actions", "front_send_mesage"], "unknown action \"front_send_mesage\" for connector \"front\"; did you mean \"front_send_message\""),
        (["scopes", "fron"], "unknown connector \"fron\"; did you mean \"front\"?"),
        (["scopes", "front", "--guide", "oauth"], "connector \"front\" has no guide \"oauth\""),
        (["scopes", "--url", "https://x.example/nothing"], "not a guide URL"),
        (["scopes", "--url", "https://x.example/connectors/front/guides/link-account/api-token?actions=x&foo=1"], "unknown parameter \"foo\""),
        (["scopes", "front", "--separator", "tab"], "tab"),
        (["scopes", "front", "--actions", "a", "--url", "u"], "Give one of --actions, --actions-file, --stages and --url."),
        (["scopes", "front", "--guides", "/nonexistent"], "no such directory"),
    ])
    func badInput(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "stderr was: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("a broken guide source exits 1 naming file, line and field")
    func brokenGuide() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-cli-\(UUID().uuidString)")
        let folder = directory.appendingPathComponent("Guides/broken")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "key: broken\nname: Broken\nactions:\n  - id: a\n    requiredScopes: x\nauthentication: [\n"
            .write(to: folder.appendingPathComponent("broken.connector.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["check"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Guides/broken/broken.connector.yaml:"))
        #expect(result.stderr.contains("YAML syntax error"))
    }

    @Test("check reports lint findings for the committed guides and exits 0 on warnings only")
    func check() throws {
        let result = try CommandRunner.run(["check"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("front: warning: step \"Configure Resource Permissions\" displays scope \"messages:write\" that no action needs"))
    }

    @Test("check --format json groups problems by severity as objects with file, line, key path and message")
    func checkJSON() throws {
        let result = try CommandRunner.run(["check", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["connectors"] as? [String])?.contains("front") == true)
        #expect((object["errors"] as? [Any])?.isEmpty == true)
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        #expect(warnings.contains { $0["connector"] as? String == "front" && $0["severity"] as? String == "warning"
            && ($0["message"] as? String)?.contains("messages:write") == true })
        let text = try CommandRunner.run(["check"])
        #expect(text.stdout.hasSuffix("0 errors, \(warnings.count) warning\(warnings.count == 1 ? "" : "s")\n"), "\(text.stdout)")

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-cli-\(UUID().uuidString)")
        let folder = directory.appendingPathComponent("Guides/broken")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "key: broken\nname: Broken\nactions: [\n".write(to: folder.appendingPathComponent("broken.connector.yaml"), atomically: true, encoding: .utf8)
        let broken = try CommandRunner.run(["check", "--format", "json"], in: directory)
        #expect(broken.status == 1)
        let failed = try #require(try JSONSerialization.jsonObject(with: Data(broken.stdout.utf8)) as? [String: Any])
        let errors = try #require(failed["errors"] as? [[String: Any]])
        #expect(errors.first?["file"] as? String == "Guides/broken/broken.connector.yaml", "\(errors)")
        #expect(errors.first?["line"] as? Int != nil && errors.first?["severity"] as? String == "error")
    }

    @Test("--help explains each command")
    func help() throws {
        for command in ["scopes", "url", "check"] {
            let result = try CommandRunner.run([command, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE: scopeguide \(command)"))
        }
    }
}

@Suite struct RenderAndBuildCommandTests {
    @Test("render md shows one scoped step for one action; --whitelabel drops the hub part")
    func renderMarkdown() throws {
        let result = try CommandRunner.run(["render", "front", "--actions", "front_send_message", "--format", "md"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("*Enables actions: Send Message*"))
        #expect(result.stdout.contains("  - `messages:send`\n"))
        #expect(result.stdout.contains("?actions=front_send_message>"))
        #expect(result.stdout.contains("## Linking the Account from the Hub"))
        let whitelabel = try CommandRunner.run(["render", "front", "--actions", "front_send_message", "--format", "md", "--whitelabel"])
        #expect(whitelabel.status == 0)
        #expect(!whitelabel.stdout.contains("Linking the Account"))
    }

    @Test("render -o writes the file; bad --var and bad format exit 1")
    func renderToFileAndErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("front.html")
        let result = try CommandRunner.run(["render", "front", "--format", "html", "-o", file.path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        let badVariable = try CommandRunner.run(["render", "front", "--var", "subdomain=x"])
        #expect(badVariable.status == 1)
        #expect(badVariable.stderr.contains("connector \"front\" has no variable \"subdomain\""))
        let badFormat = try CommandRunner.run(["render", "front", "--format", "pdf"])
        #expect(badFormat.status == 1)
    }

    @Test("build writes every guide; a second build is byte-identical; --check exits 2 on stale files")
    func buildAndCheck() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-build-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("Output").path
        let first = try CommandRunner.run(["build", "--output", output])
        #expect(first.status == 0)
        #expect(first.stdout.contains("rendered "))
        let page = directory.appendingPathComponent("Output/connectors/front/guides/link-account/api-token/index.html")
        let markdown = directory.appendingPathComponent("Output/connectors/front/guides/link-account/api-token.md")
        let before = try Data(contentsOf: page) + Data(contentsOf: markdown)
        let second = try CommandRunner.run(["build", "--output", output, "--jobs", "1"])
        #expect(second.stdout.contains("0 written"))
        #expect(try Data(contentsOf: page) + Data(contentsOf: markdown) == before)
        #expect(try CommandRunner.run(["build", "--output", output, "--check"]).status == 0)

        try "edited".write(to: markdown, atomically: true, encoding: .utf8)
        try "old".write(to: directory.appendingPathComponent("Output/connectors/front/guides/link-account/removed.md"), atomically: true, encoding: .utf8)
        let check = try CommandRunner.run(["build", "--output", output, "--check"])
        #expect(check.status == 2)
        #expect(check.stdout.contains("stale: connectors/front/guides/link-account/api-token.md"))
        // No build wrote removed.md: the site owner's, never reported or deleted.
        #expect(!check.stdout.contains("removed.md"))
        try FileManager.default.removeItem(at: page)
        #expect(try CommandRunner.run(["build", "--output", output, "--check"]).stdout.contains("missing: connectors/front/guides/link-account/api-token/index.html"))
    }

    @Test("build --jobs 0 is a usage error (exit 1)")
    func buildJobsZero() throws {
        let result = try CommandRunner.run(["build", "--jobs", "0", "--check"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--jobs must be at least 1"))
    }

    @Test("build --format json reports counts, and with --check the differences and exit 2")
    func buildJSON() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-build-json-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.path
        let check = try CommandRunner.run(["build", "--check", "--format", "json", "--output", output])
        #expect(check.status == 2)
        let stale = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        #expect(stale["upToDate"] as? Bool == false)
        let differences = try #require(stale["differences"] as? [[String: String]])
        #expect(differences.count == stale["files"] as? Int)
        #expect(differences.contains(["kind": "missing", "path": "connectors/front/guides/link-account/api-token/index.html"]))

        let build = try CommandRunner.run(["build", "--format", "json", "--output", output])
        #expect(build.status == 0)
        let written = try #require(try JSONSerialization.jsonObject(with: Data(build.stdout.utf8)) as? [String: Any])
        #expect(written["written"] as? Int == written["files"] as? Int)
        #expect(written["unchanged"] as? Int == 0)
        #expect(written["removed"] as? Int == 0)
        #expect(Set(written.keys) == ["guides", "connectors", "files", "bytes", "written", "unchanged", "removed"])

        let again = try CommandRunner.run(["build", "--check", "--format", "json", "--output", output])
        #expect(again.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])?["upToDate"] as? Bool == true)
    }
}
