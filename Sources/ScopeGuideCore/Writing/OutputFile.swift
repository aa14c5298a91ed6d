/// One file of the rendered site, by its path relative to the output folder.
package struct OutputFile: Hashable, Sendable {
    /// Relative path with `/` separators, such as `front/link-account/api-token.md`.
    package var path: String
    package var contents: String

    package init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
