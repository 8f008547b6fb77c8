/// Decodes the quoted-printable escapes of punctuation in a text line (`=3D` for `=`, `=22` for
/// `"`, `=3A` for `:`), with a map back to the escaped bytes.
///
/// A mail body or a MIME part logged raw carries `password=3DHunter2-x` for `password=Hunter2-x`:
/// the value is glued to the escape's digits, so no key/value rule reads it. Only escapes of
/// printable ASCII punctuation and space are decoded (an encoder escapes those it must, never a
/// letter or a digit, so `key=AB12` is no escape); the hex digits are upper case, as RFC 2045
/// writes them. Runs only on lines that hold ``triggers``. Never throws; never allocates once the
/// output arrays have grown.
enum QuotedPrintableDecoder {
    /// `=3D` after the last letters of a credential key (`password=3D`, `passwd=3D`, `pwd=3D`,
    /// `pass=3D`, `token=3D`, `secret=3D`, `key=3D`, `auth=3D`), and `=22:` (a JSON key's closing
    /// quote before its colon): folded, as the keyword search matches. Each occurs in no loghub
    /// line (`EncodedValueRedactionTests`).
    static let triggers = ["rd=3d", "wd=3d", "ss=3d", "en=3d", "et=3d", "ey=3d", "th=3d", "=22:"]

    /// The escape that starts at `index`, if any: `=` and two upper-case hex digits of a printable
    /// ASCII byte that is not a letter or a digit.
    @inline(__always)
    static func escape(_ bytes: UnsafeRawBufferPointer, at index: Int) -> EscapedLineDecoding.Escape? {
        guard index + 2 < bytes.count, bytes[index] == UInt8(ascii: "="),
              let high = upperHexValue(bytes[index + 1]), let low = upperHexValue(bytes[index + 2]) else { return nil }
        let value = high << 4 | low
        guard value >= 0x20 && value <= 0x7E, !SecretShape.isLetter(value), !SecretShape.isDigit(value) else { return nil }
        return (value, 3)
    }

    /// Whether `line` holds at least one decodable escape.
    static func holdsEscape(_ line: UnsafeRawBufferPointer) -> Bool {
        EscapedLineDecoding.holdsEscape(line, marker: UInt8(ascii: "="), escape)
    }

    /// Replaces `output` with the decoding of `line` and `offsets` with the map back to it
    /// (``EscapedLineDecoding/decode(_:into:offsets:_:)``).
    static func decode(_ line: UnsafeRawBufferPointer, into output: inout [UInt8], offsets: inout [Int32]) {
        EscapedLineDecoding.decode(line, into: &output, offsets: &offsets, escape)
    }

    @inline(__always)
    private static func upperHexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte &- 0x30
        case 0x41...0x46: return byte &- 0x41 &+ 10
        default: return nil
        }
    }
}
