/// A mutable table under construction, remembering how it came to exist so the parser can
/// enforce TOML's rules on redefining and extending tables.
///
/// Lives only inside one ``TOMLDocumentParser`` run (a reference type so nested tables can be
/// extended in place); ``build()`` turns it into an immutable ``TOMLTable``.
final class TOMLTableBuilder {
    /// How the table was created.
    enum Origin {
        /// The document root.
        case root
        /// Defined by a `[header]`, or an element of an array of tables (`[[header]]`).
        case header
        /// Implied by a deeper header (`a` in `[a.b]`); a later `[a]` header or dotted key
        /// (`a.c = 1` in the parent's section) may still define it once.
        case implicit
        /// Created or defined by a dotted key (`a.b = 1`); only dotted keys and sub-table
        /// headers may extend it.
        case dotted
        /// An inline table (`{ ... }`) being parsed; frozen once closed.
        case inline
    }

    /// What a key holds while parsing.
    enum Entry {
        /// A finished value that can no longer be extended: a scalar, a static array or an
        /// inline table.
        case value(TOMLNode)
        /// A table that later headers or dotted keys may extend, within the rules.
        case table(TOMLTableBuilder)
        /// An array of tables, built by `[[header]]`s; never empty. `line` is the first header's.
        case tableArray(line: Int, elements: [TOMLTableBuilder])
    }

    /// The line of the header, dotted key or inline table that created (or defined) the table.
    var line: Int
    /// How the table was created; an implicit table becomes `.header` when defined.
    var origin: Origin
    /// The nesting depth: 0 for the root, one more for each enclosing table or array.
    let depth: Int
    /// The keys in insertion order.
    private(set) var keys: [String] = []
    private var entries: [String: Entry] = [:]

    /// A new, empty table.
    init(line: Int, origin: Origin, depth: Int) {
        self.line = line
        self.origin = origin
        self.depth = depth
    }

    /// The entry under `key`, if any.
    subscript(key: String) -> Entry? {
        entries[key]
    }

    /// Adds `entry` under `key`, which must be new.
    func insert(_ entry: Entry, forKey key: String) {
        precondition(entries.updateValue(entry, forKey: key) == nil, "TOML key inserted twice")
        keys.append(key)
    }

    /// Appends `table` to the array of tables under `key`, which must hold one.
    func append(_ table: TOMLTableBuilder, toTableArrayAt key: String) {
        guard case .tableArray(let line, var elements)? = entries.removeValue(forKey: key) else {
            preconditionFailure("TOML key does not hold an array of tables")
        }
        elements.append(table)  // uniquely referenced after the removal: appends in place
        entries[key] = .tableArray(line: line, elements: elements)
    }

    /// The finished, immutable table.
    func build() -> TOMLTable {
        var table = TOMLTable(line: line)
        for key in keys {
            switch entries[key]! {
            case .value(let node):
                table.updateValue(node, forKey: key)
            case .table(let builder):
                table.updateValue(builder.buildNode(), forKey: key)
            case .tableArray(let line, let elements):
                let nodes = elements.map { $0.buildNode() }
                table.updateValue(TOMLNode(value: .array(nodes), line: line), forKey: key)
            }
        }
        return table
    }

    /// The finished table wrapped in a node at the table's line.
    func buildNode() -> TOMLNode {
        TOMLNode(value: .table(build()), line: line)
    }
}
