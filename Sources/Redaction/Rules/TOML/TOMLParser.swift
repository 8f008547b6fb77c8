/// Parses TOML 1.0 documents into ``TOMLTable`` values that record the source line of every
/// table and key.
///
/// Supported: all of TOML 1.0 (comments; bare, quoted and dotted keys; basic, literal and
/// multi-line strings; decimal, hex, octal and binary integers; floats incl. `inf`/`nan`;
/// Booleans; date-times kept as source text; arrays; inline tables; standard tables and arrays
/// of tables), LF and CRLF line endings, and a leading byte-order mark. A document nested more
/// than ``maximumDepth`` levels deep is rejected, so hostile input cannot exhaust the stack.
enum TOMLParser {
    /// The deepest nesting of tables and arrays accepted.
    static let maximumDepth = 128

    /// Parses `text` and returns its root table (line 0).
    ///
    /// - Throws: ``TOMLParseError`` at the first error, with its line and column.
    static func parse(_ text: String) throws(TOMLParseError) -> TOMLTable {
        var parser = TOMLDocumentParser(text)
        return try parser.parseDocument()
    }
}
