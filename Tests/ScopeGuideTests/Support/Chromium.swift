import Foundation

/// Headless Chromium from Debian (`scripts/setup` installs it), driven without a driver library:
/// `--dump-dom` prints the DOM after the page's scripts ran.
enum Chromium {
    static let executable: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

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
    static func run(_ arguments: [String], url: String) throws -> Run {
        guard let executable else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "chromium is not installed; run scripts/setup"]) }
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
