extension TOMLDocumentParser {
    // MARK: Values

    /// Parses the value starting at the current position, `depth` levels below the root.
    mutating func parseValue(depth: Int) throws(TOMLParseError) -> TOMLNode {
        let start = pos
        let line = line(at: start)
        guard pos < bytes.count, !isNewline(at: pos), !byte(at: pos, is: "#") else {
            throw error("missing value")
        }
        let value: TOMLValue
        switch bytes[pos] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            value = .string(try parseString())
        case UInt8(ascii: "t"):
            value = .boolean(try parseKeyword("true", start: start))
        case UInt8(ascii: "f"):
            value = .boolean(try parseKeyword("false", start: start))
        case UInt8(ascii: "["):
            guard depth <= TOMLParser.maximumDepth else { throw error("nesting too deep") }
            value = try parseArray(depth: depth)
        case UInt8(ascii: "{"):
            guard depth <= TOMLParser.maximumDepth else { throw error("nesting too deep") }
            value = try parseInlineTable(depth: depth)
        default:
            value = try parseNumberOrDateTime()
        }
        return TOMLNode(value: value, line: line)
    }

    /// Consumes `word` (`true` or `false`) and returns whether it was `true`.
    mutating func parseKeyword(_ word: String, start: Int) throws(TOMLParseError) -> Bool {
        let end = start + word.utf8.count
        guard end <= bytes.count, bytes[start..<end].elementsEqual(word.utf8),
              end == bytes.count || !Self.isBareKeyByte(bytes[end])
        else {
            throw error("invalid value", at: start)
        }
        pos = end
        return word == "true"
    }

    /// Parses `[ ... ]`: values separated by commas, with whitespace, comments and line endings
    /// anywhere between them and an optional trailing comma.
    mutating func parseArray(depth: Int) throws(TOMLParseError) -> TOMLValue {
        let open = pos
        pos += 1
        var elements: [TOMLNode] = []
        while true {
            try skipWhitespaceCommentsAndNewlines()
            guard pos < bytes.count else { throw error("unterminated array", at: open) }
            if byte(at: pos, is: "]") { break }
            if byte(at: pos, is: ",") { throw error("expected a value in array") }
            elements.append(try parseValue(depth: depth + 1))
            try skipWhitespaceCommentsAndNewlines()
            guard pos < bytes.count else { throw error("unterminated array", at: open) }
            if byte(at: pos, is: ",") {
                pos += 1
            } else if !byte(at: pos, is: "]") {
                throw error("expected ',' or ']' in array")
            }
        }
        pos += 1
        return .array(elements)
    }

    /// Parses `{ key = value, ... }` on one line, without a trailing comma. The result is
    /// frozen: later headers and dotted keys cannot extend it.
    mutating func parseInlineTable(depth: Int) throws(TOMLParseError) -> TOMLValue {
        let open = pos
        pos += 1
        let table = TOMLTableBuilder(line: line(at: open), origin: .inline, depth: depth)
        skipWhitespace()
        if byte(at: pos, is: "}") {
            pos += 1
            return .table(table.build())
        }
        while true {
            skipWhitespace()
            try checkInsideInlineTable(open: open)
            if byte(at: pos, is: "}") { throw error("trailing comma in inline table") }
            try parseKeyValue(into: table)
            skipWhitespace()
            try checkInsideInlineTable(open: open)
            if byte(at: pos, is: "}") { break }
            guard byte(at: pos, is: ",") else { throw error("expected ',' or '}' in inline table") }
            pos += 1
        }
        pos += 1
        return .table(table.build())
    }

    /// Rejects the end of the document, a line ending or a comment inside an inline table.
    func checkInsideInlineTable(open: Int) throws(TOMLParseError) {
        if pos == bytes.count { throw error("unterminated inline table", at: open) }
        if isNewline(at: pos) || byte(at: pos, is: "\r") { throw error("newline in inline table") }
        if byte(at: pos, is: "#") { throw error("comment in inline table") }
    }

    // MARK: Strings

    /// Parses a basic (`"`), literal (`'`), multi-line basic (`"""`) or multi-line literal
    /// (`'''`) string starting at the current position and returns its value.
    ///
    /// Basic strings resolve escapes; an unknown escape is an error. Multi-line strings drop a
    /// line ending right after the opening delimiter, turn CRLF into LF, and may end with one
    /// or two quotes just before the closing delimiter. In multi-line basic strings a `\` at the
    /// end of a line removes it and all whitespace and line endings that follow.
    mutating func parseString() throws(TOMLParseError) -> String {
        let open = pos
        let quote = bytes[pos]
        let escapes = quote == UInt8(ascii: "\"")
        let multiline = pos + 2 < bytes.count && bytes[pos + 1] == quote && bytes[pos + 2] == quote
        pos += multiline ? 3 : 1
        if multiline { _ = skipNewline() }

        var result: [UInt8] = []
        var runStart = pos
        while true {
            guard pos < bytes.count else {
                throw error(multiline ? "unterminated multi-line string" : "unterminated string", at: open)
            }
            let byte = bytes[pos]
            if byte == quote {
                guard multiline else {
                    result.append(contentsOf: bytes[runStart..<pos])
                    pos += 1
                    break
                }
                var run = 1
                while pos + run < bytes.count, bytes[pos + run] == quote { run += 1 }
                if run < 3 {
                    pos += run
                    continue
                }
                guard run <= 5 else { throw error("too many quotes at the end of a multi-line string") }
                result.append(contentsOf: bytes[runStart..<pos])
                result.append(contentsOf: repeatElement(quote, count: run - 3))
                pos += run
                break
            } else if byte == UInt8(ascii: "\\"), escapes {
                result.append(contentsOf: bytes[runStart..<pos])
                if !(multiline && skipLineEndingBackslash()) {
                    try parseEscape(into: &result)
                }
                runStart = pos
            } else if byte == UInt8(ascii: "\n") {
                guard multiline else { throw error("newline in single-line string") }
                pos += 1
            } else if byte == UInt8(ascii: "\r") {
                guard self.byte(at: pos + 1, is: "\n") else {
                    throw error("carriage return not followed by line feed")
                }
                guard multiline else { throw error("newline in single-line string") }
                result.append(contentsOf: bytes[runStart..<pos])
                result.append(UInt8(ascii: "\n"))
                pos += 2
                runStart = pos
            } else if Self.isForbiddenControl(byte) {
                throw error("control character in string")
            } else {
                pos += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// At a `\` followed by optional spaces or tabs and a line ending, skips it and all the
    /// whitespace and line endings after it, and returns `true`; otherwise moves nothing.
    mutating func skipLineEndingBackslash() -> Bool {
        var index = pos + 1
        while byte(at: index, is: " ") || byte(at: index, is: "\t") { index += 1 }
        guard isNewline(at: index) else { return false }
        pos = index
        while true {
            skipWhitespace()
            if !skipNewline() { return true }
        }
    }

    /// Resolves the escape sequence at the current `\` and appends its UTF-8 bytes.
    mutating func parseEscape(into result: inout [UInt8]) throws(TOMLParseError) {
        let start = pos
        guard pos + 1 < bytes.count else { throw error("invalid escape sequence") }
        let letter = bytes[pos + 1]
        pos += 2
        switch letter {
        case UInt8(ascii: "b"): result.append(0x08)
        case UInt8(ascii: "t"): result.append(0x09)
        case UInt8(ascii: "n"): result.append(0x0A)
        case UInt8(ascii: "f"): result.append(0x0C)
        case UInt8(ascii: "r"): result.append(0x0D)
        case UInt8(ascii: "\""): result.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): result.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = letter == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<digits {
                guard pos < bytes.count, let digit = Self.hexDigitValue(bytes[pos]) else {
                    throw error("invalid Unicode escape: expected \(digits) hexadecimal digits", at: start)
                }
                value = value << 4 | UInt32(digit)
                pos += 1
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw error("invalid Unicode escape: not a Unicode scalar value", at: start)
            }
            UTF8.encode(scalar) { result.append($0) }
        default:
            throw error("invalid escape sequence", at: start)
        }
    }

    /// The value of a hexadecimal digit byte, or `nil`.
    static func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
