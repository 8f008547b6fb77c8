/// A TOML syntax or semantic error, located by 1-based line and column.
///
/// `message` describes the problem only ("unterminated string", "duplicate key 'id'"). It never
/// quotes values or other document text, which may hold secrets; key names may appear, escaped.
package struct TOMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line of the error.
    package var line: Int
    /// The 1-based column of the error, counted in Unicode scalars from the start of the line
    /// (a leading byte-order mark is not counted; an invalid UTF-8 sequence counts as one).
    package var column: Int
    /// What is wrong.
    package var message: String

    /// Creates an error at `line`:`column`.
    package init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `"line L, column C: message"`.
    package var description: String {
        "line \(line), column \(column): \(message)"
    }
}
