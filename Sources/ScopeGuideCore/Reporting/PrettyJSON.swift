/// The one JSON writer: a JSON value written exactly as Foundation's `JSONEncoder` writes it with
/// `.sortedKeys` and `.withoutEscapingSlashes`, pretty (`.prettyPrinted`: two-space indents,
/// `" : "` between key and value, an empty array or object as an opening line, a blank line and
/// the closing bracket) or compact, and optionally with `<`, `>` and `&` escaped for markup.
///
/// `JSONEncoder` goes through `Encodable`'s boxed containers, which was a third of a server's
/// `.json` answer for a guide with large steps and a tenth of a build's time for the page data;
/// writers build this tree instead (``init(encoding:)`` turns any other `Encodable` into one), and
/// tests hold the bytes to `JSONEncoder`'s.
package indirect enum PrettyJSON: Sendable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case null
    case array([PrettyJSON])
    /// Keys in any order: they are written sorted. A `nil` value leaves its key out.
    case object([(key: String, value: PrettyJSON?)])
    /// Keys written in the order given, for a format that fixes its own order (the Hub's
    /// catalogue attribute). A `nil` value leaves its key out.
    case orderedObject([(key: String, value: PrettyJSON?)])
    /// Text this writer wrote before, copied as is: a part cached across many documents (the
    /// page data's per-connector members), written compact with the same escapes as the rest.
    case written(String)

    /// How a value is laid out.
    package enum Layout: Sendable {
        /// As `JSONEncoder`'s `.prettyPrinted`.
        case pretty
        /// On one line, without spaces: for JSON inside a URL or a page.
        case compact
    }

    /// A JSON array of strings.
    package static func strings(_ values: [String]) -> PrettyJSON { .array(values.map(PrettyJSON.string)) }

    /// A JSON array of integers.
    package static func integers(_ values: some Sequence<Int>) -> PrettyJSON { .array(values.map(PrettyJSON.integer)) }

    /// The pretty text, without a final newline.
    package var text: String { text(.pretty) }

    /// The same value on one line, without spaces (keys sorted, the same escapes): for JSON that
    /// travels inside a URL, such as a Slack app manifest.
    var compactText: String { text(.compact) }

    /// The value as text, without a final newline.
    ///
    /// - Parameters:
    ///   - layout: pretty or compact.
    ///   - escapingMarkup: whether `<`, `>` and `&` are written `\u003c`, `\u003e` and `\u0026`
    ///     (the same characters to a JSON reader), so the text can sit inside
    ///     `<script type="application/json">` or reach a content-sniffing client without any
    ///     string from a guide or a request closing an element.
    package func text(_ layout: Layout, escapingMarkup: Bool = false) -> String {
        var writer = Writer(layout: layout, escapingMarkup: escapingMarkup)
        writer.write(self, indent: 0)
        return String(decoding: writer.output, as: UTF8.self)
    }

    /// The writer's state: the bytes so far and the two choices.
    private struct Writer {
        let layout: Layout
        let escapingMarkup: Bool
        var output: [UInt8] = []

        init(layout: Layout, escapingMarkup: Bool) {
            self.layout = layout
            self.escapingMarkup = escapingMarkup
        }

        mutating func write(_ value: PrettyJSON, indent: Int) {
            switch value {
            case .string(let text): writeString(text)
            case .integer(let value): output += String(value).utf8
            case .boolean(let value): output += (value ? "true" : "false").utf8
            case .null: output += "null".utf8
            case .written(let text): output += text.utf8
            case .array(let items):
                output.append(UInt8(ascii: "["))
                writeMembers(items.count, indent: indent) { writer, index in writer.write(items[index], indent: indent + 2) }
                output.append(UInt8(ascii: "]"))
            case .object(let pairs):
                writeObject(pairs.compactMap { pair in pair.value.map { (pair.key, $0) } }.sorted { $0.0 < $1.0 }, indent: indent)
            case .orderedObject(let pairs):
                writeObject(pairs.compactMap { pair in pair.value.map { (pair.key, $0) } }, indent: indent)
            }
        }

        private mutating func writeObject(_ present: [(String, PrettyJSON)], indent: Int) {
            output.append(UInt8(ascii: "{"))
            writeMembers(present.count, indent: indent) { writer, index in
                writer.writeString(present[index].0)
                writer.output += (writer.layout == .pretty ? " : " : ":").utf8
                writer.write(present[index].1, indent: indent + 2)
            }
            output.append(UInt8(ascii: "}"))
        }

        /// Members separated by commas. Pretty: a new line per member at `indent + 2` and the
        /// closing bracket's line at `indent`; for no member, an empty line.
        private mutating func writeMembers(_ count: Int, indent: Int, member: (inout Writer, Int) -> Void) {
            guard layout == .pretty else {
                for index in 0..<count {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    member(&self, index)
                }
                return
            }
            output.append(UInt8(ascii: "\n"))
            if count == 0 { output.append(UInt8(ascii: "\n")) }
            for index in 0..<count {
                output += repeatElement(UInt8(ascii: " "), count: indent + 2)
                member(&self, index)
                if index < count - 1 { output.append(UInt8(ascii: ",")) }
                output.append(UInt8(ascii: "\n"))
            }
            output += repeatElement(UInt8(ascii: " "), count: indent)
        }

        /// A string literal escaped as `JSONEncoder` escapes it: `"` and `\`, and control
        /// characters as `\b \t \n \f \r` or `\u00xx`; `/` and everything else as is, but for
        /// `<`, `>` and `&` when escaping markup.
        mutating func writeString(_ text: String) {
            output.append(UInt8(ascii: "\""))
            // Most ids, labels and scope names need no escape, and then no byte-by-byte look.
            if text.containsUTF8Byte(where: needsEscape) {
                for byte in text.utf8 {
                    switch byte {
                    case UInt8(ascii: "\""): output += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
                    case UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                    case 0x08: output += "\\b".utf8
                    case 0x09: output += "\\t".utf8
                    case 0x0A: output += "\\n".utf8
                    case 0x0C: output += "\\f".utf8
                    case 0x0D: output += "\\r".utf8
                    case 0..<0x20: unicodeEscape(byte)
                    case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                        if escapingMarkup { unicodeEscape(byte) } else { output.append(byte) }
                    default: output.append(byte)
                    }
                }
            } else {
                output += text.utf8
            }
            output.append(UInt8(ascii: "\""))
        }

        private func needsEscape(_ byte: UInt8) -> Bool {
            switch byte {
            case 0..<0x20, UInt8(ascii: "\""), UInt8(ascii: "\\"): true
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"): escapingMarkup
            default: false
            }
        }

        private mutating func unicodeEscape(_ byte: UInt8) {
            let hex = Array("0123456789abcdef".utf8)
            output += "\\u00".utf8
            output += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
        }
    }
}
