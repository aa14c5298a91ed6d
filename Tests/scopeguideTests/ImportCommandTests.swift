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
        #expect(lenient.status != 0 && lenient.stderr.contains("--lenient applies only to --from stackone-page"), "\(lenient.stderr)")
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
        #expect(result.stderr.contains("is larger than 33554432 bytes: not a permission file (at most 32 MiB)"), "\(result.stderr)")
    }
}
