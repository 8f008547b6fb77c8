/// ``SecretShape``'s byte helpers: ASCII classes and exact or case-folded comparisons over a
/// value's bytes (no allocation, no `String`).
extension SecretShape {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { isUpper(b) || isLower(b) }
    /// `0-9a-f` (lower-case hex only).
    @inline(__always) static func isLowerHexDigit(_ b: UInt8) -> Bool { isDigit(b) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f")) }
    /// ASCII upper-case letters folded to lower case; other bytes unchanged.
    @inline(__always) static func lowercased(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }
    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "F"))
    }

    static func isDigits(_ v: UnsafeRawBufferPointer, _ start: Int, _ length: Int) -> Bool {
        guard start + length <= v.count else { return false }
        for index in start..<(start + length) where !isDigit(v[index]) { return false }
        return true
    }

    /// Whether `v` starts with `prefix` (ASCII), optionally folding ASCII case.
    static func hasPrefix(_ v: UnsafeRawBufferPointer, _ prefix: StaticString, foldCase: Bool) -> Bool {
        equals(v, from: 0, to: min(v.count, prefix.utf8CodeUnitCount), prefix, foldCase: foldCase)
    }

    /// Whether `v` contains `needle` (exact bytes, or folding ASCII case with a lower-case `needle`).
    static func find(_ v: UnsafeRawBufferPointer, _ needle: StaticString, foldCase: Bool = false) -> Bool {
        let length = needle.utf8CodeUnitCount
        guard length > 0, v.count >= length else { return false }
        let first = needle.utf8Start[0]
        for start in 0...(v.count - length) where (foldCase ? lowercased(v[start]) : v[start]) == first
            && equals(v, from: start, to: start + length, needle, foldCase: foldCase) {
            return true
        }
        return false
    }

    /// Whether `v[from...]` to the end equals `word` exactly (lower-case ASCII `word`).
    static func equals(_ v: UnsafeRawBufferPointer, from: Int, _ word: StaticString) -> Bool {
        equals(v, from: from, to: v.count, word, foldCase: false)
    }

    /// Whether `v[from..<to]` equals `word`, optionally folding ASCII case (`word` in lower case).
    static func equals(_ v: UnsafeRawBufferPointer, from: Int, to: Int, _ word: StaticString, foldCase: Bool) -> Bool {
        let length = word.utf8CodeUnitCount
        guard to - from == length else { return false }
        return word.withUTF8Buffer { bytes in
            for offset in 0..<length {
                let byte = foldCase ? lowercased(v[from + offset]) : v[from + offset]
                if byte != bytes[offset] { return false }
            }
            return true
        }
    }
}
