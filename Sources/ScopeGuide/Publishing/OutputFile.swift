/// One file of the rendered site, by its path relative to the output folder.
public struct OutputFile: Hashable, Sendable {
    /// Relative path with `/` separators, such as `front/link-account/api-token.md`.
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
