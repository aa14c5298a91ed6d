import Foundation

/// Why ``OutputWriter`` would not, or could not, write a file.
public enum OutputWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path names something other than a regular file: a directory, a device, a FIFO, a
    /// socket or a symbolic link. Writing goes through a rename, which would replace it (a
    /// `-o /dev/null` run as root would leave a regular file at `/dev/null`), so it is refused.
    case notARegularFile(path: String, kind: String)
    /// One of the folders on the path is not a folder: a symbolic link (to a folder elsewhere,
    /// say) or a file. Nothing is written through a link below the output folder.
    case notAFolder(path: String, kind: String)
    /// The relative path is empty or has an empty, `.` or `..` component.
    case invalidPath(String)
    /// The system refused a step of the write; carries its reason (`strerror`, or Foundation's).
    case cannotWrite(path: String, reason: String)
    /// A file the build no longer writes could not be deleted; carries the system's reason.
    case cannotRemove(path: String, reason: String)

    public var description: String {
        switch self {
        case .notARegularFile(let path, let kind):
            "cannot write \(path.abbreviated): it is \(kind), not a regular file (only regular files are written)"
        case .notAFolder(let path, let kind):
            "cannot write below \(path.abbreviated): it is \(kind), not a folder (nothing is written through a link or into a file below the output folder)"
        case .invalidPath(let path):
            "cannot write \"\(path.abbreviated)\": not a path below the output folder"
        case .cannotWrite(let path, let reason):
            "cannot write \(path.abbreviated): \(reason.abbreviated)"
        case .cannotRemove(let path, let reason):
            "cannot remove \(path.abbreviated), which the build no longer writes: \(reason.abbreviated)"
        }
    }

    /// The reason alone, with paths relative to `directory`: what ``OutputWriter/Difference/blocked(_:reason:)`` says.
    func reasonBelow(_ directory: URL) -> String {
        let prefix = directory.path.hasSuffix("/") ? directory.path : directory.path + "/"
        let relative = { (path: String) in path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path }
        return switch self {
        case .notARegularFile(let path, let kind), .notAFolder(let path, let kind): "\(relative(path)) is \(kind)"
        case .invalidPath: "not a path below the output folder"
        case .cannotWrite(_, let reason), .cannotRemove(_, let reason): reason
        }
    }
}
