import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The built `scopeguide` binary running `serve` on a free loopback port, for end-to-end tests.
///
/// Every wait here is bounded, so a server that does not start, answer or stop fails its test
/// instead of hanging the suite.
final class ServerProcess {
    let process: ChildProcess
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
        let arguments = ["serve", "--host", "127.0.0.1", "--port", String(port)]
            + (arguments.contains("--base-url") ? [] : ["--link-to-request-host"]) + arguments
        process = try ChildProcess(executable: Self.binary.path, arguments: arguments, directory: ServerFixtures.packageRoot.path, output: logFile.path)
    }

    deinit {
        if process.isRunning { _ = stop(within: .seconds(10)) }
        try? FileManager.default.removeItem(at: logFile)
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// What the server printed so far (stdout and stderr).
    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Waits until `/healthz` answers, or the process exits, or `timeout` passes.
    ///
    /// The polling runs on a dispatch thread: other tests may keep Swift's cooperative pool (two
    /// threads here) busy for longer than the timeout, which must not count against the server.
    func waitUntilReady(timeout: Duration = .seconds(60)) async throws -> Bool {
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

    /// Sends SIGTERM and waits for the exit status (at most a minute: see ``stop(within:)``).
    func stop() -> Int32 {
        stop(within: .seconds(60))
    }

    /// Sends SIGTERM and waits at most `timeout` for the exit status; past it, SIGKILL and -1, so
    /// a server that does not stop cannot hang the test or keep burning CPU after it.
    func stop(within timeout: Duration) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        if let status = process.waitUntilExit(timeout: timeout) { return status }
        kill(process.processIdentifier, SIGKILL)
        _ = process.waitUntilExit(timeout: .seconds(60))
        return -1
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
        // Bounded, so a stuck server cannot hang the test; generous, so a busy machine is not a stuck server.
        let (text, _) = connection.blockingReadUntilClosed(timeout: .seconds(30))
        guard let status = RawConnection.status(of: text) else { throw POSIXError(.EPROTO) }
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }
}

extension ServerProcess {
    /// A plain HTTP/1.1 GET with `headers` (`Name: value` lines): status, the whole response
    /// text (headers and body), and the body.
    static func fetch(port: Int, path: String, headers: [String] = []) throws -> (status: Int, response: String, body: String) {
        let connection = try RawConnection(port: port)
        let extra = headers.map { $0 + "\r\n" }.joined()
        connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(extra)Connection: close\r\n\r\n")
        let (text, _) = connection.blockingReadUntilClosed(timeout: .seconds(30))
        guard let status = RawConnection.status(of: text) else { throw POSIXError(.EPROTO) }
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, text, body)
    }

    /// `/metrics` of the server on `port`.
    static func metrics(port: Int) throws -> MetricsReading {
        MetricsReading(try fetch(port: port, path: "/metrics").body)
    }
}

/// A child process started with `posix_spawn` and reaped here with `waitpid`.
///
/// Not Foundation's `Process`: on Linux it learns of a child's exit through a socket the child
/// inherits, and with several servers started at once from different threads (suites run in
/// parallel) one spawn can hand another child's socket to its own child, or miss the exit
/// altogether. A test's `waitUntilExit()` then spun forever beside a zombie server; here the
/// exit status comes from `waitpid` on the child's own PID.
final class ChildProcess: @unchecked Sendable {
    let processIdentifier: pid_t
    private let lock = NSLock()
    private var status: Int32?

    /// Runs `executable` with `arguments` in `directory`, stdout and stderr appended to `output`,
    /// stdin from /dev/null, no other descriptor inherited, default signal handling.
    init(executable: String, arguments: [String], directory: String, output: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // glibc's GNU extensions (2.34+), which Swift's Glibc module does not import.
        guard let closeFrom = Self.glibc("posix_spawn_file_actions_addclosefrom_np", as: CloseFrom.self),
              let changeDirectory = Self.glibc("posix_spawn_file_actions_addchdir_np", as: ChangeDirectory.self)
        else { throw POSIXError(.ENOSYS) }
        _ = closeFrom(&actions, 3)
        _ = changeDirectory(&actions, directory)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The test's threads may block or ignore signals; the server must get SIGTERM and SIGHUP.
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
        processIdentifier = pid
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    private static func glibc<F>(_ name: String, as type: F.Type) -> F? {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), name).map { unsafeBitCast($0, to: type) }
    }

    deinit {
        // Never leave a zombie behind.
        if isRunning {
            kill(processIdentifier, SIGKILL)
            _ = waitUntilExit(timeout: .seconds(10))
        }
    }

    /// The exit status once the child has exited (128 + the signal when a signal ended it).
    private func poll() -> Int32? {
        lock.withLock {
            if let status { return status }
            var raw: Int32 = 0
            guard waitpid(processIdentifier, &raw, WNOHANG) == processIdentifier else { return nil }
            let signal = raw & 0x7f
            status = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
            return status
        }
    }

    var isRunning: Bool { poll() == nil }

    /// The exit status; only once the child has exited.
    var terminationStatus: Int32 {
        guard let status = poll() else { preconditionFailure("the child is still running") }
        return status
    }

    /// Waits for the child to exit, polling every 10 ms for at most `timeout`; its exit status,
    /// or nil when it still runs.
    func waitUntilExit(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let status = poll() { return status }
            guard ContinuousClock.now < deadline else { return nil }
            usleep(10_000)
        }
    }
}
