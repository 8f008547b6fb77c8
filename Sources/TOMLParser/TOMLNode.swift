/// A parsed TOML value together with the 1-based source line where it starts.
///
/// For a key/value pair the line is the line of the key (TOML requires the key, the `=` and the
/// start of the value to share one line). For a table the line is that of the table's header,
/// inline table or dotted key (see ``TOMLTable/line``); for an array of tables (`[[name]]`) it is
/// the line of the first `[[name]]` header.
package struct TOMLNode: Sendable, Equatable {
    /// The value.
    package var value: TOMLValue
    /// The 1-based line where the value starts; 0 only for the document root.
    package var line: Int

    package init(value: TOMLValue, line: Int) {
        self.value = value
        self.line = line
    }
}
