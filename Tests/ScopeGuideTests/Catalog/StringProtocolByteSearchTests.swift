import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct StringProtocolByteSearchTests {
    /// Texts of the needles' bytes, look-alikes and multi-byte characters (an accent that
    /// combines with a brace, emoji, CJK), so a match could only be found by byte position.
    static func randomTexts(count: Int) -> [String] {
        var generator = SeededGenerator(seed: 0xB17E)
        let pieces = ["{", "}", "{{", "!", "[", "<img", " src=\"", "<img src=\"", "a", " ", "\n", "é", "\u{301}", "😀", "語", "<", "\""]
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
    }

    @Test("finds what Foundation's range(of:) finds for the markup needles, in strings and substrings, at the same offsets")
    func sameAsFoundation() {
        for text in Self.randomTexts(count: 3_000) {
            for needle in ["{{", "}}", "![", "<img src=\""] {
                let ours = text.firstUTF8Range(of: needle)
                let foundation = text.range(of: needle)
                // Foundation compares characters: a combining accent after `{` makes `{́` one
                // character, which range(of:) skips and a byte search does not. Compare by bytes.
                let expected = Self.byteOffset(of: needle, in: text)
                #expect(ours.map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) } == expected, "\(text.debugDescription) \(needle)")
                if !text.unicodeScalars.contains("\u{301}") { #expect((ours == nil) == (foundation == nil), "\(text.debugDescription)") }
                #expect(text.containsUTF8(needle) == (expected != nil))
                if let ours { #expect(String(text[ours]) == needle) }
                // The same search in a substring gives indices of the base string.
                let tail = text.dropFirst(min(1, text.count))
                if let found = tail.firstUTF8Range(of: needle) {
                    #expect(found.lowerBound >= tail.startIndex && String(tail[found]) == needle)
                } else {
                    #expect(Self.byteOffset(of: needle, in: String(tail)) == nil)
                }
            }
        }
    }

    @Test("containsUTF8Byte answers as utf8.contains(where:), in strings, substrings and bridged strings")
    func byteScanSameAsContains() {
        let isSpecial = { (byte: UInt8) in byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\"") || byte >= 0xF0 }
        for text in Self.randomTexts(count: 2_000) {
            let expected = text.utf8.contains(where: isSpecial)
            #expect(text.containsUTF8Byte(where: isSpecial) == expected, "\(text.debugDescription)")
            let tail = text.dropFirst(min(1, text.count))
            #expect(tail.containsUTF8Byte(where: isSpecial) == tail.utf8.contains(where: isSpecial), "\(text.debugDescription)")
            // NSString-backed text may not store contiguous UTF-8: the fallback path.
            let bridged = NSString(string: text) as String
            #expect(bridged.containsUTF8Byte(where: isSpecial) == expected, "\(text.debugDescription)")
        }
    }

    @Test("an empty needle or text finds nothing; a needle longer than the text finds nothing")
    func edges() {
        #expect("abc".firstUTF8Range(of: "") == nil)
        #expect("".firstUTF8Range(of: "{{") == nil)
        #expect("{".firstUTF8Range(of: "{{") == nil)
        #expect("x{{".firstUTF8Range(of: "{{").map { "x{{".utf8.distance(from: "x{{".startIndex, to: $0.lowerBound) } == 1)
    }

    private static func byteOffset(of needle: String, in text: String) -> Int? {
        let bytes = Array(text.utf8), pattern = Array(needle.utf8)
        guard bytes.count >= pattern.count else { return nil }
        return (0...(bytes.count - pattern.count)).first { Array(bytes[$0..<($0 + pattern.count)]) == pattern }
    }
}
