#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Finds percent-encoded tokens (URLs, query strings, form bodies) and decodes them with a map
/// back to the encoded bytes.
///
/// A token is a run of bytes that can belong to a URL or a form body (no whitespace, quote,
/// backtick, backslash or angle bracket) holding at least one `%XX` escape. Decoding replaces each
/// valid `%XX` by its byte and keeps every other byte (a `%` without two hex digits, and `+`, stay
/// as they are: `+` may be part of a base64 value). Never throws; never allocates once the output
/// arrays have grown.
enum PercentDecoder {
    /// Whether `byte` can be part of a token.
    @inline(__always)
    static func isTokenByte(_ byte: UInt8) -> Bool {
        if byte <= 0x20 || byte == 0x7F { return false }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: "\\"), UInt8(ascii: "<"),
             UInt8(ascii: ">"):
            return false
        default:
            return true
        }
    }

    /// The value of a hex digit, or nil.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte &- 0x30
        case 0x41...0x46: return byte &- 0x41 &+ 10
        case 0x61...0x66: return byte &- 0x61 &+ 10
        default: return nil
        }
    }

    /// Whether a valid escape (`%` and two hex digits) starts at `index`.
    @inline(__always)
    static func isEscape(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        index + 2 < bytes.count && bytes[index] == UInt8(ascii: "%") && hexValue(bytes[index + 1]) != nil
            && hexValue(bytes[index + 2]) != nil
    }

    /// The next token of `bytes` at or after `start`: the token around the first valid escape.
    /// - Returns: nil when no escape follows `start`.
    static func nextToken(in bytes: UnsafeRawBufferPointer, from start: Int) -> Range<Int>? {
        var index = start
        while index < bytes.count {
            // SAFETY: `index < bytes.count`, so the base address exists and the length is positive.
            let base = bytes.baseAddress.unsafelyUnwrapped
            guard let found = memchr(base + index, Int32(UInt8(ascii: "%")), bytes.count - index) else { return nil }
            let percent = base.distance(to: UnsafeRawPointer(found))
            if isEscape(bytes, at: percent) {
                var lower = percent
                while lower > start && isTokenByte(bytes[lower - 1]) { lower -= 1 }
                var upper = percent + 3
                while upper < bytes.count && isTokenByte(bytes[upper]) { upper += 1 }
                return lower..<upper
            }
            index = percent + 1
        }
        return nil
    }

    /// Replaces `output` with the decoding of `token`, and `offsets` with, for each decoded byte,
    /// the offset in `token` of the bytes it came from, plus one last entry `token.count`: decoded
    /// bytes `a..<b` came from `token[offsets[a]..<offsets[b]]` (whole escapes, never a part).
    static func decode(_ token: UnsafeRawBufferPointer, into output: inout [UInt8], offsets: inout [Int32]) {
        output.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        var index = 0
        while index < token.count {
            offsets.append(Int32(truncatingIfNeeded: index))
            if isEscape(token, at: index) {
                // SAFETY of the unwraps: `isEscape` checked both digits.
                output.append(hexValue(token[index + 1]).unsafelyUnwrapped << 4 | hexValue(token[index + 2]).unsafelyUnwrapped)
                index += 3
            } else {
                output.append(token[index])
                index += 1
            }
        }
        offsets.append(Int32(truncatingIfNeeded: token.count))
    }
}
