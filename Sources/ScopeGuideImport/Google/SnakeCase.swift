import ScopeGuideCore

/// Makes lowercase snake_case identifiers from dotted camelCase names, as StackOne's action ids
/// are written: `gmail.users.settings.sendAs.list` becomes `gmail_users_settings_send_as_list`,
/// `fhir.Binary-create` becomes `fhir_binary_create`, `getIamPolicy` becomes `get_iam_policy`.
enum SnakeCase {
    /// `name` in snake_case: `.` and `-` become `_`, and a word boundary inside a camelCase run
    /// (a lowercase letter or digit before an uppercase one, or the last capital of an acronym
    /// before a lowercase letter, `HTTPServer` → `http_server`) gets one too; letters are
    /// lowercased. `nil` when the name has a character other than ASCII letters, digits, `.`, `-`
    /// and `_`, or makes an empty identifier.
    static func identifier(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 8)
        func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
        func isLower(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
        func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
                result.append(UInt8(ascii: "_"))
            case _ where isUpper(byte):
                let previous = index > 0 ? bytes[index - 1] : nil
                let next = index + 1 < bytes.count ? bytes[index + 1] : nil
                if let previous, isLower(previous) || isDigit(previous) || (isUpper(previous) && next.map(isLower) == true) {
                    result.append(UInt8(ascii: "_"))
                }
                result.append(byte + 32)
            case _ where isLower(byte) || isDigit(byte):
                result.append(byte)
            default:
                return nil
            }
        }
        guard result.contains(where: { $0 != UInt8(ascii: "_") }) else { return nil }
        return String(decoding: result, as: UTF8.self)
    }
}
