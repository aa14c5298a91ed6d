#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StringProtocol {
    /// Where `needle`'s UTF-8 bytes first appear in the text, as indices of the text: a plain byte
    /// search.
    ///
    /// For markup the code itself writes and searches for (`{{`, `![`, `<img src="`), a byte
    /// match is the match: Foundation's `range(of:)` and `contains` give the same answers for
    /// such ASCII needles through Unicode machinery that cost a build a tenth of its instructions.
    package func firstUTF8Range(of needle: String) -> Range<Index>? {
        guard let offset = utf8Offset(of: needle) else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: needle.utf8.count)
    }

    /// Whether `needle`'s UTF-8 bytes appear in the text (see ``firstUTF8Range(of:)``).
    package func containsUTF8(_ needle: String) -> Bool { utf8Offset(of: needle) != nil }

    /// Whether any UTF-8 byte of the text satisfies `predicate`: a loop over the stored bytes,
    /// where `utf8.contains(where:)` steps a string index per byte (five times the instructions
    /// for the escapers' "anything to escape?" checks).
    /// Inlinable: the escapers in ScopeGuideRendering call it per string, and a closure call across
    /// the module boundary cost the HTML fragment 2% more instructions.
    @inlinable
    package func containsUTF8Byte(where predicate: (UInt8) -> Bool) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ $0.contains(where: predicate) }) { return found }
        return utf8.contains(where: predicate)
    }

    private func utf8Offset(of needle: String) -> Int? {
        func search(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
            var needle = needle
            return needle.withUTF8 { pattern in
                guard let first = pattern.first, let base = text.baseAddress, let start = pattern.baseAddress else { return nil }
                // memchr for the first byte, memcmp for the rest (glibc's memmem is a GNU extension
                // Swift's Glibc module does not export).
                var offset = 0
                while text.count - offset >= pattern.count,
                    let hit = memchr(base + offset, Int32(first), text.count - offset - pattern.count + 1)
                {
                    let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + position, start, pattern.count) == 0 { return position }
                    offset = position + 1
                }
                return nil
            }
        }
        if let offset = utf8.withContiguousStorageIfAvailable(search) { return offset }
        // Text not stored as contiguous UTF-8 (bridged from Objective-C): search a native copy.
        var copy = String(self)
        return copy.withUTF8(search)
    }
}
