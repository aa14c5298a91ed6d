import Foundation

/// Runs the built `scopeguide` binary, as a user would, from the package root.
enum CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Whether the process ended by exiting (not by a signal such as SIGSEGV or SIGKILL).
        var exited = true
        /// Whether ``run(_:in:timeout:)`` killed it for running past its timeout.
        var timedOut = false
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary beside the test bundle: SwiftPM builds both into the same folder.
    static let binary: URL = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("scopeguide")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/scopeguide")
    }()

    /// The decoded-connector cache of every run: a temporary folder of this test process, never
    /// the user's `~/.cache`.
    static let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-cli-cache-\(UUID().uuidString)")

    /// Runs the binary; with a `timeout`, kills it (SIGKILL) if it is still running then, so a
    /// hang fails the test instead of stalling the suite. `input`, when given, is its standard input;
    /// `environment` is added to this process's (with `SCOPEGUIDE_CACHE_DIR` at ``cacheDirectory``).
    static func run(
        _ arguments: [String], in directory: URL = packageRoot, timeout: Duration? = nil, input: Data? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment
            .merging(["SCOPEGUIDE_CACHE_DIR": cacheDirectory.path]) { _, new in new }
            .merging(environment) { _, new in new }
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            // Written from another thread: a large input must not block while the child's
            // output fills its pipes.
            let writer = stdin.fileHandleForWriting
            DispatchQueue.global().async {
                writer.write(input)
                try? writer.close()
            }
        }
        let killed = Killed()
        if let timeout {
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [process] in
                guard process.isRunning else { return }
                killed.set()
                kill(process.processIdentifier, SIGKILL)
            }
        }
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self), exited: process.terminationReason == .exit, timedOut: killed.value)
    }

    /// ``run(_:in:timeout:input:environment:)`` on a dispatch thread, so that waiting for the
    /// child does not hold one of Swift's cooperative threads (two on a two-core machine), which
    /// the suite's async tests need meanwhile.
    static func runDetached(_ arguments: [String], in directory: URL = packageRoot, timeout: Duration? = nil) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try run(arguments, in: directory, timeout: timeout) })
            }
        }
    }

    /// Set from the timeout's queue, read after the process ended.
    private final class Killed: @unchecked Sendable {
        private let lock = NSLock()
        private var flag = false
        func set() { lock.withLock { flag = true } }
        var value: Bool { lock.withLock { flag } }
    }
}
