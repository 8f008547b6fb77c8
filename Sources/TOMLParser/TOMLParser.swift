/// Parses TOML 1.0 documents into ``TOMLTable`` values that record the source line of every
/// table and key.
///
/// Supported: all of TOML 1.0 (comments; bare, quoted and dotted keys; basic, literal and
/// multi-line strings; decimal, hex, octal and binary integers; floats incl. `inf`/`nan`;
/// Booleans; date-times kept as source text; arrays; inline tables; standard tables and arrays
/// of tables), LF and CRLF line endings, and a leading byte-order mark. A document nested more
/// than ``maximumDepth`` levels deep is rejected, so hostile input cannot exhaust the stack.
/// TOML 1.1 additions (`\e`, `\xHH`, times without seconds, newlines in inline tables) are
/// refused. Checked against every TOML 1.0 file of the official toml-test suite
/// (`Tests/Fixtures/toml-test`).
///
/// Stateless and thread-safe: each call parses one document on its own.
package enum TOMLParser {
    /// The deepest nesting of tables and arrays accepted.
    package static let maximumDepth = 128

    /// Parses `text` and returns its root table (line 0).
    ///
    /// - Throws: ``TOMLParseError`` at the first error, with its line and column.
    package static func parse(_ text: String) throws(TOMLParseError) -> TOMLTable {
        var parser = TOMLDocumentParser(Array(text.utf8))
        return try parser.parseDocument()
    }

    /// Parses a document given as bytes, which must be UTF-8.
    ///
    /// - Throws: ``TOMLParseError`` at the first invalid UTF-8 sequence ("invalid UTF-8"), or at
    ///   the first TOML error.
    package static func parse(utf8 bytes: [UInt8]) throws(TOMLParseError) -> TOMLTable {
        var parser = TOMLDocumentParser(bytes)
        if let offset = firstInvalidUTF8(in: bytes) {
            throw parser.error("invalid UTF-8", at: offset)
        }
        return try parser.parseDocument()
    }

    /// The byte offset of the first sequence in `bytes` that is not valid UTF-8, or `nil`.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
