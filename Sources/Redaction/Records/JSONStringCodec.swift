/// JSON string literals (RFC 8259, section 7) to bytes and back: the one JSON string codec of the
/// package (the `mmexternal` replies, `--check` reports, and JSON records all use it).
///
/// - ``decode(_:into:)`` turns the body of a literal (the bytes between its quotes) into the
///   bytes it denotes: every escape (`\"` `\\` `\/` `\b` `\f` `\n` `\r` `\t` `\uXXXX`, surrogate
///   pairs) is resolved; raw bytes, including invalid UTF-8, are copied unchanged (lenient: the
///   text is scanned for secrets, not validated). A lone surrogate (`\uD800` without its pair, or a
///   low surrogate alone) decodes to U+FFFD, which UTF-8 can represent.
/// - ``encode(_:into:)`` writes bytes as a literal any JSON parser accepts: `"` and `\` escaped,
///   control bytes as `\n` `\r` `\t` `\b` `\f` or `\u00XX`, `/` and DEL kept, valid UTF-8 copied, and
///   each maximal invalid UTF-8 subsequence replaced by U+FFFD (as `String(decoding:as:)` does), so
///   the output is always valid UTF-8.
/// - ``literalEnd(in:from:)`` finds where a literal ends, for callers walking a JSON text.
///
/// Allocation: none beyond the growth of the caller's output array. A decoded body is never longer
/// than the encoded one, so `reserveCapacity(body.count)` makes ``decode(_:into:)`` allocation-free;
/// an encoded literal is at most `6 * count + 2` bytes.
///
/// Thread safety: stateless; call from any thread.
public enum JSONStringCodec {
    /// Why a literal could not be decoded. Offsets are 0-based byte offsets into the buffer that
    /// was given; the error never carries content.
    public enum DecodingError: Error, Sendable, Hashable, CustomStringConvertible {
        /// ``literalEnd(in:from:)`` was not pointed at a `"`.
        case missingOpeningQuote(offset: Int)
        /// The literal has no closing quote.
        case unterminated
        /// A raw control byte (below 0x20), which JSON requires to be escaped.
        case controlCharacter(offset: Int)
        /// A backslash followed by something other than `" \ / b f n r t u`.
        case invalidEscape(offset: Int)
        /// `\u` not followed by four hexadecimal digits.
        case invalidUnicodeEscape(offset: Int)
        /// ``decode(literal:)``: bytes after the closing quote.
        case trailingBytes(offset: Int)

        public var description: String {
            switch self {
            case .missingOpeningQuote(let offset): return "expected a JSON string at offset \(offset)"
            case .unterminated: return "unterminated JSON string"
            case .controlCharacter(let offset): return "unescaped control character in a JSON string at offset \(offset)"
            case .invalidEscape(let offset): return "invalid escape in a JSON string at offset \(offset)"
            case .invalidUnicodeEscape(let offset): return "invalid \\u escape in a JSON string at offset \(offset)"
            case .trailingBytes(let offset): return "bytes after the end of a JSON string at offset \(offset)"
            }
        }
    }

    // MARK: Decoding

    /// The offset just past the closing quote of the literal whose opening quote is at `start`.
    /// Checks the escapes' shape (so a later ``decode(_:into:)`` of the body cannot fail).
    public static func literalEnd(in input: UnsafeRawBufferPointer, from start: Int) throws(DecodingError) -> Int {
        guard start < input.count, input[start] == quote else { throw .missingOpeningQuote(offset: start) }
        var index = start + 1
        while index < input.count {
            let byte = input[index]
            if byte == quote { return index + 1 }
            if byte == backslash {
                try checkEscape(input, at: index)
                index += input[index + 1] == UInt8(ascii: "u") ? 6 : 2
            } else if byte < 0x20 {
                throw .controlCharacter(offset: index)
            } else {
                index += 1
            }
        }
        throw .unterminated
    }

