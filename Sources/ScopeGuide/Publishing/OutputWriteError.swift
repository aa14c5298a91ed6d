/// Why ``OutputWriter`` would not, or could not, write a file.
public enum OutputWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path names something other than a regular file: a directory, a device, a FIFO, a
    /// socket or a symbolic link. Writing goes through a rename, which would replace it (a
    /// `-o /dev/null` run as root would leave a regular file at `/dev/null`), so it is refused.
    case notARegularFile(path: String, kind: String)
    /// The system refused a step of the write; carries its reason (`strerror`, or Foundation's).
    case cannotWrite(path: String, reason: String)
    /// A file the build no longer writes could not be deleted; carries the system's reason.
    case cannotRemove(path: String, reason: String)

    public var description: String {
        switch self {
        case .notARegularFile(let path, let kind):
            "cannot write \(path.abbreviated): it is \(kind), not a regular file (only regular files are written)"
        case .cannotWrite(let path, let reason):
            "cannot write \(path.abbreviated): \(reason.abbreviated)"
        case .cannotRemove(let path, let reason):
            "cannot remove \(path.abbreviated), which the build no longer writes: \(reason.abbreviated)"
        }
    }
}
