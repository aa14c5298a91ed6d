/// A JSON value written exactly as Foundation's `JSONEncoder` writes it with `.prettyPrinted`,
/// `.sortedKeys` and `.withoutEscapingSlashes`: two-space indents, `" : "` between key and value,
/// an empty array or object as an opening line, a blank line and the closing bracket.
///
/// `JSONEncoder` goes through `Encodable`'s boxed containers, which was a third of a server's
/// `.json` answer for a guide with large steps; the report builds this tree instead, and a test
/// holds the bytes to `JSONEncoder`'s.
package indirect enum PrettyJSON {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case array([PrettyJSON])
    /// Keys in any order: they are written sorted. A `nil` value leaves its key out.
    case object([(key: String, value: PrettyJSON?)])

    /// A JSON array of strings.
    package static func strings(_ values: [String]) -> PrettyJSON { .array(values.map(PrettyJSON.string)) }

    /// The text, without a final newline.
    package var text: String {
        var output: [UInt8] = []
        write(to: &output, indent: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// The same value on one line, without spaces (keys sorted, the same escapes): for JSON that
    /// travels inside a URL, such as a Slack app manifest.
    var compactText: String {
        var output: [UInt8] = []
        writeCompact(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private func writeCompact(to output: inout [UInt8]) {
        switch self {
        case .string, .integer, .boolean: write(to: &output, indent: 0)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                item.writeCompact(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let pairs):
            output.append(UInt8(ascii: "{"))
            for (index, pair) in pairs.compactMap({ pair in pair.value.map { (pair.key, $0) } }).sorted(by: { $0.0 < $1.0 }).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(pair.0, to: &output)
                output.append(UInt8(ascii: ":"))
                pair.1.writeCompact(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private func write(to output: inout [UInt8], indent: Int) {
        switch self {
        case .string(let text): Self.writeString(text, to: &output)
        case .integer(let value): output += Array(String(value).utf8)
        case .boolean(let value): output += Array((value ? "true" : "false").utf8)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            writeMembers(items.count, indent: indent, to: &output) { index, output in
                items[index].write(to: &output, indent: indent + 2)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let pairs):
            let present = pairs.compactMap { pair in pair.value.map { (pair.key, $0) } }.sorted { $0.0 < $1.0 }
            output.append(UInt8(ascii: "{"))
            writeMembers(present.count, indent: indent, to: &output) { index, output in
                Self.writeString(present[index].0, to: &output)
                output += Array(" : ".utf8)
                present[index].1.write(to: &output, indent: indent + 2)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// A new line per member at `indent + 2`, members separated by commas, and the closing
    /// bracket's line at `indent`; for no member, an empty line.
    private func writeMembers(_ count: Int, indent: Int, to output: inout [UInt8], member: (Int, inout [UInt8]) -> Void) {
        output.append(UInt8(ascii: "\n"))
        if count == 0 { output.append(UInt8(ascii: "\n")) }
        for index in 0..<count {
            output += [UInt8](repeating: UInt8(ascii: " "), count: indent + 2)
            member(index, &output)
            if index < count - 1 { output.append(UInt8(ascii: ",")) }
            output.append(UInt8(ascii: "\n"))
        }
        output += [UInt8](repeating: UInt8(ascii: " "), count: indent)
    }

    /// A string literal escaped as `JSONEncoder` escapes it: `"` and `\`, and control characters
    /// as `\b \t \n \f \r` or `\u00xx`; `/` and everything else as is.
    private static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: output += Array("\\b".utf8)
            case 0x09: output += Array("\\t".utf8)
            case 0x0A: output += Array("\\n".utf8)
            case 0x0C: output += Array("\\f".utf8)
            case 0x0D: output += Array("\\r".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
