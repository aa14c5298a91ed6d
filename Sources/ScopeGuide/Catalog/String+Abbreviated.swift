extension StringProtocol {
    /// The text as error messages quote it: whole when short, otherwise its first 100 characters,
    /// an ellipsis and its size, so a pasted 10 MB value cannot flood a terminal or a log.
    var abbreviated: String {
        guard utf8.count > 200 else { return String(self) }
        return "\(prefix(100))… (\(utf8.count) bytes)"
    }
}
