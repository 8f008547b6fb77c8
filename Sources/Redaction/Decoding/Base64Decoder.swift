/// Decodes base64 (RFC 4648 standard or URL-safe alphabet, padded or not) without allocating.
///
/// Strict about shape, lenient about alphabet: `=` may only end the token (at most two, and
/// then the length must be a multiple of 4), an unpadded token may not leave a single dangling
/// character, and `+`/`/` and `-`/`_` are both accepted. Never throws; a malformed token is
/// reported as `false`, and the output may then hold a partial decoding (callers discard it).
enum Base64Decoder {
    /// The 6-bit value of `byte` in either alphabet, or `0xFF` when it is not a base64 character.
    @inline(__always)
    static func value(_ byte: UInt8) -> UInt8 {
        switch byte {
        case 0x41...0x5A: return byte &- 0x41
        case 0x61...0x7A: return byte &- 0x61 &+ 26
        case 0x30...0x39: return byte &- 0x30 &+ 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): return 63
        default: return 0xFF
        }
    }

    /// Whether `byte` belongs to either base64 alphabet (padding excluded).
    @inline(__always)
    static func isAlphabet(_ byte: UInt8) -> Bool { value(byte) != 0xFF }

    /// The length of the base64 token starting at `start` in `bytes`: alphabet characters followed
    /// by at most two `=` (0 when no alphabet character starts there).
    static func tokenLength(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var end = start
        while end < bytes.count && isAlphabet(bytes[end]) { end &+= 1 }
        if end == start { return 0 }
        var padding = 0
        while end < bytes.count && padding < 2 && bytes[end] == UInt8(ascii: "=") {
            end &+= 1
            padding &+= 1
        }
        return end - start
    }

    /// Appends the decoding of `token` to `output`.
    /// - Returns: whether `token` is well-formed base64 (see the type's discussion).
    static func decode(_ token: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) -> Bool {
        var length = token.count
        var padding = 0
        while length > 0 && token[length - 1] == UInt8(ascii: "=") {
            length -= 1
            padding += 1
        }
        if padding > 2 || (padding > 0 && token.count % 4 != 0) || length % 4 == 1 || length == 0 { return false }
        var accumulator: UInt32 = 0
        var bits = 0
        for index in 0..<length {
            let bits6 = value(token[index])
            if bits6 == 0xFF { return false }
            accumulator = (accumulator << 6) | UInt32(bits6)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        return true
    }
}
