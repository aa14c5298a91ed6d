import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// One broken connector file must not take the other guides down: `serve` starts with the
/// healthy ones, answers the broken one's routes `503`, lists it, and reloads on `SIGHUP`.
@Suite(.serialized) struct UnavailableConnectorTests {
    /// A copy of the committed guides with a broken connector beside them.
    static func guides() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-unavailable-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: ServerFixtures.packageRoot.appendingPathComponent("Guides"), to: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("broken"), withIntermediateDirectories: true)
        try Self.brokenYAML.write(to: folder.appendingPathComponent("broken/broken.connector.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    static let brokenYAML = "key: broken\nname: Broken\nscopeDefinitions:\n  a: {}\nactions:\n  - {id: broken_a, label: Secret label, requiredScopes: nope}\n"

    /// Polls until `condition` holds for the response to `path`, or 30 s pass (a generous bound:
    /// the reload is asynchronous, and slow on a busy machine).
    static func eventually(_ server: ServerProcess, _ path: String, _ condition: (Int, String) -> Bool) -> (Int, String)? {
        let deadline = ContinuousClock.now + .seconds(30)
        var last: (Int, String)?
        while ContinuousClock.now < deadline {
            if let response = try? ServerProcess.get(port: server.port, path: path) {
                last = response
                if condition(response.0, response.1) { return response }
            }
            usleep(100_000)
        }
        return last
    }

    @Test("serve answers the healthy connectors, 503 for the broken one naming file and line, lists it; SIGHUP reloads")
    func servesTheRest() async throws {
        let guides = try Self.guides()
        defer { try? FileManager.default.removeItem(at: guides) }
        let server = try ServerProcess(arguments: ["--guides", guides.path])
        let ready = try await server.waitUntilReady()
        try #require(ready, "the server did not start:\n\(server.log)")
        defer { _ = server.stop() }

        let front = try ServerProcess.get(port: server.port, path: "/connectors/front/guides/link-account/api-token.json?actions=front_send_message")
        #expect(front.0 == 200)
        let broken = try ServerProcess.get(port: server.port, path: "/connectors/broken/guides/link-account/token")
        #expect(broken.0 == 503)
        #expect(broken.1.contains("broken/broken.connector.yaml:6:"), "\(broken.1)")
        #expect(!broken.1.contains("Secret label"), "no text of the broken file is served")
        let health = try ServerProcess.get(port: server.port, path: "/healthz")
        #expect(health.0 == 200 && health.1 == "ok\nunavailable broken\n")
        let index = try ServerProcess.get(port: server.port, path: "/")
        #expect(index.1.contains("Unavailable") && index.1.contains("broken"))
        #expect(server.log.contains("connector unavailable") && server.log.contains("connector=broken"))

        // Fixed, then reloaded: served.
        try Self.brokenYAML.replacingOccurrences(of: "requiredScopes: nope", with: "requiredScopes: a")
            .appending("authentication:\n  - token:\n      type: custom\n      label: Token\n      support: {guides: {config: {sections: [{title: S, steps: [{title: T, scopes: [a]}]}]}}}\n")
            .write(to: guides.appendingPathComponent("broken/broken.connector.yaml"), atomically: true, encoding: .utf8)
        kill(server.process.processIdentifier, SIGHUP)
        let fixed = Self.eventually(server, "/connectors/broken/guides/link-account/token.md") { status, _ in status == 200 }
        #expect(fixed?.0 == 200, "\(server.log)")
        #expect(try ServerProcess.get(port: server.port, path: "/healthz").1 == "ok\n")

        // A reload that fails keeps what was loaded.
        try "platformName: [unclosed\n".write(to: guides.appendingPathComponent("site.yaml"), atomically: true, encoding: .utf8)
        kill(server.process.processIdentifier, SIGHUP)
        let logged = Self.eventually(server, "/healthz") { _, _ in server.log.contains("reload on SIGHUP failed") }
        #expect(logged?.0 == 200)
        #expect(server.log.contains("reload on SIGHUP failed"), "\(server.log)")
        #expect(try ServerProcess.get(port: server.port, path: "/connectors/broken/guides/link-account/token.md").0 == 200)
    }

    @Test("serve --strict refuses to start when a connector is broken (exit 1, naming the file)")
    func strict() async throws {
        let guides = try Self.guides()
        defer { try? FileManager.default.removeItem(at: guides) }
        let server = try ServerProcess(arguments: ["--guides", guides.path, "--strict"])
        // Bounded: a server that starts anyway is stopped and fails the test, never hangs it.
        let status = server.process.waitUntilExit(timeout: .seconds(60))
        #expect(status != nil, "serve --strict started with a broken connector")
        #expect(status == 1)
        #expect(server.log.contains("broken/broken.connector.yaml:6:"), "\(server.log)")
    }
}
