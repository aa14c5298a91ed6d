import Foundation
import Testing

/// `scopeguide import` on the fixture pages, as a user runs it: one folder, both guides of a
/// connector, then the guide they give served by the other commands.
@Suite struct ImportCommandTests {
    static let pages = CommandRunner.packageRoot.appendingPathComponent("Tests/ScopeGuideTests/Fixtures/Pages")

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("a connector-profile page imports to a setup guide that scopes --url resolves")
    func connectorProfile() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = Self.pages.appendingPathComponent("larkspur.connector-profile.mdx").path
        let imported = try CommandRunner.run(["import", page, "--output", folder.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("wrote \(folder.path)/larkspur/larkspur.connector.yaml"))
        #expect(imported.stdout.contains("connector-profile/oauth-2-0: 1 sections"))

        let url = "https://docs.stackone.com/connectors/larkspur/guides/connector-profile/oauth-2-0?actions=larkspur_share_page"
        let scopes = try CommandRunner.run(["scopes", "--url", url, "--guides", folder.path])
        #expect(scopes.status == 0, "\(scopes.stderr)")
        #expect(scopes.stdout == "pages:read sharing:write\n")
        let markdown = try CommandRunner.run(["render", "larkspur", "--setup", "--actions", "larkspur_share_page", "--format", "md", "--guides", folder.path])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains("## Creating the StackOne Connector Profile"))
        #expect(markdown.stdout.contains("![Developer portal](https://docs.stackone.com/images/connectors/larkspur/new-app.png"))
    }

    @Test("the link-account and connector-profile pages merge into one connector file; importing again changes nothing")
    func merge() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["larkspur.link-account.mdx", "larkspur.connector-profile.mdx"] {
            let result = try CommandRunner.run(["import", Self.pages.appendingPathComponent(name).path, "--output", folder.path])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("larkspur").path)
        #expect(files == ["larkspur.connector.yaml"])
        let again = try CommandRunner.run(["import", Self.pages.appendingPathComponent("larkspur.link-account.mdx").path, "--output", folder.path])
        #expect(again.stdout.hasPrefix("unchanged: "), "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("link-account/oauth-2-0: 2 sections, connector-profile/oauth-2-0: 1 sections"))
        for kind in ["link-account", "connector-profile"] {
            let url = "https://docs.stackone.com/connectors/larkspur/guides/\(kind)/oauth-2-0?actions=larkspur_list_pages"
            let scopes = try CommandRunner.run(["scopes", "--url", url, "--guides", folder.path])
            #expect(scopes.stdout == "pages:read\n", "\(kind): \(scopes.stderr)")
        }
        let check = try CommandRunner.run(["check", "--guides", folder.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test("unknown markup exits 1 naming the line; --lenient imports with a warning")
    func lenient() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = try String(contentsOf: Self.pages.appendingPathComponent("quillhub.link-account.legacy.mdx"), encoding: .utf8)
            .replacingOccurrences(of: "Click **New token**", with: "Press <kbd>N</kbd> or click **New token**")
        let file = folder.appendingPathComponent("page.mdx")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let line = page.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("<kbd>") }! + 1
        let strict = try CommandRunner.run(["import", file.path, "--output", folder.path])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("page.mdx:\(line): error: unknown markup <kbd>"))
        let lenient = try CommandRunner.run(["import", file.path, "--output", folder.path, "--lenient"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("page.mdx:\(line): warning: <kbd> cannot be converted; its text is kept (--lenient)"))
    }

    // MARK: --from github-fine-grained

    static let permissionFile = CommandRunner.packageRoot.appendingPathComponent("Tests/ScopeGuideTests/Fixtures/GitHub/fine-grained-pat-permissions.json")

    @Test("GitHub's permission file imports to a github connector that check passes and scopes answers; importing again changes nothing")
    func githubFineGrained() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["import", "--from", "github-fine-grained", Self.permissionFile.path, "--output", folder.path]
        let imported = try CommandRunner.run(arguments)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "wrote \(folder.path)/github/github.connector.yaml (14 actions, 13 scopes; link-account/fine-grained-personal-access-token: 3 sections)\n")
        let again = try CommandRunner.run(arguments)
        #expect(again.stdout.hasPrefix("unchanged: "), "\(again.stdout)\(again.stderr)")
        let check = try CommandRunner.run(["check", "--guides", folder.path])
        #expect(check.status == 0 && check.stdout.contains("0 errors, 0 warnings"), "\(check.stdout)\(check.stderr)")
        let scopes = try CommandRunner.run(["scopes", "github", "--actions", "github_create_an_issue,github_get_repository_content", "--guides", folder.path])
        #expect(scopes.stdout == "contents:read issues:write metadata:read\n", "\(scopes.stderr)")
        let other = try CommandRunner.run(arguments + ["--key", "gh"])
        #expect(other.status == 0 && other.stdout.hasPrefix("wrote \(folder.path)/gh/gh.connector.yaml"), "\(other.stderr)")
    }

    @Test("a malformed permission file exits 1 naming the JSON path, and nothing is written")
    func githubMalformed() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.json")
        let text = try String(contentsOf: Self.permissionFile, encoding: .utf8)
            .replacingOccurrences(of: "\"verb\": \"put\",\n        \"requestPath\": \"/repos/{owner}/{repo}/issues/{issue_number}/lock\"",
                                  with: "\"verb\": 7,\n        \"requestPath\": \"/repos/{owner}/{repo}/issues/{issue_number}/lock\"")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("Guides")
        let result = try CommandRunner.run(["import", "--from", "github-fine-grained", file.path, "--output", output.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.json: error: issues.permissions[4].verb: expected a string\n1 error; nothing was written"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let lenient = try CommandRunner.run(["import", "--from", "github-fine-grained", Self.permissionFile.path, "--lenient", "--output", output.path])
        #expect(lenient.status != 0 && lenient.stderr.contains("--lenient applies to --from stackone-page only"), "\(lenient.stderr)")
    }

    @Test("a permission file over 32 MiB is refused before it is read whole")
    func githubSizeCap() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("huge.json")
        // Sparse: 32 MiB and one byte of zeros, without writing them.
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("{".utf8)))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(32 << 20) + 1)
        try handle.close()
        let result = try CommandRunner.run(["import", "--from", "github-fine-grained", file.path, "--output", folder.appendingPathComponent("Guides").path], timeout: .seconds(60))
        #expect(result.status == 1)
        #expect(result.stderr.contains("is larger than 33554432 bytes (32 MiB)"), "\(result.stderr)")
    }

    static let discovery = CommandRunner.packageRoot.appendingPathComponent("Tests/ScopeGuideTests/Fixtures/Discovery/acmeMail.v1.json")

    @Test("--from google-discovery writes a guide check finds clean; importing again changes nothing; scopes resolves it")
    func googleDiscovery() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try CommandRunner.run(["import", "--from", "google-discovery", Self.discovery.path, "--output", folder.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "wrote \(folder.path)/acme-mail/acme-mail.connector.yaml (13 actions, 6 scopes; link-account/oauth-2-0: 1 sections, connector-profile/oauth-2-0: 4 sections)\n")
        let written = try Data(contentsOf: folder.appendingPathComponent("acme-mail/acme-mail.connector.yaml"))
        let again = try CommandRunner.run(["import", "--from", "google-discovery", Self.discovery.path, "--output", folder.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("unchanged: "), "\(again.stdout)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("acme-mail/acme-mail.connector.yaml")) == written)

        let check = try CommandRunner.run(["check", "--guides", folder.path])
        #expect(check.status == 0 && check.stdout == "checked 1 connector: 0 errors, 0 warnings\n", "\(check.stdout)\(check.stderr)")
        let scopes = try CommandRunner.run(["scopes", "acme-mail", "--actions", "acme_mail_users_messages_get,acme_mail_users_messages_send", "--guides", folder.path])
        #expect(scopes.stdout == "https://www.googleapis.com/auth/acmemail.readonly https://www.googleapis.com/auth/acmemail.send\n", "\(scopes.stderr)")

        let keyed = try CommandRunner.run(["import", "--from", "google-discovery", Self.discovery.path, "--key", "acme", "--include-addon-scopes", "--output", folder.path])
        #expect(keyed.status == 0, "\(keyed.stderr)")
        let yaml = try String(contentsOf: folder.appendingPathComponent("acme/acme.connector.yaml"), encoding: .utf8)
        #expect(yaml.contains("(add-on scopes included)"))
    }

    @Test("a malformed discovery document exits 1 naming the file and the JSON path, and writes nothing")
    func googleDiscoveryMalformed() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("doc.json")
        try #"{"name": "x", "resources": {"users": {"methods": {"list": {"scopes": ["a", 2]}}}}}"#.write(to: file, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("Guides")
        let result = try CommandRunner.run(["import", "--from", "google-discovery", file.path, "--output", output.path])
        #expect(result.status == 1)
        #expect(result.stderr == "\(file.path): error: resources.users.methods.list.scopes[1]: expected a string\n1 error; nothing was written\n")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("each --from kind has its size cap, checked on at most one byte past it")
    func sizeCaps() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Sparse files of NULs: 20 MiB is over a page's 16 MiB cap and under a document's 32 MiB.
        func sparse(_ name: String, bytes: UInt64) throws -> String {
            let url = folder.appendingPathComponent(name)
            #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: bytes)
            try handle.close()
            return url.path
        }
        let twenty = try sparse("twenty.json", bytes: 20 << 20)
        let huge = try sparse("huge.json", bytes: 3 << 30)
        let output = folder.appendingPathComponent("Guides").path
        let page = try CommandRunner.run(["import", twenty, "--output", output], timeout: .seconds(60))
        #expect(page.status == 1 && page.stderr.contains("is larger than 16777216 bytes"), "\(page.stderr)")
        let document = try CommandRunner.run(["import", "--from", "google-discovery", twenty, "--output", output], timeout: .seconds(60))
        #expect(document.status == 1 && document.stderr.contains("error: not valid JSON"), "\(document.stderr)")
        let over = try CommandRunner.run(["import", "--from", "google-discovery", huge, "--output", output], timeout: .seconds(60))
        #expect(over.status == 1 && over.stderr.contains("is larger than 33554432 bytes"), "\(over.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("options of one --from kind are refused with another; an unknown kind is refused")
    func kindOptions() throws {
        let addOns = try CommandRunner.run(["import", Self.discovery.path, "--include-addon-scopes"])
        #expect(addOns.status == 1 && addOns.stderr.contains("--include-addon-scopes applies to --from google-discovery only"), "\(addOns.stderr)")
        let lenient = try CommandRunner.run(["import", "--from", "google-discovery", Self.discovery.path, "--lenient"])
        #expect(lenient.status == 1 && lenient.stderr.contains("--lenient applies to --from stackone-page only"), "\(lenient.stderr)")
        let unknown = try CommandRunner.run(["import", "--from", "openapi", Self.discovery.path])
        #expect(unknown.status == 1 && unknown.stderr.contains("stackone-page"), "\(unknown.stderr)")
    }

    @Test("a discovery document is not merged into a file that does not load; nothing is written")
    func googleDiscoveryBrokenExisting() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let existing = folder.appendingPathComponent("acme-mail/acme-mail.connector.yaml")
        try FileManager.default.createDirectory(at: existing.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "key: acme-mail\nname: [broken\n".write(to: existing, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["import", "--from", "google-discovery", Self.discovery.path, "--output", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("does not load, so the input is not merged into it; nothing was written"), "\(result.stderr)")
        #expect(try String(contentsOf: existing, encoding: .utf8) == "key: acme-mail\nname: [broken\n")
    }
}
