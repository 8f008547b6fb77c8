/// ASCII case folding for keywords and stopwords: letters fold to lower case, every other byte
/// (including non-ASCII) compares exactly.
enum ASCIIFolding {
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// `value` with its ASCII letters in lower case and every other character as given: how
    /// keywords and stopwords are stored, so they compare the way the scanner folds text. (A
    /// Unicode `lowercased()` would turn a keyword `Пароль` into `пароль`, which the scanner's
    /// ASCII folding never finds in a line that spells it `Пароль`.)
    static func lowercased(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return value }
        return String(decoding: value.utf8.map(lower), as: UTF8.self)
    }
}

/// Case-insensitive (ASCII) substring test; `needle` is lower case.
func containsFolded(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty else { return true }
    guard haystack.count >= needle.count else { return false }
    for start in 0...(haystack.count - needle.count) {
        var matched = true
        for offset in 0..<needle.count where ASCIIFolding.lower(haystack[start + offset]) != needle[offset] {
            matched = false
            break
        }
        if matched { return true }
    }
    return false
}
