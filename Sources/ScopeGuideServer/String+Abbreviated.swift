import ScopeGuide

extension StringProtocol {
    /// The text as the server's messages and log lines quote a request value: whole when at most
    /// 200 bytes, else its first 100 characters, an ellipsis and its size (DocC article
    /// "Architecture", "Speed and robustness"). The engine's messages follow the same rule; its helper is internal to it.
    var abbreviated: String {
        // Control characters escaped as the engine escapes them: a request cannot write ESC or
        // NUL into a log line or a terminal that shows it.
        (utf8.count > 200 ? "\(prefix(100))… (\(utf8.count) bytes)" : String(self)).escapingControlCharacters
    }
}
