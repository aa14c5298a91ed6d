/// `application/x-www-form-urlencoded` and minimal percent-encoding, as URLs in guides need them:
/// the one query reader and percent-decoder of the engine, the server and the page's links.
package enum FormEncoding {
    /// WHATWG form encoding: letters, digits and `*-._` kept, space as `+`, the rest as `%XX`.
    static func encode(_ value: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                result.append(byte)
            case UInt8(ascii: " "):
                result.append(UInt8(ascii: "+"))
            default:
                appendPercent(byte, to: &result)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// RFC 3986 percent-encoding: every byte but ASCII letters, digits and `-._~` as `%XX`; for a
    /// value inside a URL's host or path (variables) or a whole query value (prefill links).
    package static func percentEncode(_ value: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.append(byte)
            default:
                appendPercent(byte, to: &result)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Encodes only what may not appear in a query value: everything but unreserved characters
    /// and the sub-delimiters that keep their meaning there (`:@!$'()*,;/?`), so action ids read
    /// as typed.
    static func encodeQueryValue(_ value: String) -> String {
        guard !value.utf8.allSatisfy(isKeptInQueryValue) else { return value }
        var result: [UInt8] = []
        for byte in value.utf8 {
            if isKeptInQueryValue(byte) { result.append(byte) } else { appendPercent(byte, to: &result) }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func isKeptInQueryValue(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"), UInt8(ascii: "@"),
            UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"),
            UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "?"):
            true
        default:
            false
        }
    }

    /// The parameters of `query` (without `?`) as written, still encoded: each `&`-separated
    /// piece (empty ones skipped) and its name and value, split at the first `=` (no `=`: an
    /// empty value).
    package static func parameters(in query: Substring) -> [(text: Substring, name: Substring, value: Substring)] {
        query.split(separator: "&").map { parameter in
            let pieces = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (parameter, pieces[0], pieces.count > 1 ? pieces[1] : "")
        }
    }

    /// Decodes `%XX` and, in form style, `+` as space; `nil` on a malformed escape or bytes that
    /// are not UTF-8.
    package static func decode(_ text: Substring, plusAsSpace: Bool = true) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%") {
                // Two hex digits exactly: `UInt8(_:radix:)` alone would also take "+F" or "-0".
                let digits = Array(iterator.prefix(2))
                guard digits.count == 2, digits.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }),
                    let value = UInt8(String(decoding: digits, as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else if byte == UInt8(ascii: "+"), plusAsSpace {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func appendPercent(_ byte: UInt8, to result: inout [UInt8]) {
        func digit(_ value: UInt8) -> UInt8 { value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10 }
        result += [UInt8(ascii: "%"), digit(byte >> 4), digit(byte & 0xF)]
    }
}
