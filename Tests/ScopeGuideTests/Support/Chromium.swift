import Foundation
import TestTools

/// Headless Chromium (`scripts/setup --test-extras` installs it; found on `PATH` by
/// ``ExternalTool/chromium``), driven without a driver library: `--dump-dom` prints the DOM after
/// the page's scripts ran. Tests that use it carry `.requires(.chromium)`.
enum Chromium {

    struct Run {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// ``run(_:url:)`` on a dispatch thread: a browser run takes a second or more, and blocking
    /// Swift's cooperative pool (two threads on this machine) that long stalls every other
    /// concurrently running test.
    static func runDetached(_ arguments: [String], url: String) async throws -> Run {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try run(arguments, url: url) })
            }
        }
    }

    /// Runs Chromium headless on `url` with `arguments` (say `--dump-dom`), in a fresh profile.
    /// A `--dump-dom` run that prints nothing at all is Chromium failing to start or crashing (seen
    /// once in three CI runs on a loaded machine: an empty DOM, where a page whose script fails
    /// still prints its markup), so it is tried again, at most twice.
    static func run(_ arguments: [String], url: String) throws -> Run {
        var result = try runOnce(arguments, url: url)
        for _ in 0..<2 where arguments.contains("--dump-dom") && result.stdout.isEmpty {
            result = try runOnce(arguments, url: url)
        }
        return result
    }

    private static func runOnce(_ arguments: [String], url: String) throws -> Run {
        let executable = try ExternalTool.chromium.required()
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("sg-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--user-data-dir=\(profile.path)"] + arguments + [url]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self), status: process.terminationStatus)
    }
}
