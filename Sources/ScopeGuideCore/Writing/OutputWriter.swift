import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writes rendered files under an output folder atomically, and compares them with what is there.
///
/// Everything happens inside the folder (`OutputFolder`): no symbolic link below it is
/// followed, no file is created where one already is (`O_EXCL`), and temporary names carry a
/// random part, so links planted in the folder cannot redirect a write elsewhere.
public struct OutputWriter: Sendable {
    package let directory: URL
    private let folder: OutputFolder

    public init(directory: URL) {
        self.directory = directory
        folder = OutputFolder(url: directory)
    }

    package enum Change: Hashable, Sendable {
        case written
        case unchanged
    }

    /// A file under the output folder that differs from what a build would write.
    package enum Difference: Hashable, Sendable, CustomStringConvertible {
        case missing(String)
        case stale(String)
        /// On disk but no longer produced (say, a removed guide).
        case extra(String)
        /// A temporary file left by a killed run (see `OutputWriter/staleTemporaryFiles()`).
        case temporary(String)
        /// The path cannot be written: a link, a folder or another kind of file stands there or
        /// in place of one of its folders (the reason says which).
        case blocked(String, reason: String)

        package var description: String {
            switch self {
            case .missing(let path): "missing: \(path)"
            case .stale(let path): "stale: \(path)"
            case .extra(let path): "extra: \(path)"
            case .temporary(let path): "left by a killed run: \(path)"
            case .blocked(let path, let reason): "cannot be written: \(path) (\(reason))"
            }
        }
    }

    /// Writes `file` through a temporary file and a rename, so readers never see half a file.
    /// A file whose contents are already right is left alone.
    ///
    /// Only regular files are written: a rename would replace a directory, a device, a FIFO or a
    /// symbolic link at the path with a regular file, so those are refused before anything is
    /// written; a link in place of one of the path's folders is refused too.
    /// - Throws: ``OutputWriteError``.
    @discardableResult
    package func write(_ file: OutputFile) throws(OutputWriteError) -> Change {
        try write(Data(file.contents.utf8), to: file.path)
    }

    /// ``write(_:)`` for bytes that are not text (the connector cache's entries).
    @discardableResult
    func write(_ data: Data, to path: String) throws(OutputWriteError) -> Change {
        let (folderPath, name) = try folder.split(path)
        let target = folder.path(path)
        // The folder is made only when the first file in it is, not with a `mkdir -p` before
        // every file (1,003 of them in a cold build of 1,005 files, `strace -c`).
        guard let parent = try folder.folder(folderPath, create: true) else { throw .cannotWrite(path: target, reason: "its folder could not be made") }
        if let kind = OutputFolder.kind(of: name, in: parent) { throw .notARegularFile(path: target, kind: kind) }
        if let existing = OutputFolder.contents(of: name, in: parent), existing == data { return .unchanged }
        let temporary = try Self.writeNew(data, named: name, in: parent, target: target)
        guard renameat(parent, temporary, parent, name) == 0 else {
            let reason = String(cString: strerror(errno))
            unlinkat(parent, temporary, 0)
            throw .cannotWrite(path: target, reason: reason)
        }
        return .written
    }

    /// Deletes the file at `path` (relative), then each folder above it that this leaves empty,
    /// up to the output folder (which stays). Nothing is followed: a link in place of one of the
    /// path's folders is an error, and a link at the path is deleted as itself.
    /// - Throws: ``OutputWriteError/cannotRemove(path:reason:)``, ``OutputWriteError/notAFolder(path:kind:)``.
    package func remove(_ path: String) throws(OutputWriteError) {
        let (folderPath, name) = try folder.split(path)
        guard let parent = try folder.folder(folderPath, create: false) else { return }
        guard unlinkat(parent, name, 0) == 0 || errno == ENOENT else {
            throw .cannotRemove(path: folder.path(path), reason: String(cString: strerror(errno)))
        }
        var current = folderPath
        // Removing a folder that is not empty fails, which ends the climb.
        while !current.isEmpty, let (above, last) = try? folder.split(current), let parent = try? folder.folder(above, create: false),
            unlinkat(parent, last, AT_REMOVEDIR) == 0
        {
            folder.forget(current)
            current = above
        }
    }

    /// The bytes of the regular file at `path` (relative), read without following links; `nil`
    /// when there is none there.
    /// With `limit`, a larger file is not read and gives `nil`.
    package func contents(of path: String, limit: Int = .max) -> Data? {
        guard let (folderPath, name) = try? folder.split(path), let parent = try? folder.folder(folderPath, create: false) else { return nil }
        return OutputFolder.contents(of: name, in: parent, limit: limit)
    }

