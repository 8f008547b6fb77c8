/// A TOML 1.0 value.
///
/// Date-times of every kind (offset date-time, local date-time, local date, local time) are
/// validated but kept as their exact source text in ``datetime(_:)``. Equality is structural
/// (and includes source lines); like `Double`, a `.float(.nan)` is not equal to itself.
package enum TOMLValue: Sendable, Equatable {
    /// A basic, literal or multi-line string, with escapes resolved. In multi-line strings
    /// a CRLF line ending is normalized to `"\n"`.
    case string(String)
    /// A 64-bit signed integer (decimal, `0x`, `0o` or `0b`).
    case integer(Int64)
    /// A 64-bit float, including `inf` and `nan`.
    case float(Double)
    /// `true` or `false`.
    case boolean(Bool)
    /// An RFC 3339 date-time, date or time, as written in the document.
    case datetime(String)
    /// An array (static `[...]` or an array of tables built by `[[header]]`s).
    case array([TOMLNode])
    /// A table (standard, implicit, dotted-key or inline).
    case table(TOMLTable)
}
