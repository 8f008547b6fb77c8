/// Byte-string helpers for the invariant checks.
///
/// Written by hand rather than with `memmem`: libFuzzer intercepts `memmem` and would learn the
/// canary from it, then spend its time planting canaries of its own (which the targets must skip).
public enum ByteSearch {
    /// Whether `needle` occurs in `haystack`.
    public static func contains<H: Collection<UInt8>>(_ haystack: H, _ needle: [UInt8]) -> Bool
    where H.Index == Int {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        let first = needle[0]
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = 1
                while matched < needle.count && haystack[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    /// The number of line feeds in `bytes`.
    public static func lineFeeds<C: Collection<UInt8>>(_ bytes: C) -> Int {
        var count = 0
        for byte in bytes where byte == 0x0A { count += 1 }
        return count
    }
}
