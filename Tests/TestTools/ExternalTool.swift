import Foundation

/// The programs some tests run besides the package's own: headless Chromium (guide pages in a real
/// browser), Node (the page script's engine), Python 3 (the Chromium driver, the HTTPS image
/// server of the server's end-to-end tests and the static file server built sites are served
/// from), OpenSSL (the image server's certificate), and Hugo and MkDocs (static-site generators
/// that build sites from `build`'s Markdown). Building and using ScopeGuide needs none of them;
/// `bash scripts/setup --test-extras` installs them.
///
/// Each is looked up on `PATH`, as a shell would find it, so a test run with a `PATH` that lacks
/// one behaves as a machine without it. Every test that runs one goes through this check (the
/// `.requires(…)` trait of its test target): where a tool is missing the test is skipped, with
/// the reason, unless `CI` is `true` (as CI sets it), where the test runs and its
/// ``required()`` call fails it, since CI must run everything.
public enum ExternalTool: String, CaseIterable, Sendable {
    case chromium, node, python3, openssl, nginx, hugo, mkdocs

    /// The command names tried on `PATH`, in order.
    var commandNames: [String] {
        switch self {
        case .chromium: ["chromium", "chromium-browser"]
        case .node: ["node"]
        case .python3: ["python3"]
        case .openssl: ["openssl"]
        case .nginx: ["nginx"]
        case .hugo: ["hugo"]
        case .mkdocs: ["mkdocs"]
        }
    }

    /// The tool's executable, found on `PATH` once per test run; `nil` when it is not there.
    public var path: String? { Self.found[self] ?? nil }

    private static let found: [ExternalTool: String?] = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return Dictionary(uniqueKeysWithValues: allCases.map { tool in
            let path = tool.commandNames.lazy.flatMap { name in directories.lazy.map { "\($0)/\(name)" } }
                .first { FileManager.default.isExecutableFile(atPath: $0) }
            return (tool, path)
        })
    }()

    /// Whether `CI` says this is a CI run (`true`, or `1`), where a missing tool fails its tests
    /// instead of skipping them.
    public static var isCI: Bool {
        ["true", "1"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? "")
    }

    /// Whether tests needing `tools` should run: every one is installed, or this is CI.
    public static func shouldRun(_ tools: [ExternalTool]) -> Bool {
        isCI || tools.allSatisfy { $0.path != nil }
    }

    /// Why tests needing `tools` are skipped here, naming the missing ones.
    public static func skipReason(_ tools: [ExternalTool]) -> String {
        let missing = tools.filter { $0.path == nil }
        let names = (missing.isEmpty ? tools : missing).map(\.rawValue)
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
        return "needs \(list), not found on PATH; install the test extras with `bash scripts/setup --test-extras` "
            + "(under CI=true a missing tool fails the test instead)"
    }

    /// The tool's executable; throws when it is missing, which fails the test (under CI, where the
    /// test is not skipped).
    public func required() throws -> String {
        guard let path else { throw Missing(tool: self) }
        return path
    }

    /// A tool a test needs is not on `PATH`.
    public struct Missing: Error, CustomStringConvertible {
        public var tool: ExternalTool
        public var description: String {
            "\(tool.rawValue) is not on PATH, and CI=true makes that a failure rather than a skip: "
                + "CI must install the test extras (`bash scripts/setup --test-extras`)"
        }
    }
}
