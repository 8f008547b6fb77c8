import Redaction

/// Finds a top-level member of a JSON object held in one buffer (rsyslog's `fulljson` message),
/// without building a tree: strings are delimited with ``JSONStringCodec/literalEnd(in:from:)``,
/// nested objects and arrays are skipped by depth, other values up to the next `,` or `}`.
///
/// Contract: the text must be one object (`{...}` with optional whitespace around it); member
/// values other than the one asked for are checked only as far as skipping them needs. Thread
/// safety: stateless.
enum JSONObjectMembers {
    /// Why the text is not a JSON object this scanner can walk. Offsets only, never content.
    struct Malformed: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "malformed JSON object at offset \(offset)" }
    }

    /// What the member `name` holds.
    enum Value: Equatable {
        /// A string: the byte range of its literal, quotes included.
        case string(Range<Int>)
        /// Any other JSON value (number, object, array, `true`, `false`, `null`).
        case other
    }

    /// The value of the first top-level member called `name` (compared after decoding escapes),
    /// or nil when there is none.
    /// - Throws: ``Malformed`` when the text is not an object.
    static func find(_ name: [UInt8], in text: UnsafeRawBufferPointer) throws -> Value? {
        var index = skipSpace(text, 0)
        guard index < text.count, text[index] == UInt8(ascii: "{") else { throw Malformed(offset: index) }
        index = skipSpace(text, index + 1)
        if index < text.count, text[index] == UInt8(ascii: "}") { return try end(text, index + 1, nil) }
        var found: Value?
        var key: [UInt8] = []
        while true {
            let keyEnd = try literalEnd(text, index)
            if found == nil {
                key.removeAll(keepingCapacity: true)
                try decode(text, (index + 1)..<(keyEnd - 1), into: &key)
            }
            index = skipSpace(text, keyEnd)
            guard index < text.count, text[index] == UInt8(ascii: ":") else { throw Malformed(offset: index) }
            index = skipSpace(text, index + 1)
            let valueStart = index
            index = try skipValue(text, index)
            if found == nil && key == name {
                found = text[valueStart] == UInt8(ascii: "\"") ? .string(valueStart..<index) : .other
            }
            index = skipSpace(text, index)
            guard index < text.count else { throw Malformed(offset: index) }
            if text[index] == UInt8(ascii: "}") { return try end(text, index + 1, found) }
            guard text[index] == UInt8(ascii: ",") else { throw Malformed(offset: index) }
            index = skipSpace(text, index + 1)
        }
    }

    private static func end(_ text: UnsafeRawBufferPointer, _ index: Int, _ found: Value?) throws -> Value? {
        let rest = skipSpace(text, index)
        guard rest == text.count else { throw Malformed(offset: rest) }
        return found
    }

    private static func literalEnd(_ text: UnsafeRawBufferPointer, _ index: Int) throws -> Int {
        do { return try JSONStringCodec.literalEnd(in: text, from: index) } catch { throw Malformed(offset: index) }
    }

    private static func decode(_ text: UnsafeRawBufferPointer, _ range: Range<Int>, into output: inout [UInt8]) throws {
        do { try JSONStringCodec.decode(UnsafeRawBufferPointer(rebasing: text[range]), into: &output) } catch {
            throw Malformed(offset: range.lowerBound)
        }
    }

    /// The offset just past the value starting at `index`.
    private static func skipValue(_ text: UnsafeRawBufferPointer, _ index: Int) throws -> Int {
        guard index < text.count else { throw Malformed(offset: index) }
        switch text[index] {
        case UInt8(ascii: "\""):
            return try literalEnd(text, index)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var position = index
            while position < text.count {
                switch text[position] {
                case UInt8(ascii: "\""): position = try literalEnd(text, position); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return position + 1 }
                default: break
                }
                position += 1
            }
            throw Malformed(offset: index)
        default:
            var position = index
            while position < text.count {
                let byte = text[position]
                guard byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), !isSpace(byte) else { break }
                guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
                      || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
                else { throw Malformed(offset: position) }
                position += 1
            }
            guard position > index else { throw Malformed(offset: index) }
            return position
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func skipSpace(_ text: UnsafeRawBufferPointer, _ index: Int) -> Int {
        var position = index
        while position < text.count, isSpace(text[position]) { position += 1 }
        return position
    }
}
