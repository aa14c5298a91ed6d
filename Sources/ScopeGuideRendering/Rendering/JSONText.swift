import Foundation
import ScopeGuideCore

/// JSON text for the page data, as Foundation's `JSONEncoder` writes it (sorted keys, slashes
/// unescaped), made safe inside a script element.
enum JSONText {
    /// `value` encoded by `JSONEncoder`, script-safe.
    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return scriptSafe(String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self))
    }

    /// A JSON array of `items`, each written by `element`; as `JSONEncoder` writes it.
    static func array<Items: Sequence>(_ items: Items, _ element: (Items.Element) -> String) -> String {
        var json = "["
        var first = true
        for item in items {
            if !first { json += "," }
            first = false
            json += element(item)
        }
        return json + "]"
    }

    /// A JSON array of integers.
    static func integers(_ values: some Sequence<Int>) -> String { array(values) { String($0) } }

    /// A JSON string literal, escaped as `JSONEncoder` does (`"`, `\` and control characters,
    /// the latter as `\b \t \n \f \r` or `\u00xx`), script-safe.
    static func string(_ text: String) -> String {
        // Most ids, labels and scope names need no escape, and then no byte-by-byte copy.
        guard text.containsUTF8Byte(where: needsEscape) else { return "\"" + text + "\"" }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: bytes += Array("\\b".utf8)
            case 0x09: bytes += Array("\\t".utf8)
            case 0x0A: bytes += Array("\\n".utf8)
            case 0x0C: bytes += Array("\\f".utf8)
            case 0x0D: bytes += Array("\\r".utf8)
            case 0..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"): bytes += unicodeEscape(byte)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<0x20, UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"): true
        default: false
        }
    }

    /// `json` with `<`, `>` and `&` written as `\u003c`, `\u003e` and `\u0026`. They only occur
    /// inside JSON strings, where the escapes mean the same characters.
    static func scriptSafe(_ json: String) -> String {
        guard json.containsUTF8Byte(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") }) else { return json }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(json.utf8.count + 16)
        for byte in json.utf8 {
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"): bytes += unicodeEscape(byte)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func unicodeEscape(_ byte: UInt8) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        return Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
    }
}
