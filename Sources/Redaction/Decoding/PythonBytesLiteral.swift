#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A Python bytes literal in a line (`b'...'` or `b"..."`, as `repr()` of a dict of headers
/// prints them): where its `b` prefix is and where its content lies.
///
/// Rules read `'X-Auth-Token': b'9f8e...'` as a key whose value is `b`; the engine scans a view of
/// the line in which each prefix is a space (`'X-Auth-Token':  '9f8e...'`, same positions), so the
/// rules see an ordinary quoted value and mask only the content: prefix and quotes stay.
struct PythonBytesLiteral {
    /// Offset of the `b` (or `B`).
    var prefix: Int
    /// Offset of the first content byte (after the opening quote).
    var contentStart: Int
    /// Offset of the closing quote.
    var contentEnd: Int

    /// The first bytes literal of `line` at or after `start` with non-empty content: a `b`/`B`
    /// that does not continue an identifier, a quote, and the same quote closing it on the line
    /// (backslash escapes inside are skipped). Nil when there is none.
    ///
    /// Quotes are found with memchr (the next one of each kind is kept until passed), so a line
    /// costs a vectorised search plus a look at the byte before each quote.
    static func first(in line: UnsafeRawBufferPointer, from start: Int) -> PythonBytesLiteral? {
        let count = line.count
        guard count >= 4, let base = line.baseAddress else { return nil }
        /// Offset of the first `quote` at or after `index`, or `count`.
        func find(_ quote: UInt8, from index: Int) -> Int {
            // SAFETY: `index < count`, so the range searched lies inside the line.
            guard let found = memchr(base + index, Int32(quote), count - index) else { return count }
            return base.distance(to: UnsafeRawPointer(found))
        }
        var index = max(start + 1, 1)
        var nextSingle = -1
        var nextDouble = -1
        while index < count - 1 {
            if nextSingle < index { nextSingle = find(UInt8(ascii: "'"), from: index) }
            if nextDouble < index { nextDouble = find(UInt8(ascii: "\""), from: index) }
            index = min(nextSingle, nextDouble)
            guard index < count - 1 else { return nil }
            let quote = line[index]
            let prefix = index - 1
            guard line[prefix] | 0x20 == UInt8(ascii: "b"), prefix == 0 || !isIdentifierByte(line[prefix - 1]) else {
                index &+= 1
                continue
            }
            var end = index + 1
            while end < count && line[end] != quote {
                end &+= line[end] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard end < count else { return nil }  // unclosed: no literal here or after
            if end > index + 1 { return PythonBytesLiteral(prefix: prefix, contentStart: index + 1, contentEnd: end) }
            index = end + 1
        }
        return nil
    }

    @inline(__always)
    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_")
            || byte >= 0x80
    }
}
