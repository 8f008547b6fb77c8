/// Walks a line and yields the base64 values that stand in a credential context (see
/// ``Base64Context``): after `Basic `, or as the value of a key that says credential.
///
/// Only the shape is checked here (a base64 token of ``DecodingLimits/minimumBase64Bytes`` to
/// ``DecodingLimits/maximumTokenBytes`` bytes, ending where a value ends); whether it decodes, and
/// to what, is the caller's business. One pass over the line, no allocation.
struct Base64ValueFinder {
    /// A base64 value and its context, positions in the line.
    struct Value {
        var token: Range<Int>
        var context: Base64Context
    }

    private let line: UnsafeRawBufferPointer
    private var position = 0

    init(_ line: UnsafeRawBufferPointer) { self.line = line }

    /// The next value, or nil at the end of the line.
    mutating func next() -> Value? {
        let count = line.count
        while position < count {
            let index = position
            position &+= 1
            let byte = line[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                if let value = basicValue(afterSpaceAt: index) { return value }
            } else if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "=") {
                if let value = keyedValue(separatorAt: index) { return value }
            }
        }
        return nil
    }

    /// `Basic <token>`: the word `basic` (any case, not inside a longer word) ends at `space`.
    private mutating func basicValue(afterSpaceAt space: Int) -> Value? {
        guard space >= 5, line[space - 1] | 0x20 == UInt8(ascii: "c") else { return nil }
        for (offset, letter) in "basic".utf8.enumerated() where line[space - 5 + offset] | 0x20 != letter { return nil }
        if space > 5 && isWordByte(line[space - 6]) { return nil }
        var start = space
        while start < line.count && (line[start] == UInt8(ascii: " ") || line[start] == UInt8(ascii: "\t")) { start += 1 }
        return value(at: start, context: .basicScheme)
    }

    /// `key<sep>value` around the separator at `separator` (`:`, `=`, `=>`, `:=`; the key and the
    /// value may be quoted, also with escaped quotes; the value may be in `[...]`).
    private mutating func keyedValue(separatorAt separator: Int) -> Value? {
        // The key: back over spaces, a closing quote (maybe escaped), then key bytes.
        var keyEnd = separator
        while keyEnd > 0 && line[keyEnd - 1] == UInt8(ascii: " ") { keyEnd -= 1 }
        if keyEnd > 0 && (line[keyEnd - 1] == UInt8(ascii: "\"") || line[keyEnd - 1] == UInt8(ascii: "'")) {
            keyEnd -= 1
            if keyEnd > 0 && line[keyEnd - 1] == UInt8(ascii: "\\") { keyEnd -= 1 }
        }
        var keyStart = keyEnd
        while keyStart > 0 && keyEnd - keyStart < DecodingLimits.maximumKeyBytes && isKeyByte(line[keyStart - 1]) {
            keyStart -= 1
        }
        guard keyStart < keyEnd,
              let context = Base64Context.classify(key: UnsafeRawBufferPointer(rebasing: line[keyStart..<keyEnd]),
                                                   at: keyStart..<keyEnd)
        else { return nil }
        // The value: past `>` of `=>` or `=` of `:=`, spaces, `[`, an opening quote (maybe escaped).
        var start = separator + 1
        if start < line.count && (line[start] == UInt8(ascii: ">") || line[start] == UInt8(ascii: "=")) { start += 1 }
        while start < line.count && line[start] == UInt8(ascii: " ") { start += 1 }
        if start < line.count && line[start] == UInt8(ascii: "[") { start += 1 }
        if start < line.count && line[start] == UInt8(ascii: "\\") { start += 1 }
        if start < line.count && (line[start] == UInt8(ascii: "\"") || line[start] == UInt8(ascii: "'")) { start += 1 }
        while start < line.count && line[start] == UInt8(ascii: " ") { start += 1 }
        return value(at: start, context: context)
    }

    /// The base64 token at `start` if it has the right length and ends where a value ends.
    private mutating func value(at start: Int, context: Base64Context) -> Value? {
        let length = Base64Decoder.tokenLength(in: line, from: start)
        guard length >= DecodingLimits.minimumBase64Bytes, length <= DecodingLimits.maximumTokenBytes else { return nil }
        let end = start + length
        guard endsValue(at: end) else { return nil }
        position = end
        return Value(token: start..<end, context: context)
    }

    /// Whether a value may end just before `index`: at the end of the line, whitespace, a quote or
    /// a closing delimiter (a `.` only when the sentence ends there).
    private func endsValue(at index: Int) -> Bool {
        guard index < line.count else { return true }
        switch line[index] {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "\""),
             UInt8(ascii: "'"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "}"), UInt8(ascii: "]"),
             UInt8(ascii: ")"), UInt8(ascii: "&"), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"),
             UInt8(ascii: "|"):
            return true
        case UInt8(ascii: "."):
            return index + 1 == line.count || line[index + 1] == UInt8(ascii: " ")
        default:
            return false
        }
    }

    @inline(__always)
    private func isKeyByte(_ byte: UInt8) -> Bool {
        isWordByte(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    @inline(__always)
    private func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_")
    }
}
