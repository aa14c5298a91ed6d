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
}
