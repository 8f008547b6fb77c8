/// Decodes the `\u00XX` and `\xXX` escapes of printable ASCII bytes in a text line, with a map
/// back to the escaped bytes.
///
/// JSON encoders escape quotes and punctuation that way (.NET's System.Text.Json writes `"` as
/// `\u0022`, `+` as `\u002B`, `'` as `\u0027`; others escape `<`, `>`, `&`, `=`), and such text
/// reaches logs outside a JSON record (a logfmt value, a message after a prefix, a language's
/// string literal): there a token right after `\u0022` is glued to the escape's digits and a
/// `\u002B` inside a key splits it. (JSON records are decoded by the record layer instead.)
///
/// PHP's `json_encode` (Monolog's context, Laravel's logs) and others also escape every `/` as `\/`,
/// so a link in a JSON string embedded in a text line reads `https:\/\/app\/magic\/<token>`:
/// those are decoded too, so the rules see the path.
///
/// nginx writes the quotes of a request body or header it logs as `\x22` (its default `escape`),
/// and a Python bytes repr an `=` or `&` as `\x3d` / `\x26` when it was escaped upstream: a
/// `{\x22client_secret\x22:\x22<secret>\x22}` body or `token\x3dglpat-...` is decoded too.
///
/// Only escapes of printable ASCII (0x20-0x7E) and `\/` are decoded; every other byte, and any
/// other escape, stays as it is. Never throws; never allocates once the output arrays have grown.
enum UnicodeEscapeDecoder {
    /// The escape that starts at `index`, if any: `\u00` or `\x` and two hex digits (either case)
    /// of a printable ASCII byte, or `\/`.
    @inline(__always)
    static func escape(_ bytes: UnsafeRawBufferPointer, at index: Int) -> EscapedLineDecoding.Escape? {
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "/") {
            return (UInt8(ascii: "/"), 2)
        }
        if index + 3 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "x") {
            return printable(bytes, hexAt: index + 2, length: 4)
        }
        guard index + 5 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
              bytes[index + 2] == UInt8(ascii: "0"), bytes[index + 3] == UInt8(ascii: "0") else { return nil }
        return printable(bytes, hexAt: index + 4, length: 6)
    }

    /// The escape of `length` bytes whose two hex digits start at `hexAt`, when they name a
    /// printable ASCII byte (0x20-0x7E); nil otherwise. The caller checked that both digits exist.
    @inline(__always)
    private static func printable(_ bytes: UnsafeRawBufferPointer, hexAt index: Int, length: Int) -> EscapedLineDecoding.Escape? {
        guard let high = PercentDecoder.hexValue(bytes[index]), let low = PercentDecoder.hexValue(bytes[index + 1]) else { return nil }
        let value = high << 4 | low
        return value >= 0x20 && value <= 0x7E ? (value, length) : nil
    }

    /// Whether `line` holds at least one decodable escape.
    static func holdsEscape(_ line: UnsafeRawBufferPointer) -> Bool {
        EscapedLineDecoding.holdsEscape(line, marker: UInt8(ascii: "\\"), escape)
    }

    /// Replaces `output` with the decoding of `line` and `offsets` with the map back to it
    /// (``EscapedLineDecoding/decode(_:into:offsets:_:)``).
    static func decode(_ line: UnsafeRawBufferPointer, into output: inout [UInt8], offsets: inout [Int32]) {
        EscapedLineDecoding.decode(line, into: &output, offsets: &offsets, escape)
    }
}
