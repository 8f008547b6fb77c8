/// A TOML table: its keys in insertion order, each mapped to a ``TOMLNode``.
///
/// `line` is the 1-based line of the `[header]` or `[[header]]` that defined the table, or of the
/// inline table or dotted key that created it; it is 0 for the document root. A table that was
/// only implied by a deeper header (`a` in `[a.b]`) carries that header's line until it is
/// defined by a header of its own.
///
/// Values are read with the subscript and a `switch` over ``TOMLValue``, so a caller can tell a
/// missing key from a value of the wrong type and report the offending line.
package struct TOMLTable: Sendable, Equatable {
    /// The line where the table was defined (0 for the root).
    package var line: Int
    /// The keys, in the order they first appeared in the document.
    package private(set) var keys: [String] = []
    private var nodes: [String: TOMLNode] = [:]

    /// An empty table defined at `line`.
    package init(line: Int = 0) {
        self.line = line
    }

    /// The node stored under `key`, or `nil` if there is none.
    package subscript(key: String) -> TOMLNode? {
        nodes[key]
    }

    /// Stores `node` under `key`, appending `key` to ``keys`` if it is new and keeping its
    /// position if it is not.
    package mutating func updateValue(_ node: TOMLNode, forKey key: String) {
        if nodes.updateValue(node, forKey: key) == nil {
            keys.append(key)
        }
    }
}