    /// Writes `data` to a new file in `parent` with an unpredictable temporary name for `name`
    /// and returns that name.
    ///
    /// `O_CREAT | O_EXCL | O_NOFOLLOW`: a file or link already at the name fails the call instead
    /// of being written through, and another name is tried. Plain `write`/`close` (mode 0666 less
    /// the umask, as Foundation creates files), without the `fsync` that Foundation's
    /// `Data.write(to:)` adds: the rename already keeps readers and killed runs from seeing half a
    /// file, which is what an output folder needs (it is rebuilt from the guides at will, and git
    /// writes its work tree without syncing each file either); the 1,005 syncs of a cold build
    /// were 0.27 s of its system time (`strace -c`).
    private static func writeNew(_ data: Data, named name: String, in parent: Int32, target: String) throws(OutputWriteError) -> String {
        var descriptor: Int32 = -1
        var temporary = ""
        for _ in 0..<8 {
            temporary = temporaryName(for: name)
            descriptor = openat(parent, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw .cannotWrite(path: target, reason: String(cString: strerror(errno))) }
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
        if let failure {
            unlinkat(parent, temporary, 0)
            throw .cannotWrite(path: target, reason: String(cString: strerror(failure)))
        }
        return temporary
    }

    // MARK: Temporary files

    /// `.<name>.<pid>.<16 random hex digits>.tmp`: hidden, naming the process that writes it (so
    /// a later run can tell a file left by a killed run from one a running build is writing), and
    /// not guessable, so no one can plant a link at the next name.
    static func temporaryName(for name: String, processID: Int32 = ProcessInfo.processInfo.processIdentifier) -> String {
        let random = String(UInt64.random(in: .min ... .max), radix: 16)
        return ".\(name).\(processID).\(String(repeating: "0", count: 16 - random.count) + random).tmp"
    }

    /// The file a temporary file's `name` stands for and the process writing it, if the name has
    /// the shape ``temporaryName(for:processID:)`` gives, or the `.<name>.<pid>.tmp` of earlier
    /// versions (a build killed before an upgrade leaves those).
    static func parseTemporaryName(_ name: String) -> (target: String, processID: Int32)? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        var stem = name.dropFirst().dropLast(4)
        if let dot = stem.lastIndex(of: "."), stem.distance(from: dot, to: stem.endIndex) == 17,
            stem[stem.index(after: dot)...].allSatisfy(\.isHexDigit)
        {
            stem = stem[..<dot]
        }
        guard let dot = stem.lastIndex(of: "."), dot > stem.startIndex else { return nil }
        let digits = stem[stem.index(after: dot)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let processID = Int32(digits) else { return nil }
        return (String(stem[..<dot]), processID)
    }

    /// Whether nothing will rename or delete the temporary file `path` (relative): the process
    /// that named it is gone (killed, or crashed), or the file is an hour old.
    ///
    /// Process IDs are reused, so a live process of the file's ID may be another program: a
    /// build killed as a container's PID 1 leaves files named after a process that always lives.
    /// No write takes an hour between creating its file and renaming it.
    private func isStale(_ path: String, target include: (String) -> Bool) -> Bool {
        guard let (folderPath, name) = try? folder.split(path), let (target, owner) = Self.parseTemporaryName(name), include(target) else { return false }
        // Signal 0 only asks whether the process exists; ESRCH: it does not.
        if kill(owner, 0) != 0 && errno == ESRCH { return true }
        var info = stat()
        guard let parent = try? folder.folder(folderPath, create: false), fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return false }
        return time(nil) - info.st_mtim.tv_sec > 3600
    }

    /// Relative paths of the temporary files of built files (``builtExtensions``) under the folder that no
    /// running process is writing: left by a build killed between writing and renaming. Sorted.
    package func staleTemporaryFiles() -> [String] {
        folder.files { Self.parseTemporaryName($0) != nil }.filter { isStale($0, target: Self.isBuilt) }
    }

    /// Deletes `staleTemporaryFiles()` (for `name` only, in the folder itself, when given:
    /// `render -o` must not touch the rest of a folder such as `/tmp`). Returns their relative paths.
    @discardableResult
    package func removeStaleTemporaryFiles(of name: String? = nil) -> [String] {
        let stale: [String]
        if let name {
            stale = folder.entries(of: "").filter(\.isFile).map(\.name).filter { isStale($0, target: { $0 == name }) }.sorted()
        } else {
            stale = staleTemporaryFiles()
        }
        for path in stale {
            guard let (folderPath, name) = try? folder.split(path), let parent = try? folder.folder(folderPath, create: false) else { continue }
            unlinkat(parent, name, 0)
        }
        return stale
    }

    /// Whether `name` has one of ``builtExtensions``.
    private static func isBuilt(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: ".") else { return false }
        return builtExtensions.contains(String(name[name.index(after: dot)...]))
    }

    /// How `file` differs from what the folder holds at its path: missing, stale, blocked (a link
    /// or another kind of file at the path or in place of one of its folders) or not at all.
    package func difference(for file: OutputFile) -> Difference? {
        let parent: Int32?
        let name: String
        do {
            let split = try folder.split(file.path)
            name = split.name
            parent = try folder.folder(split.folder, create: false)
        } catch {
            return .blocked(file.path, reason: error.reasonBelow(directory))
        }
        guard let parent else { return .missing(file.path) }
        if let kind = OutputFolder.kind(of: name, in: parent) { return .blocked(file.path, reason: "it is \(kind)") }
        guard let existing = OutputFolder.contents(of: name, in: parent) else { return .missing(file.path) }
        return existing == Data(file.contents.utf8) ? nil : .stale(file.path)
    }

    /// The kinds of file a build writes (guides, index, manifest, sitemap, page assets): the
    /// files worth listing when comparing a folder with a build.
    static let builtExtensions: Set<String> = ["md", "html", "json", "xml", "js", "css"]

    /// Relative paths of the regular files of ``builtExtensions`` under the folder, sorted
    /// (links are not followed).
    func existingFiles() -> [String] {
        folder.files(where: Self.isBuilt)
    }

    /// Names of the regular files at the top of `relative` (the folder itself when empty).
    package func fileNames(in relative: String = "") -> [String] {
        folder.entries(of: relative).filter(\.isFile).map(\.name).sorted()
    }
}
