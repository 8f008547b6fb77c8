/// The byte-level TOML 1.0 parser behind ``TOMLParser``: one instance parses one
/// document from its UTF-8 bytes.
///
/// Positions are byte offsets into `bytes`; they become 1-based lines and columns only when a
/// node is recorded or an error is thrown. The document is built as a tree of
/// ``TOMLTableBuilder``s so headers can reopen nested tables in place; the rules for
/// redefining tables live in ``parseHeader()`` and ``parseKeyValue(into:)``.
struct TOMLDocumentParser {
    /// One segment of a (possibly dotted) key, with the byte offset where it starts.
    struct KeyPart {
        /// The segment with quotes removed and escapes resolved.
        var name: String
        /// The byte offset of the segment's first character (its opening quote, if quoted).
        var offset: Int
    }

    /// The document's UTF-8 bytes.
    let bytes: [UInt8]
    /// The current byte offset.
    var pos: Int
    /// The byte offset where each line starts (`lineStarts[0] == 0`).
    let lineStarts: [Int]
    /// Where line 1's text starts: 3 after a byte-order mark, else 0.
    let firstLineStart: Int
    /// The document root.
    let root: TOMLTableBuilder
    /// The table that key/value lines go into: the root or the last header's table.
    var current: TOMLTableBuilder

