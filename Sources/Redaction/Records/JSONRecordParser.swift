/// One string value of a JSON record (or a byte array, journald's form of a binary `MESSAGE`):
/// where its key and content are in the record's bytes.
struct JSONRecordEntry {
    /// The key's content (between its quotes), or nil for an array element.
    var key: Range<Int>?
    /// For a string: its content, between the quotes. For a byte array: the whole array, `[` to `]`.
    var value: Range<Int>
    /// Whether the string holds an escape (so its decoded text differs from its bytes).
    var escaped: Bool
    /// A byte array (`[112, 97, ...]`) rather than a string.
    var isByteArray: Bool
    /// Nesting depth of the value: 1 for a member of the top-level object.
    var depth: Int
}

/// A validating JSON walker that lists the string values of one record (a JSON object on a log
/// line) with their keys, without building a tree. Never throws and never allocates beyond the
/// caller's reused entry list; bounded in depth and entries. Anything that is not exactly one
/// well-formed JSON object (bad JSON, a truncated line, trailing text) is reported as not a
/// record, and the line is handled as text.
enum JSONRecordParser {
    /// The deepest nesting walked; a deeper record is treated as text.
    static let maximumDepth = 32
    /// The most string values listed; a record with more is treated as text (scanned as a line).
    static let maximumEntries = 4096

    /// Lists the string values of the JSON object that `text` holds (surrounding whitespace
    /// allowed) into `entries` (cleared first).
    /// - Returns: false when `text` is not one well-formed JSON object within the limits.
    static func parse(_ text: UnsafeRawBufferPointer, into entries: inout [JSONRecordEntry]) -> Bool {
        entries.removeAll(keepingCapacity: true)
        var walker = Walker(text: text)
        walker.skipWhitespace()
        guard walker.index < text.count, text[walker.index] == UInt8(ascii: "{") else { return false }
        guard walker.value(key: nil, depth: 0, into: &entries) else { return false }
        walker.skipWhitespace()
        return walker.index == text.count
    }

    private struct Walker {
        let text: UnsafeRawBufferPointer
        var index = 0

        init(text: UnsafeRawBufferPointer) { self.text = text }

        mutating func skipWhitespace() {
            while index < text.count {
                let byte = text[index]
                guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
                index += 1
            }
        }

        /// The content range of the string literal at `index` (which holds a quote), and whether
        /// it has escapes; moves past the closing quote.
        mutating func string() -> (Range<Int>, Bool)? {
            guard let end = try? JSONStringCodec.literalEnd(in: text, from: index) else { return nil }
            let content = (index + 1)..<(end - 1)
            var escaped = false
            for position in content where text[position] == UInt8(ascii: "\\") {
                escaped = true
                break
            }
            index = end
            return (content, escaped)
        }

        mutating func value(key: Range<Int>?, depth: Int, into entries: inout [JSONRecordEntry]) -> Bool {
            guard index < text.count, depth <= JSONRecordParser.maximumDepth else { return false }
            switch text[index] {
            case UInt8(ascii: "\""):
                guard let (content, escaped) = string(), entries.count < JSONRecordParser.maximumEntries else { return false }
                entries.append(JSONRecordEntry(key: key, value: content, escaped: escaped, isByteArray: false, depth: depth))
                return true
            case UInt8(ascii: "{"):
                index += 1
                skipWhitespace()
                if index < text.count && text[index] == UInt8(ascii: "}") { index += 1; return true }
                while true {
                    skipWhitespace()
                    guard index < text.count, text[index] == UInt8(ascii: "\""), let (name, _) = string() else { return false }
                    skipWhitespace()
                    guard index < text.count, text[index] == UInt8(ascii: ":") else { return false }
                    index += 1
                    skipWhitespace()
                    guard value(key: name, depth: depth + 1, into: &entries) else { return false }
                    skipWhitespace()
                    guard index < text.count else { return false }
                    if text[index] == UInt8(ascii: ",") { index += 1; continue }
                    guard text[index] == UInt8(ascii: "}") else { return false }
                    index += 1
                    return true
                }
            case UInt8(ascii: "["):
                let start = index
                let entriesBefore = entries.count
                var allBytes = true
                var elements = 0
                index += 1
                skipWhitespace()
                if index < text.count && text[index] == UInt8(ascii: "]") { index += 1; return true }
                while true {
                    skipWhitespace()
                    let elementStart = index
                    guard value(key: nil, depth: depth + 1, into: &entries) else { return false }
                    elements += 1
                    if allBytes && !isByte(elementStart..<index) { allBytes = false }
                    skipWhitespace()
                    guard index < text.count else { return false }
                    if text[index] == UInt8(ascii: ",") { index += 1; continue }
                    guard text[index] == UInt8(ascii: "]") else { return false }
                    index += 1
                    break
                }
                // journald writes a MESSAGE that is not valid UTF-8 as an array of byte values.
                if allBytes && elements > 0 && entries.count == entriesBefore && key != nil {
                    guard entries.count < JSONRecordParser.maximumEntries else { return false }
                    entries.append(JSONRecordEntry(key: key, value: start..<index, escaped: false, isByteArray: true, depth: depth))
                }
                return true
            default:
                return scalar()
            }
        }

        /// A number, `true`, `false` or `null`.
        mutating func scalar() -> Bool {
            let start = index
            while index < text.count {
                let byte = text[index]
                let isScalarByte = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "E")
                guard isScalarByte else { break }
                index += 1
            }
            guard index > start else { return false }
            let first = text[start]
            if first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) { return true }
            return matches(start, "true") || matches(start, "false") || matches(start, "null")
        }

        func matches(_ start: Int, _ word: StaticString) -> Bool {
            guard index - start == word.utf8CodeUnitCount else { return false }
            for offset in 0..<word.utf8CodeUnitCount where text[start + offset] != word.utf8Start[offset] { return false }
            return true
        }

        /// Whether `range` is a decimal integer from 0 to 255.
        func isByte(_ range: Range<Int>) -> Bool {
            guard !range.isEmpty, range.count <= 3 else { return false }
            var value = 0
            for position in range {
                let byte = text[position]
                guard byte >= 0x30 && byte <= 0x39 else { return false }
                value = value * 10 + Int(byte - 0x30)
            }
            return value <= 255
        }
    }
}
