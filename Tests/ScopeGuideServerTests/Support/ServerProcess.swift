import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The built `scopeguide` binary running `serve` on a free loopback port, for end-to-end tests.
final class ServerProcess {
    let process = Process()
    let port: Int
    private let logFile: URL

    /// The binary SwiftPM built beside the test bundle.
    static let binary: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("scopeguide")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return ServerFixtures.packageRoot.appendingPathComponent(".build/debug/scopeguide")
    }()

    /// Starts `scopeguide serve --port <free port> <arguments>` from the package root.
    init(arguments: [String] = []) throws {
        port = try Self.freePort()
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("sg-serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.executableURL = Self.binary
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", String(port)] + (arguments.contains("--base-url") ? [] : ["--link-to-request-host"]) + arguments
        process.currentDirectoryURL = ServerFixtures.packageRoot
        let log = try FileHandle(forWritingTo: logFile)
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: logFile)
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// What the server printed so far (stdout and stderr).
    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Waits until `/healthz` answers, or the process exits, or `timeout` passes.
    ///
    /// The polling runs on a dispatch thread: other tests may keep Swift's cooperative pool (two
    /// threads here) busy for longer than the timeout, which must not count against the server.
    func waitUntilReady(timeout: Duration = .seconds(30)) async throws -> Bool {
        let process = self.process, port = self.port
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let deadline = ContinuousClock.now + timeout
                while ContinuousClock.now < deadline, process.isRunning {
                    if let (status, _) = try? Self.get(port: port, path: "/healthz"), status == 200 {
                        continuation.resume(returning: true)
                        return
                    }
                    usleep(100_000)
                }
                continuation.resume(returning: false)
            }
        }
    }

    /// Sends SIGTERM and waits for the exit status.
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Sends SIGTERM and waits at most `timeout` for the exit status; past it, SIGKILL and -1, so
    /// a server that does not stop cannot hang the test or keep burning CPU after it.
    func stop(within timeout: Duration) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { usleep(20_000) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -1
        }
        return process.terminationStatus
    }

    /// A port the kernel just handed out for 127.0.0.1 (closed again, so the server can take it).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A plain HTTP/1.1 GET over a socket: (status, body). Enough for readiness checks.
    static func get(port: Int, path: String) throws -> (Int, String) {
        let connection = try RawConnection(port: port)
        connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        // A reply slower than 5 s counts as no reply, so a stuck server cannot hang the test.
        let (text, _) = connection.blockingReadUntilClosed(timeout: .seconds(5))
        guard let status = RawConnection.status(of: text) else { throw POSIXError(.EPROTO) }
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }
}
