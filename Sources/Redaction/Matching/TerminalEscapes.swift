#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Terminal colour and cursor codes (ANSI CSI sequences) in a line: raw, `ESC [ 3 1 m`, or
/// written out the way JSON, shells and language runtimes escape them: `\u001b[31m` (Docker's
/// json-file log, any JSON logger), `\x1b[31m`, `\033[31m`, `\e[31m`.
///
/// A colour code glues its last letter to the word after it: `\e[1mghp_...` has no word boundary
/// before `ghp_`, and `token=\e[36m<hex>` puts `\e[36m` where a value should start, so rules
/// anchored on boundaries or separators miss the secret. The scanner therefore looks at a copy of
/// such a line with each sequence overwritten by blanks of the same length: every offset stays
/// the same, so spans found in the copy mask the same bytes of the line itself.
///
/// Stateless; the copy lives in the caller's buffer. No allocation once the buffer has grown.
enum TerminalEscapes {
    static let escape: UInt8 = 0x1B
    static let backslash = UInt8(ascii: "\\")
    /// The longest sequence looked for, introducer included (longer runs are not taken as one).
    static let maximumLength = 64

    /// Whether `line` may hold a sequence: an ESC byte, or a backslash (the escaped spellings).
    /// Cheap (two `memchr`); a line without either is scanned as it is.
    @inline(__always)
    static func mayContain(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let base = line.baseAddress, !line.isEmpty else { return false }
        return memchr(base, Int32(escape), line.count) != nil || memchr(base, Int32(backslash), line.count) != nil
    }

    /// Copies `line` into `copy` with every CSI sequence overwritten by blanks (0x20).
    ///
    /// - Returns: whether any sequence was found; when false, `copy` is left as it was (the line
    ///   is not copied) and the caller scans `line` itself.
    static func blank(_ line: UnsafeRawBufferPointer, into copy: inout [UInt8]) -> Bool {
        guard var sequence = nextSequence(in: line, from: 0) else { return false }
        copy.removeAll(keepingCapacity: true)
        copy.append(contentsOf: line)
        while true {
            // SAFETY: the sequence lies within line, and copy holds line.count bytes.
            for position in sequence { copy[position] = 0x20 }
            guard let next = nextSequence(in: line, from: sequence.upperBound) else { return true }
            sequence = next
        }
    }

    /// The first CSI sequence at or after `start`: an introducer, parameter bytes 0x30-0x3F,
    /// intermediate bytes 0x20-0x2F and one final byte 0x40-0x7E (at most ``maximumLength`` bytes
    /// before the final byte).
    static func nextSequence(in line: UnsafeRawBufferPointer, from start: Int) -> Range<Int>? {
        var index = start
        let count = line.count
        while index < count {
            let byte = line[index]
            guard byte == escape || byte == backslash else { index &+= 1; continue }
            let introducer = introducerLength(line, at: index)
            guard introducer > 0 else { index &+= 1; continue }
            var end = index &+ introducer
            while end < count && line[end] >= 0x30 && line[end] <= 0x3F && end - index < maximumLength { end &+= 1 }
            while end < count && line[end] >= 0x20 && line[end] <= 0x2F && end - index < maximumLength { end &+= 1 }
            guard end < count, line[end] >= 0x40, line[end] <= 0x7E else { index &+= 1; continue }
            return index..<(end &+ 1)
        }
        return nil
    }

    /// The length of the CSI introducer at `index` (`ESC [`, `\u001b[`, `\u001B[`, `\x1b[`,
    /// `\x1B[`, `\033[`, `\e[`), or 0 when none starts there.
    private static func introducerLength(_ line: UnsafeRawBufferPointer, at index: Int) -> Int {
        let rest = line.count - index
        if line[index] == escape { return rest >= 2 && line[index + 1] == UInt8(ascii: "[") ? 2 : 0 }
        for spelling in spellings where rest >= spelling.count {
            var matches = true
            for offset in 0..<spelling.count where SecretShape.lowercased(line[index + offset]) != spelling[offset] {
                matches = false
                break
            }
            if matches { return spelling.count }
        }
        return 0
    }

    /// Escaped spellings of `ESC [`, compared case-insensitively (`\u001B`, `\x1B`).
    private static let spellings: [[UInt8]] = ["\\u001b[", "\\x1b[", "\\033[", "\\e["].map { Array($0.utf8) }
}