    /// Appends the bytes that the literal body `body` (without its quotes) denotes to `output`.
    ///
    /// The caller has delimited the body (``literalEnd(in:from:)``), so a raw `"` inside it is
    /// copied as it is. On a throw, `output` may hold a prefix of the decoded bytes.
    /// - Throws: ``DecodingError`` for a raw control byte or a malformed escape.
    public static func decode(_ body: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(DecodingError) {
        var unused: [Int32] = []
        try decode(body, into: &output, sources: &unused, recordingSources: false)
    }

    /// ``decode(_:into:)`` that also appends, for every decoded byte, the offset in `body` where
    /// the text it came from starts (a plain byte: its own offset; an escape: the backslash; the
    /// bytes of a surrogate pair: its first backslash). A range of decoded bytes `d..<e` therefore
    /// came from `body[sources[d]..<sources[e]]` (with `body.count` as `sources[output.count]`),
    /// which always covers whole escapes: masking it never leaves half an escape behind.
    public static func decode(_ body: UnsafeRawBufferPointer, into output: inout [UInt8],
                              sources: inout [Int32]) throws(DecodingError) {
        try decode(body, into: &output, sources: &sources, recordingSources: true)
    }

    private static func decode(_ body: UnsafeRawBufferPointer, into output: inout [UInt8], sources: inout [Int32],
                               recordingSources: Bool) throws(DecodingError) {
        var index = 0
        var pendingHigh: UInt32?  // a high surrogate waiting for its low half
        var pendingHighStart = 0
        func append(_ value: UInt32, from start: Int) {
            let before = output.count
            appendUTF8(value, into: &output)
            if recordingSources { for _ in before..<output.count { sources.append(Int32(start)) } }
        }
        func flushPendingHigh() {
            if pendingHigh != nil { append(replacementCharacter, from: pendingHighStart); pendingHigh = nil }
        }
        while index < body.count {
            let byte = body[index]
            if byte != backslash {
                if byte < 0x20 { throw .controlCharacter(offset: index) }
                flushPendingHigh()
                // Copy the run of plain bytes at once.
                var end = index + 1
                while end < body.count, body[end] != backslash, body[end] >= 0x20 { end += 1 }
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: body[index..<end]))
                if recordingSources { for offset in index..<end { sources.append(Int32(offset)) } }
                index = end
                continue
            }
            try checkEscape(body, at: index)
            let kind = body[index + 1]
            guard kind == UInt8(ascii: "u") else {
                flushPendingHigh()
                output.append(simpleEscapeValue(kind))
                if recordingSources { sources.append(Int32(index)) }
                index += 2
                continue
            }
            let unit = hexValue(body, at: index + 2)
            let start = index
            index += 6
            switch unit {
            case 0xD800...0xDBFF:
                flushPendingHigh()
                pendingHigh = unit
                pendingHighStart = start
            case 0xDC00...0xDFFF:
                if let high = pendingHigh {
                    append(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), from: pendingHighStart)
                    pendingHigh = nil
                } else {
                    append(replacementCharacter, from: start)
                }
            default:
                flushPendingHigh()
                append(unit, from: start)
            }
        }
        flushPendingHigh()
    }

    /// Decodes a complete literal, quotes included (convenience; allocates the result).
    /// - Throws: ``DecodingError``, also when anything follows the closing quote.
    public static func decode(literal: UnsafeRawBufferPointer) throws(DecodingError) -> [UInt8] {
        let end = try literalEnd(in: literal, from: 0)
        guard end == literal.count else { throw .trailingBytes(offset: end) }
        var output: [UInt8] = []
        output.reserveCapacity(literal.count)
        try decode(UnsafeRawBufferPointer(rebasing: literal[1..<(end - 1)]), into: &output)
        return output
    }

    // MARK: Encoding

    /// Appends `bytes` as a JSON string literal, quotes included, to `output` (see the type's
    /// documentation for what is escaped and how invalid UTF-8 is handled).
    public static func encode(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        output.append(quote)
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x80 {
                // Copy the run of printable ASCII that needs no escape.
                var end = index
                while end < count, bytes[end] >= 0x20, bytes[end] < 0x80, bytes[end] != quote, bytes[end] != backslash {
                    end += 1
                }
                if end > index {
                    output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<end]))
                    index = end
                    continue
                }
                output.append(backslash)
                output.append(byte)
                index += 1
            } else if byte < 0x20 {
                output.append(backslash)
                switch byte {
                case 0x08: output.append(UInt8(ascii: "b"))
                case 0x09: output.append(UInt8(ascii: "t"))
                case 0x0A: output.append(UInt8(ascii: "n"))
                case 0x0C: output.append(UInt8(ascii: "f"))
                case 0x0D: output.append(UInt8(ascii: "r"))
                default:
                    output.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30])
                    Hex.append(byte, into: &output)
                }
                index += 1
            } else {
                let length = validUTF8SequenceLength(bytes, at: index)
                if length > 0 {
                    output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<(index + length)]))
                    index += length
                } else {
                    appendUTF8(replacementCharacter, into: &output)
                    index += max(1, invalidSubsequenceLength(bytes, at: index))
                }
            }
        }
        output.append(quote)
    }

    /// Appends `bytes` escaped for the inside of a JSON string literal (no quotes): what
    /// ``encode(_:into:)`` writes between the quotes.
    public static func appendEscaped(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        let start = output.count
        encode(bytes, into: &output)
        output.remove(at: start)
        output.removeLast()
    }

    /// `string` as a JSON string literal (convenience; allocates).
    public static func encode(_ string: String) -> String {
        var copy = string
        var output: [UInt8] = []
        copy.withUTF8 { encode(UnsafeRawBufferPointer($0), into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: Internals

    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let replacementCharacter: UInt32 = 0xFFFD

    /// Throws unless `input[index]` (a backslash) starts a well-formed escape.
    private static func checkEscape(_ input: UnsafeRawBufferPointer, at index: Int) throws(DecodingError) {
        guard index + 1 < input.count else { throw .invalidEscape(offset: index) }
        switch input[index + 1] {
        case quote, backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
             UInt8(ascii: "r"), UInt8(ascii: "t"):
            return
        case UInt8(ascii: "u"):
            guard index + 6 <= input.count else { throw .invalidUnicodeEscape(offset: index) }
            for offset in 2..<6 where nibble(input[index + offset]) == nil { throw .invalidUnicodeEscape(offset: index) }
        default:
            throw .invalidEscape(offset: index)
        }
    }

    private static func simpleEscapeValue(_ kind: UInt8) -> UInt8 {
        switch kind {
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        default: return kind  // `"`, `\`, `/`
        }
    }

    private static func nibble(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// The value of the four hex digits at `index` (already checked).
    private static func hexValue(_ input: UnsafeRawBufferPointer, at index: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 4 | (nibble(input[index + offset]) ?? 0) }
        return value
    }

    /// Appends the UTF-8 encoding of scalar value `value` (not a surrogate, at most U+10FFFF).
    private static func appendUTF8(_ value: UInt32, into output: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            output.append(UInt8(value))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | value >> 6))
            output.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | value >> 12))
            output.append(UInt8(0x80 | value >> 6 & 0x3F))
            output.append(UInt8(0x80 | value & 0x3F))
        default:
            output.append(UInt8(0xF0 | value >> 18))
            output.append(UInt8(0x80 | value >> 12 & 0x3F))
            output.append(UInt8(0x80 | value >> 6 & 0x3F))
            output.append(UInt8(0x80 | value & 0x3F))
        }
    }

    /// The valid range of the second byte after lead byte `lead`, and the sequence length
    /// (Unicode Table 3-7, "Well-Formed UTF-8 Byte Sequences"); nil for a byte that cannot lead.
    private static func sequenceShape(_ lead: UInt8) -> (length: Int, second: ClosedRange<UInt8>)? {
        switch lead {
        case 0xC2...0xDF: return (2, 0x80...0xBF)
        case 0xE0: return (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (3, 0x80...0xBF)
        case 0xED: return (3, 0x80...0x9F)
        case 0xF0: return (4, 0x90...0xBF)
        case 0xF1...0xF3: return (4, 0x80...0xBF)
        case 0xF4: return (4, 0x80...0x8F)
        default: return nil
        }
    }

    /// The length of the well-formed UTF-8 sequence at `index` (a non-ASCII byte), or 0.
    private static func validUTF8SequenceLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int {
        guard let shape = sequenceShape(bytes[index]), index + shape.length <= bytes.count,
              shape.second.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<shape.length where bytes[index + offset] & 0xC0 != 0x80 { return 0 }
        return shape.length
    }

    /// The length of the maximal subpart of an ill-formed sequence at `index` (at least 1): the
    /// bytes that start a well-formed sequence but end before it is complete.
    private static func invalidSubsequenceLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int {
        guard let shape = sequenceShape(bytes[index]) else { return 1 }
        guard index + 1 < bytes.count, shape.second.contains(bytes[index + 1]) else { return 1 }
        var length = 2
        while length < shape.length, index + length < bytes.count, bytes[index + length] & 0xC0 == 0x80 { length += 1 }
        return length
    }
}
