extension StringProtocol {
    /// The text as error messages quote it: whole when short, otherwise its first 100 characters,
    /// an ellipsis and its size, so a pasted 10 MB value cannot flood a terminal or a log; and
    /// with control characters other than tab and newline written as `\u{1B}`, so an id or URL
    /// cannot send escape sequences, NULs or bells to the terminal that prints the message.
    /// The server quotes request values in its messages and log lines the same way.
    package var abbreviated: String {
        let text = utf8.count > 200 ? "\(prefix(100))… (\(utf8.count) bytes)" : String(self)
        return text.escapingControlCharacters
    }
}

extension String {
    /// The text with each control character (C0 but tab and newline, DEL, C1) written as `\u{HEX}`.
    package var escapingControlCharacters: String {
        // Most messages have none: one pass over the bytes (C1 characters start with 0xC2).
        guard utf8.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A || $0 == 0x7F || $0 == 0xC2 }) else { return self }
        var escaped = ""
        for scalar in unicodeScalars {
            let value = scalar.value
            if value < 0x20 && value != 0x09 && value != 0x0A || (0x7F...0x9F).contains(value) {
                escaped += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
