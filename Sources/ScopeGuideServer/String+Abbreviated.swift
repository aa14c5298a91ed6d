extension StringProtocol {
    /// The text as the server's messages and log lines quote a request value: whole when at most
    /// 200 bytes, else its first 100 characters, an ellipsis and its size (README, "Speed and
    /// robustness"). The engine's messages follow the same rule; its helper is internal to it.
    var abbreviated: String {
        guard utf8.count > 200 else { return String(self) }
        return "\(prefix(100))… (\(utf8.count) bytes)"
    }
}