    /// A parser positioned at the start of `bytes` (UTF-8), past a byte-order mark if there is one.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        lineStarts = starts
        firstLineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        pos = firstLineStart
        root = TOMLTableBuilder(line: 0, origin: .root, depth: 0)
        current = root
    }

    // MARK: Locations and errors

    /// The 1-based line holding byte `offset`.
    func line(at offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// An error located at byte `offset` (by default the current position).
    func error(_ message: String, at offset: Int? = nil) -> TOMLParseError {
        let offset = min(offset ?? pos, bytes.count)
        let line = line(at: offset)
        var index = line == 1 ? firstLineStart : lineStarts[line - 1]
        var column = 1
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }  // count scalars, not continuation bytes
            index += 1
        }
        return TOMLParseError(line: line, column: column, message: message)
    }

    /// `parts` as a dotted key for messages: bare segments as they are, others quoted with
    /// control characters escaped, each cut to 64 scalars.
    func describe(_ parts: some Collection<KeyPart>) -> String {
        parts.map { part in
            let name = part.name
            if !name.isEmpty, name.utf8.allSatisfy(Self.isBareKeyByte) { return name }
            var quoted = "\""
            for (count, scalar) in name.unicodeScalars.enumerated() {
                if count == 64 { quoted += "…"; break }
                switch scalar {
                case "\"": quoted += "\\\""
                case "\\": quoted += "\\\\"
                case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: quoted.unicodeScalars.append(scalar)
                }
            }
            return quoted + "\""
        }.joined(separator: ".")
    }

    // MARK: Character classes

    /// `A-Z a-z 0-9 _ -`: the bytes of a bare key.
    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// A control character TOML forbids in strings and comments (tab is allowed; line feeds
    /// and carriage returns are handled by the callers).
    static func isForbiddenControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != UInt8(ascii: "\t")) || byte == 0x7F
    }

    /// Whether the byte at `offset` exists and equals `ascii`.
    func byte(at offset: Int, is ascii: Unicode.Scalar) -> Bool {
        offset < bytes.count && bytes[offset] == UInt8(ascii: ascii)
    }

    /// Whether a line ending (`\n` or `\r\n`) starts at `offset`.
    func isNewline(at offset: Int) -> Bool {
        byte(at: offset, is: "\n") || (byte(at: offset, is: "\r") && byte(at: offset + 1, is: "\n"))
    }

    // MARK: Trivia

    /// Skips spaces and tabs.
    mutating func skipWhitespace() {
        while pos < bytes.count, bytes[pos] == UInt8(ascii: " ") || bytes[pos] == UInt8(ascii: "\t") {
            pos += 1
        }
    }

    /// Skips a `#` comment up to (not including) its line ending.
    mutating func skipComment() throws(TOMLParseError) {
        pos += 1
        while pos < bytes.count, !isNewline(at: pos) {
            if Self.isForbiddenControl(bytes[pos]) {
                throw error(bytes[pos] == UInt8(ascii: "\r")
                    ? "carriage return not followed by line feed" : "control character in comment")
            }
            pos += 1
        }
    }

    /// Consumes one line ending if there is one; returns whether it did.
    mutating func skipNewline() -> Bool {
        if byte(at: pos, is: "\n") {
            pos += 1
            return true
        }
        if byte(at: pos, is: "\r"), byte(at: pos + 1, is: "\n") {
            pos += 2
            return true
        }
        return false
    }

    /// Skips whitespace, comments and line endings (between array elements).
    mutating func skipWhitespaceCommentsAndNewlines() throws(TOMLParseError) {
        while true {
            skipWhitespace()
            if byte(at: pos, is: "#") {
                try skipComment()
            } else if !skipNewline() {
                return
            }
        }
    }

    /// Ends a statement: optional whitespace and comment, then a line ending or the end of the
    /// document. `what` names the statement for the error ("value", "table header").
    mutating func expectEndOfLine(after what: String) throws(TOMLParseError) {
        skipWhitespace()
        if byte(at: pos, is: "#") { try skipComment() }
        if pos == bytes.count || skipNewline() { return }
        if byte(at: pos, is: "\r") { throw error("carriage return not followed by line feed") }
        throw error("unexpected text after \(what)")
    }

    // MARK: Document

    /// Parses the whole document and returns the root table.
    mutating func parseDocument() throws(TOMLParseError) -> TOMLTable {
        while true {
            skipWhitespace()
            guard pos < bytes.count else { break }
            switch bytes[pos] {
            case UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try expectEndOfLine(after: "comment")  // blank or comment-only line
            case UInt8(ascii: "["):
                try parseHeader()
                try expectEndOfLine(after: "table header")
            default:
                try parseKeyValue(into: current)
                try expectEndOfLine(after: "value")
            }
        }
        return root.build()
    }

    // MARK: Keys

    /// Parses a simple or dotted key, with optional whitespace around the dots.
    mutating func parseKey() throws(TOMLParseError) -> [KeyPart] {
        var parts = [try parseSimpleKey()]
        while true {
            let save = pos
            skipWhitespace()
            guard byte(at: pos, is: ".") else {
                pos = save
                return parts
            }
            pos += 1
            skipWhitespace()
            parts.append(try parseSimpleKey())
        }
    }

    /// Parses a bare key or a single-line quoted key.
    mutating func parseSimpleKey() throws(TOMLParseError) -> KeyPart {
        let start = pos
        guard pos < bytes.count else { throw error("expected a key") }
        let first = bytes[pos]
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            if byte(at: pos + 1, is: Unicode.Scalar(first)), byte(at: pos + 2, is: Unicode.Scalar(first)) {
                throw error("a multi-line string cannot be a key")
            }
            return KeyPart(name: try parseString(), offset: start)
        }
        while pos < bytes.count, Self.isBareKeyByte(bytes[pos]) { pos += 1 }
        guard pos > start else {
            throw error(first == UInt8(ascii: "=") ? "missing key before '='" : "expected a key")
        }
        return KeyPart(name: String(decoding: bytes[start..<pos], as: UTF8.self), offset: start)
    }

    // MARK: Tables

    /// Parses a `[table]` or `[[array.of.tables]]` header and makes its table current.
    ///
    /// Intermediate keys descend into (or implicitly create) tables, entering the last element
    /// of an array of tables, so `[rules.allowlist]` after `[[rules]]` extends the last rule.
    /// A `[table]` may define a table only once (an implicit one included); `[[name]]` appends
    /// only to an array of tables, never to a static array.
    mutating func parseHeader() throws(TOMLParseError) {
        let start = pos
        let headerLine = line(at: start)
        let isArray = byte(at: pos + 1, is: "[")
        pos += isArray ? 2 : 1
        skipWhitespace()
        let path = try parseKey()
        skipWhitespace()
        if isArray {
            guard byte(at: pos, is: "]"), byte(at: pos + 1, is: "]") else {
                throw error("expected ']]' to close the array-of-tables header")
            }
            pos += 2
        } else {
            guard byte(at: pos, is: "]") else { throw error("expected ']' to close the table header") }
            pos += 1
        }

        var table = root
        for (index, part) in path.dropLast().enumerated() {
            switch table[part.name] {
            case nil:
                let child = try makeTable(in: table, line: headerLine, origin: .implicit, at: part.offset)
                table.insert(.table(child), forKey: part.name)
                table = child
            case .table(let child):
                table = child
            case .tableArray(_, let elements):
                table = elements[elements.count - 1]
            case .value:
                throw error("key '\(describe(path[...index]))' already holds a value", at: part.offset)
            }
        }

        let last = path[path.count - 1]
        let name = describe(path)
        if isArray {
            let element = try makeTable(in: table, line: headerLine, origin: .header, at: last.offset)
            switch table[last.name] {
            case nil:
                table.insert(.tableArray(line: headerLine, elements: [element]), forKey: last.name)
            case .tableArray:
                table.append(element, toTableArrayAt: last.name)
            case .table:
                throw error("cannot define array of tables '\(name)': it is already a table", at: last.offset)
            case .value(let node):
                if case .array = node.value {
                    throw error("cannot append to static array '\(name)'", at: last.offset)
                }
                throw error("key '\(name)' already holds a value", at: last.offset)
            }
            current = element
        } else {
            switch table[last.name] {
            case nil:
                let child = try makeTable(in: table, line: headerLine, origin: .header, at: last.offset)
                table.insert(.table(child), forKey: last.name)
                current = child
            case .table(let child) where child.origin == .implicit:
                child.origin = .header
                child.line = headerLine
                current = child
            case .table:
                throw error("table '\(name)' is already defined", at: last.offset)
            case .tableArray:
                throw error("table '\(name)' is already defined as an array of tables", at: last.offset)
            case .value:
                throw error("key '\(name)' already holds a value", at: last.offset)
            }
        }
    }

    /// A new table nested in `parent`, refused beyond ``TOMLParser/maximumDepth``.
    func makeTable(
        in parent: TOMLTableBuilder, line: Int, origin: TOMLTableBuilder.Origin, at offset: Int
    ) throws(TOMLParseError) -> TOMLTableBuilder {
        guard parent.depth < TOMLParser.maximumDepth else { throw error("nesting too deep", at: offset) }
        return TOMLTableBuilder(line: line, origin: origin, depth: parent.depth + 1)
    }

    // MARK: Key/value pairs

    /// Parses `key = value` into `table`.
    ///
    /// Leading segments of a dotted key create tables (`.dotted`) or descend into tables that
    /// dotted keys created or that a deeper header only implied (which then count as defined by
    /// dotted keys); a table defined by a header, an array of tables or a value cannot be
    /// extended this way. The final key must be new.
    mutating func parseKeyValue(into table: TOMLTableBuilder) throws(TOMLParseError) {
        let keyLine = line(at: pos)
        let path = try parseKey()
        skipWhitespace()
        guard byte(at: pos, is: "=") else { throw error("expected '=' after key") }
        pos += 1
        skipWhitespace()

        var target = table
        for (index, part) in path.dropLast().enumerated() {
            switch target[part.name] {
            case nil:
                let child = try makeTable(in: target, line: keyLine, origin: .dotted, at: part.offset)
                target.insert(.table(child), forKey: part.name)
                target = child
            case .table(let child) where child.origin == .dotted || child.origin == .implicit:
                child.origin = .dotted  // defined now: no later header may define it again
                target = child
            case .table, .tableArray:
                throw error(
                    "cannot add keys to table '\(describe(path[...index]))' with dotted keys: it is defined elsewhere",
                    at: part.offset)
            case .value:
                throw error("key '\(describe(path[...index]))' already holds a value", at: part.offset)
            }
        }
        let last = path[path.count - 1]
        guard target[last.name] == nil else {
            throw error("duplicate key '\(describe(path))'", at: last.offset)
        }
        let node = try parseValue(depth: target.depth + 1)
        target.insert(.value(node), forKey: last.name)
    }
}
