/// Reads what ``BinaryWriter`` wrote, checking every length against the bytes left: a truncated
/// or damaged buffer ends in a ``BinaryReader/Failure``, never a crash or an out-of-bounds read.
struct BinaryReader: ~Copyable {
    /// Why a buffer could not be read; the cache treats each as a miss.
    enum Failure: Error, Hashable {
        /// The buffer ends before the value being read does.
        case truncated
        /// A varint longer than 64 bits, a flag other than 0 or 1, a string that is not UTF-8,
        /// or a count or index outside what the buffer or its tables hold.
        case malformed
    }

    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    /// Reads `bytes`, which must outlive the reader.
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func readByte() throws(Failure) -> UInt8 {
        guard offset < bytes.count else { throw .truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// The next `count` bytes.
    mutating func readBytes(_ count: Int) throws(Failure) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= bytes.count - offset else { throw .truncated }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    mutating func readVarint() throws(Failure) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            // The tenth group holds only bit 63.
            guard shift < 63 || (shift == 63 && byte <= 1) else { throw .malformed }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// A count of items that follow: each takes at least one byte, so a count larger than the
    /// bytes left is malformed (and never makes a reader reserve memory for it).
    mutating func readCount() throws(Failure) -> Int {
        let value = try readVarint()
        guard value <= UInt64(bytes.count - offset) else { throw .malformed }
        return Int(value)
    }

    /// An index below `limit`, such as a position in a table read earlier.
    mutating func readIndex(below limit: Int) throws(Failure) -> Int {
        let value = try readVarint()
        guard value < UInt64(limit) else { throw .malformed }
        return Int(value)
    }

    mutating func readInt() throws(Failure) -> Int {
        let value = try readVarint()
        let decoded = Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
        guard let int = Int(exactly: decoded) else { throw .malformed }
        return int
    }

    mutating func readBool() throws(Failure) -> Bool {
        switch try readByte() {
        case 0: false
        case 1: true
        default: throw .malformed
        }
    }

    mutating func readString() throws(Failure) -> String {
        let utf8 = try readBytes(readCount())
        if #available(macOS 15, *) {
            guard let string = String(validating: utf8, as: UTF8.self) else { throw .malformed }
            return string
        }
        // Decoding replaces ill-formed bytes, so the text differs from the bytes exactly when they were ill-formed.
        let string = String(decoding: utf8, as: UTF8.self)
        guard string.utf8.elementsEqual(utf8) else { throw .malformed }
        return string
    }

    mutating func readOptionalString() throws(Failure) -> String? {
        try readBool() ? readString() : nil
    }
}
