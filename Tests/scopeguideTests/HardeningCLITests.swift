import Foundation
import Testing

/// The hostile inputs that hung or crashed the CLI, each run in a child process with a timeout
/// so the suite itself never hangs (the in-process cases are in ScopeGuideTests/BadInput).
@Suite struct HardeningCLITests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A guides folder holding one connector `demo` whose file starts with `prefix` and whose
    /// scopes are `scopes` (YAML for `scopeDefinitions`).
    static func guides(prefix: String = "", scopes: String = "{s0: {}}") throws -> URL {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("demo"), withIntermediateDirectories: true)
        let text = prefix + """
            key: demo
            name: Demo
            scopeDefinitions: \(scopes)
            actions: [{id: demo_a, label: A, requiredScopes: s0}]
            authentication:
              - token:
                  type: custom
                  label: Token
                  support: {guides: {config: {sections: [{title: Go, steps: [{title: Tick, scopes: s0}]}]}}}

            """
        try Data(text.utf8).write(to: folder.appendingPathComponent("demo/demo.connector.yaml"))
        return folder
    }

    @Test("check on a 490-byte alias bomb of 10^9 nodes used as a key fails at once with a located error")
    func aliasBomb() throws {
        // Before: check, build, render and serve never finished.
        var lines = ["bomb:", "  l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...8 { lines.append("  l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ",") + "]") }
        lines.append("  ? *l8\n  : 1\n")
        let prefix = lines.joined(separator: "\n")
        #expect(prefix.utf8.count < 500)
        let folder = try Self.guides(prefix: prefix, scopes: "{s0: {}}")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["check", "--guides", folder.path], timeout: .seconds(30))
        #expect(!result.timedOut)
        #expect(result.status == 1)
        #expect(result.stderr.contains("demo/demo.connector.yaml:6:"), "\(result.stderr)")
        #expect(result.stderr.contains("aliases bring in"))
    }

    @Test("check and scopes on a 5,000-scope includes chain do not crash")
    func includesChain() throws {
        // Before: SIGSEGV in the recursive cycle check (3,000 scopes worked).
        let scopes = (0..<5_000).map { $0 < 4_999 ? "  s\($0): {includes: s\($0 + 1)}" : "  s\($0): {}" }.joined(separator: "\n")
        let folder = try Self.guides(scopes: "\n" + scopes)
        defer { try? FileManager.default.removeItem(at: folder) }
        let check = try CommandRunner.run(["check", "--guides", folder.path], timeout: .seconds(60))
        #expect(check.exited && !check.timedOut, "\(check.stderr)")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // One connector, in the singular (issues 23 and 27 measured "checked 1 connectors").
        #expect(check.stdout.contains("checked 1 connector: 0 errors"), "\(check.stdout)")
        let scopesResult = try CommandRunner.run(["scopes", "demo", "--guides", folder.path, "--actions", "demo_a"], timeout: .seconds(60))
        #expect(scopesResult.exited && scopesResult.stdout == "s0\n", "\(scopesResult.stderr)")
    }

    /// `render front -o <path>`'s result, within a timeout.
    static func renderTo(_ path: String) throws -> CommandRunner.Result {
        try CommandRunner.run(["render", "front", "--actions", "front_send_message", "--format", "md", "-o", path], timeout: .seconds(30))
    }

    @Test("render -o refuses a FIFO instead of blocking on it or replacing it")
    func fifo() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(path, 0o600) == 0)
        let result = try Self.renderTo(path)
        #expect(!result.timedOut)
        #expect(result.status == 1)
        #expect(result.stderr.contains("it is a FIFO, not a regular file"), "\(result.stderr)")
        var info = stat()
        #expect(lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test("render -o refuses a character device (as /dev/null would be) and leaves it one", .enabled(if: getuid() == 0, "mknod needs root"))
    func characterDevice() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A copy of /dev/null's device numbers (1, 3) in a scratch folder: the real one is never touched.
        let path = folder.appendingPathComponent("null").path
        #expect(mknod(path, S_IFCHR | 0o666, (1 << 8) | 3) == 0)
        let result = try Self.renderTo(path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("it is a character device, not a regular file"), "\(result.stderr)")
        var info = stat()
        #expect(lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }

    @Test("render -o refuses a directory and a symbolic link with a clear message")
    func directoryAndLink() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = try Self.renderTo(folder.path)
        #expect(directory.status == 1)
        #expect(directory.stderr.contains("it is a directory, not a regular file"), "\(directory.stderr)")
        #expect(!directory.stderr.contains("NSCocoaErrorDomain"))

        let file = folder.appendingPathComponent("file.md"), link = folder.appendingPathComponent("link.md")
        try Data("keep".utf8).write(to: file)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
        let linked = try Self.renderTo(link.path)
        #expect(linked.status == 1)
        #expect(linked.stderr.contains("it is a symbolic link"), "\(linked.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == file.path)
        #expect(FileManager.default.contents(atPath: file.path) == Data("keep".utf8))

        let written = try Self.renderTo(folder.appendingPathComponent("new.md").path)
        #expect(written.status == 0)
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent("new.md").path)?.isEmpty == false)
    }

    @Test("build --check reports a temporary file a killed build left (exit 2); build removes it")
    func killedBuildLeftovers() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandRunner.run(["build", "--output", folder.path]).status == 0)
        let leftover = "connectors/front/guides/link-account/.api-token.md.2000000000.tmp"
        try Data("half".utf8).write(to: folder.appendingPathComponent(leftover))
        let check = try CommandRunner.run(["build", "--check", "--output", folder.path])
        #expect(check.status == 2)
        #expect(check.stdout.contains(leftover), "\(check.stdout)")
        #expect(try CommandRunner.run(["build", "--output", folder.path]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(leftover).path))
        #expect(try CommandRunner.run(["build", "--check", "--output", folder.path]).status == 0)
    }

    // MARK: Issue 22's smaller findings

    @Test("--cache-dir \"\" is a usage error, not the working directory")
    func emptyCacheDirectory() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["scopes", "front", "--actions", "front_list_tags", "--cache-dir", "", "--guides", CommandRunner.packageRoot.appendingPathComponent("Guides").path], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("--cache-dir takes a folder"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }

    @Test("import refuses a page over the size cap before reading it whole")
    func importTooLarge() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.html")
        // Sparse: the cap is checked on what is read, one byte past it at most.
        #expect(FileManager.default.createFile(atPath: page.path, contents: nil))
        let handle = try FileHandle(forWritingTo: page)
        try handle.truncate(atOffset: 3 << 30)
        try handle.close()
        let result = try CommandRunner.run(["import", page.path, "--output", folder.appendingPathComponent("Guides").path], timeout: .seconds(60))
        #expect(result.status == 1)
        #expect(result.stderr.contains("is larger than"), "\(result.stderr)")
    }

    @Test("control characters from an id or a URL are escaped in messages, never sent to the terminal")
    func controlCharacters() throws {
        let id = "front_\u{1B}[31mred\u{07}x"
        let scopes = try CommandRunner.run(["scopes", "front", "--actions", id])
        #expect(scopes.status == 1)
        #expect(scopes.stderr.contains("front_\\u{1B}[31mred\\u{7}x"), "\(scopes.stderr)")
        #expect(!scopes.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(scopes.stderr.debugDescription)")
        let url = try CommandRunner.run(["url", "https://docs.stackone.com/connectors/fr\u{1B}]0;title\u{07}ont/guides/link-account/api-token"])
        #expect(url.status == 1)
        #expect(!url.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(url.stderr.debugDescription)")
    }

    @Test("a requiredScope: typo stops check and build with file:line and the suggestion; nothing is built")
    func keyTypo() throws {
        let folder = try Self.guides()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("demo/demo.connector.yaml")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "requiredScopes: s0", with: "requiredScope: s0")
        try Data(text.utf8).write(to: file)
        let output = folder.appendingPathComponent("Output")
        for arguments in [["check"], ["build", "--output", output.path]] {
            let result = try CommandRunner.run(arguments + ["--guides", folder.path])
            #expect(result.status == 1, "\(arguments): \(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("demo/demo.connector.yaml:4:"), "\(result.stderr)")
            #expect(result.stderr.contains(#"unknown key "requiredScope"; did you mean "requiredScopes"?"#), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("build refuses guides with lint errors (exit 2, as check), and publishes nothing")
    func buildRunsLint() throws {
        let folder = try Self.guides()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("demo/demo.connector.yaml")
        // The step no longer displays s0, which demo_a needs: a lint error.
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "steps: [{title: Tick, scopes: s0}]", with: "steps: [{title: Tick}]")
        try Data(text.utf8).write(to: file)
        let check = try CommandRunner.run(["check", "--guides", folder.path])
        #expect(check.status == 2, "\(check.stdout)")
        let output = folder.appendingPathComponent("Output")
        let build = try CommandRunner.run(["build", "--guides", folder.path, "--output", output.path])
        #expect(build.status == 2, "\(build.stdout)\(build.stderr)")
        #expect(build.stderr.contains("demo: error:"), "\(build.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("a link planted in place of a connector's folder in the output stops build with the path; nothing is written where it points")
    func buildThroughLink() throws {
        let folder = try Self.guides(), elsewhere = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: elsewhere) }
        let output = folder.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: output.appendingPathComponent("connectors"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: output.appendingPathComponent("connectors/demo"), withDestinationURL: elsewhere)
        let build = try CommandRunner.run(["build", "--guides", folder.path, "--output", output.path, "--jobs", "1"])
        #expect(build.status == 1, "\(build.stdout)\(build.stderr)")
        #expect(build.stderr.contains(output.appendingPathComponent("connectors/demo").path + ": it is a symbolic link"), "\(build.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == [])
        let check = try CommandRunner.run(["build", "--guides", folder.path, "--output", output.path, "--check"])
        #expect(check.status == 2)
        #expect(check.stdout.contains("(connectors/demo is a symbolic link)"), "\(check.stdout)")
    }
}
