/// Appends values to a byte buffer in the compact form ``BinaryReader`` reads back: unsigned
/// LEB128 varints for counts and numbers, strings as a varint byte count and their UTF-8 bytes.
///
/// Written by hand rather than with Codable: decoding a cached 11,000-action catalogue must take
/// a few milliseconds, which keyed containers and JSON cannot.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func write(byte: UInt8) { bytes.append(byte) }

    mutating func write(bytes more: some Sequence<UInt8>) { bytes.append(contentsOf: more) }

    /// `value` in seven-bit groups, lowest first, the high bit set on all but the last.
    mutating func write(varint value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// A count or index, which is never negative.
    mutating func write(count: Int) {
        precondition(count >= 0, "counts are not negative")
        write(varint: UInt64(count))
    }

    /// Any `Int`, zigzag-encoded so that small negative numbers stay short.
    mutating func write(int: Int) {
        let value = Int64(int)
        write(varint: UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func write(bool: Bool) { bytes.append(bool ? 1 : 0) }

    mutating func write(string: String) {
        var string = string
        string.withUTF8 { utf8 in
            write(count: utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A flag byte, then the string when there is one.
    mutating func write(optional string: String?) {
        write(bool: string != nil)
        if let string { write(string: string) }
    }
}
