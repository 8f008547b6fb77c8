/// ASCII case folding for keywords and stopwords: letters fold to lower case, every other byte
/// (including non-ASCII) compares exactly.
enum ASCIIFolding {
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
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
