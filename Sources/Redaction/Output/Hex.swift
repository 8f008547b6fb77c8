/// Lowercase (or uppercase) hexadecimal digits: the one place the package formats hex
/// (fingerprints and key ids, JSON `\u00XX` escapes, checkpoint hashes).
///
/// Allocation: the `append` functions write into the caller's array (amortized, no temporary);
/// the `string` functions allocate their result.
public enum Hex {
    /// The ASCII digit for `nibble` (0...15).
    @inlinable
    public static func digit(_ nibble: UInt8, uppercase: Bool = false) -> UInt8 {
        precondition(nibble < 16, "a nibble is 0...15")
        return nibble < 10 ? 0x30 + nibble : (uppercase ? 0x41 : 0x61) + nibble - 10
    }

    /// Appends the two digits of `byte`.
    @inlinable
    public static func append(_ byte: UInt8, uppercase: Bool = false, into output: inout [UInt8]) {
        output.append(digit(byte >> 4, uppercase: uppercase))
        output.append(digit(byte & 0x0F, uppercase: uppercase))
    }

    /// Two digits per byte: `[0xAB, 0x01]` -> `ab01`.
    public static func string<Bytes: Sequence<UInt8>>(_ bytes: Bytes, uppercase: Bool = false) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes { append(byte, uppercase: uppercase, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// `value` as exactly `width` digits (leading zeros; higher digits beyond `width` are cut).
    public static func string(_ value: UInt64, width: Int = 16, uppercase: Bool = false) -> String {
        var output = [UInt8](repeating: 0x30, count: width)
        var rest = value
        for index in stride(from: width - 1, through: 0, by: -1) {
            output[index] = digit(UInt8(rest & 0x0F), uppercase: uppercase)
            rest >>= 4
        }
        return String(decoding: output, as: UTF8.self)
    }
}
