/// A whole payload written in hex: `payload=7b2270617373776f7264223a...7d` (a request body or a
/// message a client dumped as hex), where every keyword and secret of the text is hidden.
///
/// The decoders look for runs only in lines that hold the hex encoding of a credential word
/// (``triggers``: the keyword search finds them, as it finds rule keywords); each run of
/// ``minimumRunBytes`` hex digits or more (an even count, optionally after `0x`, not part of a
/// longer word) is decoded, and only text is scanned: digests, ids and keys in hex decode to
/// random bytes and stop there. Nothing allocates once the decoding buffer has grown.
enum HexPayload {
    /// Hex encodings of parts of credential words, in lower and upper case where the case of
    /// the letters changes the digits: `assword`, `ASSWORD`, `oken`, `OKEN`, `ecret`, `ECRET`,
    /// `asswd`, `api_key`/`apikey`/`apiKey`/`API_KEY`/`APIKEY`, `uthorization`, `redential`, `://`
    /// (a URL that may hold a user and password) and `-----BEGIN` (a PEM block). Each occurs in no
    /// loghub line (`EncodedValueRedactionTests` checks the bound of every decoder trigger).
    static let triggers = [
        "617373776f7264", "415353574f5244", "6f6b656e", "4f4b454e", "6563726574", "4543524554", "6173737764",
        "70695f6b6579", "70696b6579", "70694b6579", "50495f4b4559", "50494b4559", "7574686f72697a6174696f6e",
        "726564656e7469616c", "3a2f2f", "2d2d2d2d2d424547494e",
    ]

    /// Shortest run decoded, in hex digits (16 bytes of text: a keyword and a short secret).
    static let minimumRunBytes = 32

    /// The next run of hex digits at or after `start` in `line` worth decoding (without a `0x`
    /// prefix), or nil.
    static func nextRun(in line: UnsafeRawBufferPointer, from start: Int) -> Range<Int>? {
        var index = start
        while index < line.count {
            guard isHexDigit(line[index]) else {
                index &+= 1
                continue
            }
            var runStart = index
            var end = index
            while end < line.count && isHexDigit(line[end]) { end &+= 1 }
            // `0x` before the digits: the `0` is the run's first digit, the `x` ended it.
            if end - runStart == 1, line[runStart] == UInt8(ascii: "0"), end < line.count,
               line[end] == UInt8(ascii: "x") || line[end] == UInt8(ascii: "X") {
                runStart = end &+ 1
                end = runStart
                while end < line.count && isHexDigit(line[end]) { end &+= 1 }
            }
            let bounded = (runStart == 0 || !isWordByte(line[runStart - 1]) || line[runStart - 1] == UInt8(ascii: "x")
                           || line[runStart - 1] == UInt8(ascii: "X"))
                && (end == line.count || !isWordByte(line[end]))
            let length = end - runStart
            if bounded && length >= minimumRunBytes && length % 2 == 0 && length <= DecodingLimits.maximumTokenBytes {
                return runStart..<end
            }
            index = max(end, index &+ 1)
            // Skip the rest of a word that continued past the digits (`deadbeefcafeZ`).
            while index < line.count && isWordByte(line[index]) { index &+= 1 }
        }
        return nil
    }

    /// Appends the bytes that the hex digits of `run` encode to `output` (`run` holds an even
    /// number of hex digits, as ``nextRun(in:from:)`` returns).
    static func decode(_ run: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) {
        var index = 0
        while index + 1 < run.count {
            // SAFETY of the unwraps: `nextRun` returns hex digits only.
            output.append(PercentDecoder.hexValue(run[index]).unsafelyUnwrapped << 4
                | PercentDecoder.hexValue(run[index + 1]).unsafelyUnwrapped)
            index &+= 2
        }
    }

    @inline(__always)
    private static func isHexDigit(_ byte: UInt8) -> Bool { PercentDecoder.hexValue(byte) != nil }

    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_")
    }
}
