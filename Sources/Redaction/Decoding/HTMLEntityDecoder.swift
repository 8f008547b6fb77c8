/// Decodes the HTML character references of printable ASCII in a text line, with a map back to
/// the escaped bytes: `&quot;`, `&apos;`, `&lt;`, `&gt;`, `&amp;`, and numeric references
/// (`&#39;`, `&#x27;`, `&#X3D;`).
///
/// Templates and HTML-escaping loggers quote values that way (`secret_access_key=&#x27;...&#x27;`
/// in a Python repr rendered into a page, `[access_token] =&gt; ...` of PHP's print_r), so a
/// quote or an arrow the rules key on is hidden. Every other byte, and any other reference,
/// stays as it is. Never throws; never allocates once the output arrays have grown.
enum HTMLEntityDecoder {
    /// The byte and the length of the reference that starts at `index`, or nil.
    static func reference(_ bytes: UnsafeRawBufferPointer, at index: Int) -> EscapedLineDecoding.Escape? {
        guard index + 3 < bytes.count, bytes[index] == UInt8(ascii: "&") else { return nil }
        if bytes[index + 1] == UInt8(ascii: "#") {
            var position = index + 2
            let hex = position < bytes.count && (bytes[position] | 0x20) == UInt8(ascii: "x")
            if hex { position += 1 }
            var value = 0
            var digits = 0
            while position < bytes.count && digits < 4 {
                let byte = bytes[position]
                if hex, let digit = PercentDecoder.hexValue(byte) {
                    value = value * 16 + Int(digit)
                } else if !hex && byte >= 0x30 && byte <= 0x39 {
                    value = value * 10 + Int(byte - 0x30)
                } else {
                    break
                }
                digits += 1
                position += 1
            }
            guard digits > 0, position < bytes.count, bytes[position] == UInt8(ascii: ";"),
                  value >= 0x20, value <= 0x7E else { return nil }
            return (UInt8(value), position + 1 - index)
        }
        for (name, byte) in named where index + name.count <= bytes.count {
            var matches = true
            for offset in 0..<name.count where bytes[index + offset] != name[offset] { matches = false; break }
            if matches { return (byte, name.count) }
        }
        return nil
    }

    private static let named: [([UInt8], UInt8)] = [
        (Array("&quot;".utf8), UInt8(ascii: "\"")), (Array("&apos;".utf8), UInt8(ascii: "'")),
        (Array("&lt;".utf8), UInt8(ascii: "<")), (Array("&gt;".utf8), UInt8(ascii: ">")),
        (Array("&amp;".utf8), UInt8(ascii: "&")),
    ]

    /// Whether `line` holds at least one reference this type decodes.
    static func holdsReference(_ line: UnsafeRawBufferPointer) -> Bool {
        EscapedLineDecoding.holdsEscape(line, marker: UInt8(ascii: "&"), reference)
    }

    /// Replaces `output` with the decoding of `line` and `offsets` with the map back to it
    /// (``EscapedLineDecoding/decode(_:into:offsets:_:)``).
    static func decode(_ line: UnsafeRawBufferPointer, into output: inout [UInt8], offsets: inout [Int32]) {
        EscapedLineDecoding.decode(line, into: &output, offsets: &offsets, reference)
    }
}
