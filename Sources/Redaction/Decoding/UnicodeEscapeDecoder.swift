#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Decodes the `\u00XX` escapes of printable ASCII bytes in a text line, with a map back to the
/// escaped bytes.
///
/// JSON encoders escape quotes and punctuation that way (.NET's System.Text.Json writes `"` as
/// `\u0022`, `+` as `\u002B`, `'` as `\u0027`; others escape `<`, `>`, `&`, `=`), and such text
/// reaches logs outside a JSON record (a logfmt value, a message after a prefix, a language's
/// string literal): there a token right after `\u0022` is glued to the escape's digits and a
/// `\u002B` inside a key splits it. (JSON records are decoded by the record layer instead.)
///
/// Only escapes of printable ASCII (0x20-0x7E) are decoded; every other byte, and any other
/// escape, stays as it is. Never throws; never allocates once the output arrays have grown.
enum UnicodeEscapeDecoder {
    /// Whether a decodable escape starts at `index`: `\u00` and two hex digits of a printable
    /// ASCII byte (either case).
    @inline(__always)
    static func isEscape(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        guard index + 5 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
              bytes[index + 2] == UInt8(ascii: "0"), bytes[index + 3] == UInt8(ascii: "0"),
              let high = PercentDecoder.hexValue(bytes[index + 4]), let low = PercentDecoder.hexValue(bytes[index + 5])
        else { return false }
        let value = high << 4 | low
        return value >= 0x20 && value <= 0x7E
    }

    /// Whether `line` holds at least one decodable escape (memchr for each backslash).
    static func holdsEscape(_ line: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index < line.count {
            // SAFETY: `index < line.count`, so the base address exists and the length is positive.
            let base = line.baseAddress.unsafelyUnwrapped
            guard let found = memchr(base + index, Int32(UInt8(ascii: "\\")), line.count - index) else { return false }
            let slash = base.distance(to: UnsafeRawPointer(found))
            if isEscape(line, at: slash) { return true }
            index = slash + 1
        }
        return false
    }

    /// Replaces `output` with the decoding of `line`, and `offsets` with, for each decoded byte,
    /// the offset in `line` of the bytes it came from, plus one last entry `line.count`: decoded
    /// bytes `a..<b` came from `line[offsets[a]..<offsets[b]]` (whole escapes, never a part).
    static func decode(_ line: UnsafeRawBufferPointer, into output: inout [UInt8], offsets: inout [Int32]) {
        output.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        var index = 0
        while index < line.count {
            offsets.append(Int32(truncatingIfNeeded: index))
            if isEscape(line, at: index) {
                // SAFETY of the unwraps: `isEscape` checked both digits.
                output.append(PercentDecoder.hexValue(line[index + 4]).unsafelyUnwrapped << 4
                              | PercentDecoder.hexValue(line[index + 5]).unsafelyUnwrapped)
                index += 6
            } else {
                output.append(line[index])
                index += 1
            }
        }
        offsets.append(Int32(truncatingIfNeeded: line.count))
    }
}
