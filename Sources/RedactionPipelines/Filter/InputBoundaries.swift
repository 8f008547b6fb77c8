/// Where each input starts in the one stream that `redact FILE...` redacts (the inputs are
/// joined as `cat` joins them, so a key block or a line left open at the end of one file goes on
/// in the next), so that a position in the stream maps back to a file, a line and a column in it.
///
/// Contract: call ``begin(_:completedLines:)`` before the first read of each input, with the
/// number of complete lines the stream had when that input began (``StreamRedactor/lineNumber``
/// after processing everything read so far), and ``consumed(_:)`` with every chunk read, in
/// order. A line that runs across a file boundary belongs to the file where each of its bytes
/// came from: a finding is reported in the file holding its first byte.
///
/// Cost: a backward scan per chunk that stops at its last newline; nothing per line.
struct InputBoundaries {
    /// The first byte of an input: its name and its 1-based line and column in the stream.
    struct Start: Equatable {
        var name: String
        var line: Int
        var column: Int
    }

    private(set) var starts: [Start] = []
    /// Bytes of the stream's unfinished line (after its last newline).
    private var openLineBytes = 0

    /// Records that input `name` starts here.
    mutating func begin(_ name: String, completedLines: Int) {
        starts.append(Start(name: name, line: completedLines + 1, column: openLineBytes + 1))
    }

    /// Accounts for `chunk`, just read from the current input.
    mutating func consumed(_ chunk: UnsafeRawBufferPointer) {
        // Backwards to the last newline: a few bytes for log lines.
        var index = chunk.count - 1
        while index >= 0, chunk[index] != 0x0A { index -= 1 }
        openLineBytes = index < 0 ? openLineBytes + chunk.count : chunk.count - index - 1
    }

    /// The input holding stream position (`line`, `column`), both 1-based, and the position
    /// inside it. Nil before any ``begin(_:completedLines:)``.
    func locate(line: Int, column: Int) -> (name: String, line: Int, column: Int)? {
        // The last start at or before the position (starts are in stream order).
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            let start = starts[middle]
            if start.line < line || (start.line == line && start.column <= column) { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return starts.first.map { ($0.name, line, column) } }
        let start = starts[low - 1]
        return start.line == line
            ? (start.name, 1, column - start.column + 1)
            : (start.name, line - start.line + 1, column)
    }
}
