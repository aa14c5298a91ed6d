import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The answer cache across `SIGHUP` reloads of the real `serve`: every cached answer is dropped,
/// the `ETag` stays while the guide sources and the program do, and changes with them.
@Suite(.serialized) struct ReloadCacheTests {
    @Test("a SIGHUP reload invalidates every cached answer; an edited guide gets a new ETag, and the old one a 200")
    func reload() async throws {
        let guides = FileManager.default.temporaryDirectory.appendingPathComponent("sg-reload-cache-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: ServerFixtures.packageRoot.appendingPathComponent("Guides"), to: guides)
        defer { try? FileManager.default.removeItem(at: guides) }
        let server = try ServerProcess(arguments: ["--guides", guides.path])
        let ready = try await server.waitUntilReady()
        try #require(ready, "the server did not start:\n\(server.log)")
        defer { _ = server.stop() }
        let port = server.port
        let paths = ["/connectors/front/guides/link-account/api-token.md?actions=front_send_message",
                     "/connectors/front/guides/link-account/api-token?actions=front_send_message"]

        let first = try ServerProcess.fetch(port: port, path: paths[0])
        let tag = try #require(RawConnection.header("ETag", in: first.response))
        for path in paths + paths.dropFirst() { #expect(try ServerProcess.fetch(port: port, path: path).status == 200) }
        var metrics = try ServerProcess.metrics(port: port)
        #expect(metrics.renders == 2 && metrics.hits == 2, "\(metrics.values)")

        // Reloaded, unchanged: rendered again, and the same ETag (same program, same sources).
        kill(server.process.processIdentifier, SIGHUP)
        #expect(Self.eventually { try ServerProcess.metrics(port: port).values["scopeguide_guides_generation"] == 2 }, "\(server.log)")
        let again = try ServerProcess.fetch(port: port, path: paths[0])
        #expect(again.body == first.body)
        #expect(RawConnection.header("ETag", in: again.response) == tag)
        for path in paths { _ = try ServerProcess.fetch(port: port, path: path) }
        metrics = try ServerProcess.metrics(port: port)
        #expect(metrics.renders == 4, "every answer rendered anew after the reload: \(metrics.values)")
        #expect(metrics.hits == 3)

        // Edited and reloaded: the old ETag no longer matches, the answer shows the edit.
        let connector = guides.appendingPathComponent("front/front.connector.yaml")
        let yaml = try String(contentsOf: connector, encoding: .utf8)
        try yaml.replacingOccurrences(of: "title: Navigate to API Tokens", with: "title: Open the API tokens page")
            .write(to: connector, atomically: true, encoding: .utf8)
        kill(server.process.processIdentifier, SIGHUP)
        #expect(Self.eventually { try ServerProcess.metrics(port: port).values["scopeguide_guides_generation"] == 3 }, "\(server.log)")
        let edited = try ServerProcess.fetch(port: port, path: paths[0], headers: ["If-None-Match: \(tag)"])
        #expect(edited.status == 200)
        #expect(edited.body.contains("Open the API tokens page") && !edited.body.contains("Navigate to API Tokens"))
        let newTag = try #require(RawConnection.header("ETag", in: edited.response))
        #expect(newTag != tag)
        let confirmed = try ServerProcess.fetch(port: port, path: paths[0], headers: ["If-None-Match: \(newTag)"])
        #expect(confirmed.status == 304 && confirmed.body.isEmpty)
    }

    /// Polls `condition` every 100 ms for at most 30 s (the reload runs on its own queue).
    static func eventually(_ condition: () throws -> Bool) -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if (try? condition()) == true { return true }
            usleep(100_000)
        }
        return false
    }
}
