import Foundation
import ScopeGuide
import TestTools
import Testing

/// The real binary on a real socket, and the real page in a real browser.
@Suite(.serialized) struct EndToEndTests {
    struct PageState: Decodable, Equatable {
        struct Image: Decodable, Equatable {
            var src: String?
            var alt: String
            var loading: String?
            /// The natural width once loaded; 0 when the image did not show.
            var width: Int
        }

        var ready: String?
        var href: String
        var url: String?
        var scopes: String?
        var checked: [String]
        var images: [Image]
        /// Visible lines of the grant and refusal report, `key: text`.
        var report: [String]
        /// The "Cannot grant" box's text.
        var refusedBox: String?
        /// `engine` when the page shows the engine's answer, `page` when its script solved.
        var solved: String?
    }

    struct ClickReport: Decodable {
        var before: PageState
        var after: PageState
        var clicked: Bool
        var problems: [String]
    }

    /// Runs scripts/cdp-click-check.py: loads `url` in headless Chromium and ticks `action`.
    /// ``clickCheck(url:action:)`` on a dispatch thread, so the seconds Chromium takes do not block
    /// Swift's cooperative pool, which other tests running meanwhile need.
    static func clickCheckDetached(url: String, action: String, extra: [String] = []) async throws -> (ClickReport?, String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try clickCheck(url: url, action: action, extra: extra) }) }
        }
    }

    /// `extra`: more options for the driver, such as `--map-host`.
    static func clickCheck(url: String, action: String, extra: [String] = []) throws -> (ClickReport?, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ExternalTool.python3.required())
        process.arguments = [ServerFixtures.packageRoot.appendingPathComponent("scripts/cdp-click-check.py").path,
                             "--url", url, "--action", action, "--chromium", try ExternalTool.chromium.required()] + extra
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (try? JSONDecoder().decode(ClickReport.self, from: stdout), stderr)
    }

    @Test("serve: ticking an action in Chromium updates the address bar, the URL field and the scopes box", .requires(.chromium, .python3))
    func tickAnAction() async throws {
        let server = try ServerProcess()
        let ready = try await server.waitUntilReady()
        try #require(ready, "the server did not start:\n\(server.log)")

        let path = "/connectors/front/guides/link-account/api-token"
        let (report, stderr) = try await Self.clickCheckDetached(url: server.baseURL + path + "?actions=front_list_conversations", action: "front_send_message")
        let result = try #require(report, "the CDP driver failed: \(stderr)")

        let renderer = ServerFixtures.renderer
        func engineScopes(_ ids: [String]) throws -> String {
            let json = renderer.render(try ServerFixtures.frontURL(ids), as: .json)
            return try JSONDecoder().decode(ResolutionReport.self, from: Data(json.utf8)).scopesText
        }
        let tailoredURL = server.baseURL + path + "?actions=front_list_conversations,front_send_message"
        #expect(result.clicked)
        #expect(result.before.ready == "1", "the page script did not run (blocked by the CSP?): \(result.problems)")
        #expect(result.before.url == server.baseURL + path + "?actions=front_list_conversations")
        #expect(result.before.scopes == (try engineScopes(["front_list_conversations"])))
        #expect(result.after.checked == ["front_list_conversations", "front_send_message"])
        #expect(result.after.url == tailoredURL)
        #expect(result.after.href == tailoredURL)
        #expect(result.after.scopes == (try engineScopes(["front_list_conversations", "front_send_message"])))
        #expect(result.after.scopes != result.before.scopes)
        #expect(result.problems.isEmpty, "console errors or CSP violations: \(result.problems)")

        #expect(server.stop() == 0, "SIGTERM should stop the server cleanly:\n\(server.log)")
        #expect(server.log.contains("path=\(path)"))
        #expect(server.log.contains("status=200"))
    }

    @Test("serve: typing a grant and a refusal into the page re-solves them as the engine does, under the server's CSP", .requires(.chromium, .python3))
    func typeGrantsAndRefusals() async throws {
        let server = try ServerProcess()
        let ready = try await server.waitUntilReady()
        try #require(ready, "the server did not start:\n\(server.log)")
        defer { _ = server.stop() }

        let path = "/connectors/front/guides/link-account/api-token"
        // Pasted as from a provider's console: commas, a pipe, a new line, an unknown scope.
        let (report, stderr) = try await Self.clickCheckDetached(
            url: server.baseURL + path + "?actions=front_list_conversations,front_list_tags", action: "front_send_message",
            extra: ["--granted", "tags:write,conversations:read|nope\n", "--refused", "tags:read"])
        let result = try #require(report, "the CDP driver failed: \(stderr)")
        #expect(result.before.ready == "1", "the page script did not run (blocked by the CSP?): \(result.problems)")
        #expect(result.problems.isEmpty, "console errors or CSP violations: \(result.problems)")

        let expectedURL = try GuideRequest(
            parsing: server.baseURL + path + "?actions=front_list_conversations,front_list_tags,front_send_message&granted=tags:write,conversations:read&without=tags:read",
            in: ServerFixtures.catalog)
        let json = ServerFixtures.renderer.render(expectedURL, as: .json)
        let engine = try JSONDecoder().decode(ResolutionReport.self, from: Data(json.utf8))
        #expect(result.after.url == expectedURL.description)
        #expect(result.after.href == expectedURL.description)
        #expect(result.after.scopes == engine.scopesText)
        #expect(engine.grant?.add == ["messages:send"])
        // Front's tokens are replaced, not edited: the new one must hold conversations:read too,
        // and tags:write, which nothing selected needs, is dropped.
        #expect(result.after.report == [
            "enabled: List Conversations", "add: messages:send",
            "reconsent: needed: Front cannot change an existing token's permissions. Create a new API token with every scope to grant (the steps below), update the linked account with it, then delete the old token under Settings, Developers, API tokens.",
            "dropped: The new credential will not have tags:write: no selected action needs it.", "unavailable: List Tags",
        ])
        #expect(engine.unavailable == ["front_list_tags"] && engine.grant?.drop == ["tags:write"] && engine.grant?.request == ["conversations:read", "messages:send"])

        // A scope's "refuse" button: the scope goes to the Cannot grant box and the page solves again.
        let (refusing, refusingError) = try await Self.clickCheckDetached(
            url: server.baseURL + path + "?actions=front_list_tags", action: "front_send_message", extra: ["--refuse-chip", "messages:send"])
        let refused = try #require(refusing, "the CDP driver failed: \(refusingError)")
        let refusedURL = try GuideRequest(parsing: server.baseURL + path + "?actions=front_list_tags,front_send_message&without=messages:send", in: ServerFixtures.catalog)
        let refusedEngine = try JSONDecoder().decode(ResolutionReport.self, from: Data(ServerFixtures.renderer.render(refusedURL, as: .json).utf8))
        #expect(refused.after.refusedBox == "messages:send")
        #expect(refused.after.url == refusedURL.description)
        #expect(refused.after.scopes == refusedEngine.scopesText)
        #expect(refused.after.report == ["unavailable: Send Message"])
        #expect(refused.problems.isEmpty, "console errors or CSP violations: \(refused.problems)")
        #expect(refused.before.solved == "engine" && refused.after.solved == "page")

        // Ticking and unticking comes back to the page's own state: the engine's answer again.
        let (back, backError) = try await Self.clickCheckDetached(
            url: server.baseURL + path + "?actions=front_list_tags&granted=tags:write", action: "front_send_message,front_send_message")
        let returned = try #require(back, "the CDP driver failed: \(backError)")
        #expect(returned.before.solved == "engine" && returned.after.solved == "engine")
        #expect(returned.after.scopes == returned.before.scopes && returned.after.url == returned.before.url)
    }

    @Test("serve --strict fails fast with the loader's errors and exit status 1")
    func brokenGuides() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-broken-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("bad"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "key: bad\nname: Bad\nactions: [{id: x, label: X, requiredScopes: nope}]\nauthentication: []\n"
            .write(to: directory.appendingPathComponent("bad/bad.connector.yaml"), atomically: true, encoding: .utf8)
        let server = try ServerProcess(arguments: ["--guides", directory.path, "--strict"])
        // Bounded: a server that starts anyway fails the test (and is stopped), never hangs it.
        #expect(server.process.waitUntilExit(timeout: .seconds(60)) == 1)
        #expect(server.log.contains("bad.connector.yaml:3:"))
        #expect(server.log.contains("unknown scope \"nope\""))
    }

    @Test("serve over a real socket: Host sets the base, a 10 KiB query is 414, request values come back escaped")
    func realSocket() async throws {
        let server = try ServerProcess()
        let ready = try await server.waitUntilReady()
        try #require(ready, "the server did not start:\n\(server.log)")
        let (status, body) = try ServerProcess.get(port: server.port, path: "/connectors/front/guides/link-account/api-token.json?actions=front_send_message")
        #expect(status == 200)
        #expect(body.contains("\"url\" : \"\(server.baseURL)/connectors/front/guides/link-account/api-token?actions=front_send_message\""))
        let (tooLong, _) = try ServerProcess.get(port: server.port, path: "/connectors/front/guides/link-account/api-token?actions=" + String(repeating: "a", count: 10_000))
        #expect(tooLong == 414)
        let (escaped, page) = try ServerProcess.get(port: server.port, path: "/connectors/front/guides/link-account/api-token?actions=%3Cscript%3E")
        #expect(escaped == 400)
        #expect(page.contains("&lt;script&gt;"))
        #expect(!page.contains("<script"))
        #expect(server.stop() == 0)
    }
}
