import Foundation
import TestTools
import Testing

/// A guide's screenshot in a real browser under the server's Content-Security-Policy: an
/// `https:` image loads and shows; the renderer leaves other sources out, so the page holds none.
@Suite(.serialized) struct GuideImageEndToEndTests {
    /// A one-connector guides folder whose first step shows three images, only one of them https:.
    static func guides() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("shots"), withIntermediateDirectories: true)
        try """
            key: shots
            name: Shots
            scopeDefinitions:
              read: {}
            actions:
              - id: shots_read
                label: Read
                requiredScopes: read
            authentication:
              - apiKey:
                  type: custom
                  label: API Key
                  support:
                    guides:
                      config:
                        sections:
                          - title: Get a key
                            steps:
                              - title: Sign in
                                content: |
                                  ![Sign-in screen](https://images.example/sign-in.png)

                                  ![x](javascript:alert(1)) ![y](http://images.example/plain.png)
                              - title: Grant
                                scopes: [read]
            """.write(to: folder.appendingPathComponent("shots/shots.connector.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    /// scripts/https-image-server.py, started; its port is its first line. The test terminates
    /// it; its lifetime is a safety net, long enough for a test resumed late on a loaded machine
    /// (120 s once ran out before Chromium asked for the image).
    static func imageServer() throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ExternalTool.python3.required())
        process.arguments = [ServerFixtures.packageRoot.appendingPathComponent("scripts/https-image-server.py").path, "--lifetime", "600"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line += byte }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile)
        }
        return (process, port)
    }

    @Test("an https: screenshot loads and shows in Chromium under the server's CSP; other sources render no image", .requires(.chromium, .python3, .openssl))
    func screenshot() async throws {
        let guides = try Self.guides()
        defer { try? FileManager.default.removeItem(at: guides) }
        let (images, port) = try Self.imageServer()
        defer { images.terminate() }
        let server = try ServerProcess(arguments: ["--guides", guides.path])
        let ready = try await server.waitUntilReady()
        try #require(ready, "the server did not start:\n\(server.log)")
        defer { _ = server.stop() }

        let url = server.baseURL + "/connectors/shots/guides/link-account/api-key"
        let (report, stderr) = try await EndToEndTests.clickCheckDetached(url: url, action: "shots_read", extra: ["--map-host", "images.example=\(port)"])
        let result = try #require(report, "the CDP driver failed: \(stderr)")
        #expect(result.after.images == [.init(src: "https://images.example/sign-in.png", alt: "Sign-in screen", loading: "lazy", width: 4)])
        #expect(result.problems.isEmpty, "console errors or CSP violations: \(result.problems)")
    }
}
