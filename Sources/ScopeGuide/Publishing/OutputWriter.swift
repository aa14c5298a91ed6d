import Foundation

/// Writes rendered files under an output folder atomically, and compares them with what is there.
public struct OutputWriter: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    public enum Change: Hashable, Sendable {
        case written
        case unchanged
    }

    /// A file under the output folder that differs from what a build would write.
    public enum Difference: Hashable, Sendable, CustomStringConvertible {
        case missing(String)
        case stale(String)
        /// On disk but no longer produced (say, a removed guide).
        case extra(String)

        public var description: String {
            switch self {
            case .missing(let path): "missing: \(path)"
            case .stale(let path): "stale: \(path)"
            case .extra(let path): "extra: \(path)"
            }
        }
    }

    /// Writes `file` through a temporary file and a rename, so readers never see half a file.
    /// A file whose contents are already right is left alone.
    @discardableResult
    public func write(_ file: OutputFile) throws -> Change {
        let target = directory.appendingPathComponent(file.path)
        let data = Data(file.contents.utf8)
        if let existing = FileManager.default.contents(atPath: target.path), existing == data { return .unchanged }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try data.write(to: temporary)
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot replace \(target.path): \(reason)"])
        }
        return .written
    }

    /// How the folder differs from `files`: missing and stale files, and files no build produces.
    public func differences(from files: [OutputFile]) -> [Difference] {
        var differences = files.compactMap(difference(for:))
        let expected = Set(files.map(\.path))
        for path in existingFiles() where !expected.contains(path) { differences.append(.extra(path)) }
        return differences
    }

    /// How `file` differs from what the folder holds at its path: missing, stale or not at all.
    public func difference(for file: OutputFile) -> Difference? {
        let path = directory.appendingPathComponent(file.path).path
        guard let existing = FileManager.default.contents(atPath: path) else { return .missing(file.path) }
        return existing == Data(file.contents.utf8) ? nil : .stale(file.path)
    }

    /// The kinds of file a build writes (guides, index, manifest, sitemap, page assets): others in
    /// the folder (a README, a CNAME for the host) are the site owner's and never reported as extra.
    static let builtExtensions: Set<String> = ["md", "html", "json", "xml", "js", "css"]

    /// Relative paths of the files of ``builtExtensions`` under the folder, sorted.
    func existingFiles() -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        let base = directory.standardizedFileURL.path + "/"
        return enumerator.compactMap { item -> String? in
            guard let url = item as? URL, Self.builtExtensions.contains(url.pathExtension) else { return nil }
            let path = url.standardizedFileURL.path
            return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : nil
        }.sorted()
    }
}
