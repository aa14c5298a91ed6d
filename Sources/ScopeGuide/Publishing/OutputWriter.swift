import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

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
        /// A temporary file left by a killed run (see ``OutputWriter/staleTemporaryFiles()``).
        case temporary(String)

        public var description: String {
            switch self {
            case .missing(let path): "missing: \(path)"
            case .stale(let path): "stale: \(path)"
            case .extra(let path): "extra: \(path)"
            case .temporary(let path): "left by a killed run: \(path)"
            }
        }
    }

    /// Writes `file` through a temporary file and a rename, so readers never see half a file.
    /// A file whose contents are already right is left alone.
    ///
    /// Only regular files are written: a rename would replace a directory, a device, a FIFO or a
    /// symbolic link at the path with a regular file, so those are refused before anything is
    /// written. (Another process could still put one there between the check and the rename;
    /// the output folder is assumed to belong to whoever builds into it.)
    /// - Throws: ``OutputWriteError``.
    @discardableResult
    public func write(_ file: OutputFile) throws(OutputWriteError) -> Change {
        let target = directory.appendingPathComponent(file.path)
        let data = Data(file.contents.utf8)
        if let kind = Self.nonRegularKind(atPath: target.path) { throw .notARegularFile(path: target.path, kind: kind) }
        if let existing = FileManager.default.contents(atPath: target.path), existing == data { return .unchanged }
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(Self.temporaryName(for: target.lastPathComponent))
        var failure = Self.writeNew(data, to: temporary.path)
        if failure == ENOENT {
            // The folder is made only when the first file in it is, not with a `mkdir -p` before
            // every file (1,003 of them in a cold build of 1,005 files, `strace -c`).
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw .cannotWrite(path: target.path, reason: Self.reason(error))
            }
            failure = Self.writeNew(data, to: temporary.path)
        }
        if let failure {
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path: target.path, reason: String(cString: strerror(failure)))
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path: target.path, reason: reason)
        }
        return .written
    }

    /// Deletes the file at `path` (relative), then each folder above it that this leaves empty,
    /// up to the output folder (which stays).
    /// - Throws: ``OutputWriteError/cannotRemove(path:reason:)``.
    public func remove(_ path: String) throws(OutputWriteError) {
        let target = directory.appendingPathComponent(path)
        guard unlink(target.path) == 0 || errno == ENOENT else {
            throw .cannotRemove(path: target.path, reason: String(cString: strerror(errno)))
        }
        var folder = (path as NSString).deletingLastPathComponent
        // rmdir refuses a folder that is not empty, which ends the climb.
        while !folder.isEmpty, rmdir(directory.appendingPathComponent(folder).path) == 0 {
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    /// Writes `data` to a new file at `path`; the `errno` of the step that failed, if one did.
    ///
    /// Plain `open`/`write`/`close` (mode 0666 less the umask, as Foundation creates files),
    /// without the `fsync` that Foundation's `Data.write(to:)` adds: the rename already keeps
    /// readers and killed runs from seeing half a file, which is what an output folder needs (it
    /// is rebuilt from the guides at will, and git writes its work tree without syncing each file
    /// either); the 1,005 syncs of a cold build were 0.27 s of its system time (`strace -c`).
    private static func writeNew(_ data: Data, to path: String) -> Int32? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return errno }
        var failure: Int32?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0, failure == nil { failure = errno }
        return failure
    }

    /// What is at `path` when it exists and is not a regular file ("a directory", "a symbolic
    /// link"…), or `nil`. A symbolic link counts as itself, not as what it points to.
    static func nonRegularKind(atPath path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFLNK: return "a symbolic link"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// Foundation's description of a failed file operation, without its error-domain dump.
    private static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(underlying.code))) }
        return (error as NSError).localizedDescription
    }

    // MARK: Temporary files

    /// `.<name>.<pid>.tmp`: hidden, and naming the process that writes it, so a later run can
    /// tell a file left by a killed run from one a running build is writing.
    static func temporaryName(for name: String, processID: Int32 = ProcessInfo.processInfo.processIdentifier) -> String {
        ".\(name).\(processID).tmp"
    }

    /// The file a temporary file's `name` stands for and the process writing it, if the name has
    /// the shape ``temporaryName(for:processID:)`` gives.
    static func parseTemporaryName(_ name: String) -> (target: String, processID: Int32)? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let stem = name.dropFirst().dropLast(4)
        guard let dot = stem.lastIndex(of: "."), dot > stem.startIndex else { return nil }
        let digits = stem[stem.index(after: dot)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let processID = Int32(digits) else { return nil }
        return (String(stem[..<dot]), processID)
    }

    /// Whether nothing will rename or delete the temporary file `name` in `folder`: the process
    /// that named it is gone (killed, or crashed), or the file is an hour old.
    ///
    /// Process IDs are reused, so a live process of the file's ID may be another program: a
    /// build killed as a container's PID 1 leaves files named after a process that always lives.
    /// No write takes an hour between creating its file and renaming it.
    private static func isStale(_ name: String, in folder: URL, target include: (String) -> Bool) -> Bool {
        guard let (target, owner) = parseTemporaryName(name), include(target) else { return false }
        // Signal 0 only asks whether the process exists; ESRCH: it does not.
        if kill(owner, 0) != 0 && errno == ESRCH { return true }
        var info = stat()
        guard stat(folder.appendingPathComponent(name).path, &info) == 0 else { return false }
        return time(nil) - info.st_mtim.tv_sec > 3600
    }

    /// Relative paths of the temporary files of built files (``builtExtensions``) under the folder that no
    /// running process is writing: left by a build killed between writing and renaming. Sorted.
    func staleTemporaryFiles() -> [String] {
        files { url in Self.isStale(url.lastPathComponent, in: url.deletingLastPathComponent(), target: Self.isBuilt) }
    }

    /// Deletes ``staleTemporaryFiles()`` (for `name` only, in the folder itself, when given:
    /// `render -o` must not touch the rest of a folder such as `/tmp`). Returns their relative paths.
    @discardableResult
    public func removeStaleTemporaryFiles(of name: String? = nil) -> [String] {
        let stale: [String]
        if let name {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            stale = names.filter { Self.isStale($0, in: directory, target: { $0 == name }) }.sorted()
        } else {
            stale = staleTemporaryFiles()
        }
        for path in stale { try? FileManager.default.removeItem(at: directory.appendingPathComponent(path)) }
        return stale
    }

    /// Whether `name` has one of ``builtExtensions``.
    private static func isBuilt(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: ".") else { return false }
        return builtExtensions.contains(String(name[name.index(after: dot)...]))
    }

    /// How `file` differs from what the folder holds at its path: missing, stale or not at all.
    public func difference(for file: OutputFile) -> Difference? {
        let path = directory.appendingPathComponent(file.path).path
        guard let existing = FileManager.default.contents(atPath: path) else { return .missing(file.path) }
        return existing == Data(file.contents.utf8) ? nil : .stale(file.path)
    }

    /// The kinds of file a build writes (guides, index, manifest, sitemap, page assets): the
    /// files worth listing when comparing a folder with a build.
    static let builtExtensions: Set<String> = ["md", "html", "json", "xml", "js", "css"]

    /// Relative paths of the files of ``builtExtensions`` under the folder, sorted.
    func existingFiles() -> [String] {
        files { Self.isBuilt($0.lastPathComponent) }
    }

    /// Relative paths of the files under the folder that pass `include`, sorted.
    private func files(where include: (URL) -> Bool) -> [String] {
        // The folder itself may be a symbolic link (`--output` naming one): list what it points
        // to, with paths relative to that, or nothing in it would be found.
        let root = directory.resolvingSymlinksInPath()
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        let base = root.standardizedFileURL.path + "/"
        return enumerator.compactMap { item -> String? in
            guard let url = item as? URL, include(url) else { return nil }
            let path = url.standardizedFileURL.path
            return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : nil
        }.sorted()
    }
}
