import Testing
@testable import scopeguide

@Suite struct ServeCommandTests {
    @Test("serve parses its options, with the documented defaults")
    func parses() throws {
        let defaults = try #require(try ScopeGuideCommand.parseAsRoot(["serve"]) as? ScopeGuideCommand.Serve)
        #expect(defaults.folder.guides == "Guides")
        #expect(defaults.host == "127.0.0.1")
        #expect(defaults.port == 8080)
        #expect(defaults.baseURL == nil)
        let custom = try #require(try ScopeGuideCommand.parseAsRoot(
            ["serve", "--guides", "G", "--host", "0.0.0.0", "--port", "9000", "--base-url", "https://guides.example.com", "--log-level", "debug"]) as? ScopeGuideCommand.Serve)
        #expect(custom.folder.guides == "G")
        #expect(custom.host == "0.0.0.0")
        #expect(custom.port == 9000)
        #expect(custom.baseURL == "https://guides.example.com")
        #expect(custom.logLevel == "debug")
    }

    @Test("serve rejects a bad port, log level or base URL", arguments: [
        ["serve", "--port", "70000"], ["serve", "--port", "-1"], ["serve", "--log-level", "loud"],
        ["serve", "--base-url", "ftp://x.example"], ["serve", "--base-url", "https://x.example/?q=1"], ["serve", "--base-url", "not a url"],
    ])
    func rejects(arguments: [String]) {
        #expect(throws: (any Error).self) { try ScopeGuideCommand.parseAsRoot(arguments) }
    }

    @Test("a usage error in serve exits 1, as for every command")
    func usageExitCode() throws {
        let result = try CommandRunner.run(["serve", "--port", "70000"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--port must be between 0 and 65535"))
    }
}
