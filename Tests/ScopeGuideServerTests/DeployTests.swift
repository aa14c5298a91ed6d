import Foundation
import TestTools
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `deploy/run-local.sh`: nginx (as `deploy/scopeguide.nginx.conf` configures it) as reverse
/// proxy and shared cache in front of two `serve` instances, on loopback ports.
@Suite(.serialized, .requires(.nginx)) struct DeployTests {
    @Test("deploy/run-local.sh starts nginx and two instances; a tailored page comes through it, then from nginx's cache")
    func throughTheProxy() async throws {
        _ = try ExternalTool.nginx.required()
        let ports = try (0..<3).map { _ in try ServerProcess.freePort() }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sg-deploy-\(UUID().uuidString)")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("sg-deploy-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: work); try? FileManager.default.removeItem(at: log) }
        let script = try ChildProcess(
            executable: "/bin/bash",
            arguments: ["deploy/run-local.sh", "--port", String(ports[0]), "--backend-ports", "\(ports[1]),\(ports[2])",
                        "--bin", ServerProcess.binary.path, "--work", work.path],
            directory: ServerFixtures.packageRoot.path, output: log.path)
        defer {
            if script.isRunning { kill(script.processIdentifier, SIGTERM) }
            _ = script.waitUntilExit(timeout: .seconds(60))
        }
        let output = { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
        let ready = ReloadCacheTests.eventually { !script.isRunning || output().contains("ready http://127.0.0.1:\(ports[0])") }
        try #require(ready && script.isRunning, "run-local.sh did not start:\n\(output())")

        let path = "/connectors/front/guides/link-account/api-token?actions=front_send_message,front_list_conversations"
        let first = try ServerProcess.fetch(port: ports[0], path: path)
        #expect(first.status == 200)
        #expect(first.body.contains("<!DOCTYPE html>") || first.body.contains("<!doctype html>"))
        // Links on the page point at the proxy (run-local.sh passes it as --base-url).
        #expect(first.body.contains("http://127.0.0.1:\(ports[0])/connectors/front/guides/link-account/api-token?actions=front_list_conversations,front_send_message"))
        #expect(RawConnection.header("X-Cache-Status", in: first.response) == "MISS")
        #expect(RawConnection.header("Content-Security-Policy", in: first.response) != nil)
        let tag = try #require(RawConnection.header("ETag", in: first.response))

        let second = try ServerProcess.fetch(port: ports[0], path: path)
        #expect(second.status == 200 && second.body == first.body)
        #expect(RawConnection.header("X-Cache-Status", in: second.response) == "HIT")
        #expect(RawConnection.header("ETag", in: second.response) == tag)
        #expect(RawConnection.header("Content-Security-Policy", in: second.response) == RawConnection.header("Content-Security-Policy", in: first.response))
        let revalidated = try ServerProcess.fetch(port: ports[0], path: path, headers: ["If-None-Match: \(tag)"])
        #expect(revalidated.status == 304)

        // Either instance answers, with the same ETag: the two rendered one URL once between them.
        let renders = try ports.dropFirst().map { try ServerProcess.metrics(port: $0).renders }
        #expect(renders.reduce(0, +) == 1, "\(renders)")
        for port in ports.dropFirst() {
            let direct = try ServerProcess.fetch(port: port, path: path)
            #expect(RawConnection.header("ETag", in: direct.response) == tag, "instance \(port)")
        }
        // Errors are not kept by nginx either.
        for _ in 0..<2 {
            let error = try ServerProcess.fetch(port: ports[0], path: "/connectors/front/guides/link-account/api-token?actions=front_nope")
            #expect(error.status == 400)
            #expect(RawConnection.header("X-Cache-Status", in: error.response) == "MISS")
        }
        #expect(try ServerProcess.fetch(port: ports[0], path: "/metrics").status == 404)

        kill(script.processIdentifier, SIGTERM)
        #expect(script.waitUntilExit(timeout: .seconds(60)) == 0, "\(output())")
        for port in ports {
            #expect((try? ServerProcess.fetch(port: port, path: "/healthz")) == nil, "port \(port) still answers after the script stopped")
        }
    }
}
