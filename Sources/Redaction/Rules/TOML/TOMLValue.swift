/// A TOML 1.0 value.
///
/// Date-times of every kind (offset date-time, local date-time, local date, local time) are
/// validated but kept as their exact source text in ``datetime(_:)``. Equality is structural
/// (and includes source lines); like `Double`, a `.float(.nan)` is not equal to itself.
enum TOMLValue: Sendable, Equatable {
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

    /// A short name for the value's type, for messages such as "expected string, found integer".
    var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .datetime: "datetime"
        case .array: "array"
        case .table: "table"
        }
    }

    /// The string, if this is a `.string`.
    var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The integer, if this is an `.integer`.
    var integerValue: Int64? {
        if case .integer(let value) = self { value } else { nil }
    }

    /// The number as a `Double`, if this is a `.float` or an `.integer` (converted).
    var doubleValue: Double? {
        switch self {
        case .float(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    /// The Boolean, if this is a `.boolean`.
    var boolValue: Bool? {
        if case .boolean(let value) = self { value } else { nil }
    }

    /// The source text, if this is a `.datetime`.
    var datetimeValue: String? {
        if case .datetime(let value) = self { value } else { nil }
    }

    /// The elements, if this is an `.array`.
    var arrayValue: [TOMLNode]? {
        if case .array(let value) = self { value } else { nil }
    }

    /// The table, if this is a `.table`.
    var tableValue: TOMLTable? {
        if case .table(let value) = self { value } else { nil }
    }
}
