import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output folder opened once: every file below it is created, read, renamed and deleted
/// relative to a folder descriptor, never through a symbolic link.
///
/// The folder itself may be a link (`--output` naming one is the user's choice); nothing below
/// it is followed. A path calls at each of its folders `openat(…, O_NOFOLLOW | O_DIRECTORY)`, so
/// `Output/front` planted as a link to `/elsewhere` stops the write with
/// ``OutputWriteError/notAFolder(path:kind:)`` instead of writing `/elsewhere/…`, and a link
/// planted between that check and the `openat` fails the `openat` itself.
final class OutputFolder: @unchecked Sendable {
    let url: URL
    private let lock = NSLock()
    /// Open descriptors of folders by relative path ("" is the folder itself): a build writes
    /// hundreds of files into each, so each is opened once.
    private var descriptors: [String: Int32] = [:]

    init(url: URL) { self.url = url }

    deinit { for descriptor in descriptors.values { close(descriptor) } }

    /// The full path of `relative`, for messages.
    func path(_ relative: String) -> String { relative.isEmpty ? url.path : url.appendingPathComponent(relative).path }

    /// `relative` split into its folder and its name, after checking it names something below
    /// the folder: no empty, `.` or `..` component, no leading `/`.
    func split(_ relative: String) throws(OutputWriteError) -> (folder: String, name: String) {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") }) else {
            throw .invalidPath(relative)
        }
        return (parts.dropLast().joined(separator: "/"), String(parts.last!))
    }

    /// The descriptor of the folder at `relative`; `nil` when it (or a folder above it) does not
    /// exist and `create` is false. With `create`, missing folders are made (mode 0777 less the umask).
    /// - Throws: ``OutputWriteError/notAFolder(path:kind:)`` where a link or a file stands in the
    ///   way; ``OutputWriteError/cannotWrite(path:reason:)`` when the system refuses.
    func folder(_ relative: String, create: Bool) throws(OutputWriteError) -> Int32? {
        if let known = lock.withLock({ descriptors[relative] }) { return known }
        let descriptor: Int32
        if relative.isEmpty {
            var opened = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if opened < 0, errno == ENOENT {
                guard create else { return nil }
                do {
                    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                } catch {
                    throw .cannotWrite(path: url.path, reason: Self.reason(error))
                }
                opened = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            }
            guard opened >= 0 else { throw .cannotWrite(path: url.path, reason: String(cString: strerror(errno))) }
            descriptor = opened
        } else {
            let (parentPath, name) = try split(relative)
            guard let parent = try folder(parentPath, create: create) else { return nil }
            var opened = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if opened < 0, errno == ENOENT {
                guard create else { return nil }
                // EEXIST: another worker made it first.
                guard mkdirat(parent, name, 0o777) == 0 || errno == EEXIST else {
                    throw .cannotWrite(path: path(relative), reason: String(cString: strerror(errno)))
                }
                opened = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            guard opened >= 0 else {
                let failure = errno
                if failure == ELOOP || failure == ENOTDIR, let kind = Self.kind(of: name, in: parent) {
                    throw .notAFolder(path: path(relative), kind: kind)
                }
                throw .cannotWrite(path: path(relative), reason: String(cString: strerror(failure)))
            }
            descriptor = opened
        }
        return lock.withLock {
            // Two workers may open the same folder at once: keep one descriptor.
            if let known = descriptors[relative] {
                close(descriptor)
                return known
            }
            descriptors[relative] = descriptor
            return descriptor
        }
    }

    /// Forgets the descriptors of `relative` and of every folder below it, after it was removed.
    func forget(_ relative: String) {
        lock.withLock {
            for (path, descriptor) in descriptors where path == relative || path.hasPrefix(relative + "/") {
                close(descriptor)
                descriptors[path] = nil
            }
        }
    }

    /// The bytes of the regular file `name` in `folder`; `nil` when there is none. A link or
    /// another kind of file is not read (``kind(of:in:)`` tells what it is).
    /// A file larger than `limit` bytes is not read either: its size is checked first.
    static func contents(of name: String, in folder: Int32, limit: Int = .max) -> Data? {
        let descriptor = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size <= limit else { return nil }
        // A file that grew meanwhile is read as far as its size said; one that shrank is not ours to compare.
        return read(descriptor, count: Int(info.st_size))
    }

    /// Exactly `count` bytes from `descriptor`, or `nil` if it ends (or fails) first.
    static func read(_ descriptor: Int32, count: Int) -> Data? {
        var bytes = Data(count: count)
        var offset = 0
        let complete = bytes.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) -> Bool in
            while offset < count {
                let got = Foundation.read(descriptor, buffer.baseAddress! + offset, count - offset)
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { return false }
                offset += got
            }
            return true
        }
        return complete ? bytes : nil
    }

    /// What `name` in `folder` is when it exists and is not a regular file ("a directory", "a
    /// symbolic link"…), or `nil`. A link counts as itself, not as what it points to.
    static func kind(of name: String, in folder: Int32) -> String? {
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return kindName(info.st_mode)
    }

    /// "a directory", "a symbolic link"… for a mode that is not a regular file's; `nil` for one that is.
    static func kindName(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFLNK: "a symbolic link"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }

    /// The entries of the folder at `relative` as (name, is a folder, is a regular file), links
    /// and other kinds neither; empty when it does not exist or is not a folder.
    func entries(of relative: String) -> [(name: String, isFolder: Bool, isFile: Bool)] {
        guard let folder = try? folder(relative, create: false) else { return [] }
        // fdopendir takes the descriptor it is given; a duplicate keeps the cached one open.
        let duplicate = openat(folder, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard duplicate >= 0, let stream = fdopendir(duplicate) else { return [] }
        defer { closedir(stream) }
        var entries: [(String, Bool, Bool)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                // Some file systems leave d_type unset: ask, without following a link.
                var info = stat()
                guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                type = info.st_mode & S_IFMT == S_IFDIR ? Int32(DT_DIR) : info.st_mode & S_IFMT == S_IFREG ? Int32(DT_REG) : Int32(DT_LNK)
            }
            entries.append((name, type == Int32(DT_DIR), type == Int32(DT_REG)))
        }
        return entries
    }

    /// Relative paths of the regular files below the folder whose names pass `include`, sorted;
    /// links are neither followed nor listed.
    func files(where include: (String) -> Bool) -> [String] {
        var found: [String] = []
        var pending = [""]
        while let folder = pending.popLast() {
            for entry in entries(of: folder) {
                let path = folder.isEmpty ? entry.name : folder + "/" + entry.name
                if entry.isFolder { pending.append(path) } else if entry.isFile, include(entry.name) { found.append(path) }
            }
        }
        return found.sorted()
    }

    /// Foundation's description of a failed file operation, without its error-domain dump.
    static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(underlying.code))) }
        return (error as NSError).localizedDescription
    }
}
