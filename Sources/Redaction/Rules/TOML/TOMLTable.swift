/// A TOML table: its keys in insertion order, each mapped to a ``TOMLNode``.
///
/// `line` is the 1-based line of the `[header]` or `[[header]]` that defined the table, or of the
/// inline table or dotted key that created it; it is 0 for the document root. A table that was
/// only implied by a deeper header (`a` in `[a.b]`) carries that header's line until it is
/// defined by a header of its own.
///
/// The typed accessors (``string(_:)`` and friends) return `nil` both when the key is missing
/// and when its value has another type; use the subscript and ``TOMLValue/typeName`` to tell
/// the two apart and to report the offending line.
struct TOMLTable: Sendable, Equatable {
    /// The line where the table was defined (0 for the root).
    var line: Int
    /// The keys, in the order they first appeared in the document.
    private(set) var keys: [String] = []
    private var nodes: [String: TOMLNode] = [:]

    /// An empty table defined at `line`.
    init(line: Int = 0) {
        self.line = line
    }

    /// The node stored under `key`, or `nil` if there is none.
    subscript(key: String) -> TOMLNode? {
        nodes[key]
    }

    /// The number of keys.
    var count: Int { keys.count }

    /// Whether the table has no keys.
    var isEmpty: Bool { keys.isEmpty }

    /// Stores `node` under `key`, appending `key` to ``keys`` if it is new and keeping its
    /// position if it is not.
    mutating func updateValue(_ node: TOMLNode, forKey key: String) {
        if nodes.updateValue(node, forKey: key) == nil {
            keys.append(key)
        }
    }

    /// The string under `key`, if present and a string.
    func string(_ key: String) -> String? {
        nodes[key]?.value.stringValue
    }

    /// The Boolean under `key`, if present and a Boolean.
    func bool(_ key: String) -> Bool? {
        nodes[key]?.value.boolValue
    }

    /// The integer under `key`, if present and an integer.
    func integer(_ key: String) -> Int64? {
        nodes[key]?.value.integerValue
    }

    /// The number under `key` as a `Double`, if present and a float or an integer.
    func double(_ key: String) -> Double? {
        nodes[key]?.value.doubleValue
    }

    /// The strings under `key`, if present and an array whose elements are all strings.
    func stringArray(_ key: String) -> [String]? {
        guard let elements = nodes[key]?.value.arrayValue else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for element in elements {
            guard let string = element.value.stringValue else { return nil }
            strings.append(string)
        }
        return strings
    }

    /// The table under `key`, if present and a table (standard, dotted or inline).
    func table(_ key: String) -> TOMLTable? {
        nodes[key]?.value.tableValue
    }

    /// The tables under `key`, if present and an array whose elements are all tables: an array
    /// of tables (`[[key]]`) or a static array of inline tables.
    func arrayOfTables(_ key: String) -> [TOMLTable]? {
        guard let elements = nodes[key]?.value.arrayValue else { return nil }
        var tables: [TOMLTable] = []
        tables.reserveCapacity(elements.count)
        for element in elements {
            guard let table = element.value.tableValue else { return nil }
            tables.append(table)
        }
        return tables
    }
}
