/// A Docker json-file record, `{"log":"...","stream":"stdout","time":"..."}`, read for joining: the
/// daemon splits a container line longer than 16 KiB into records of 16 KiB each, and only the
/// last one's `log` ends with the line's newline (`\n`). A record whose `log` lacks it is
/// partial: the following records of the same stream continue it.
struct DockerRecord {
    /// The `log` string's content (between its quotes), as a range of the line; JSON-escaped.
    var message: Range<Int>
    /// The `stream` string's content, or an empty range when the record has none.
    var stream: Range<Int>
    /// Whether `log` does not end in a newline, so the line goes on in the next record.
    var isPartial: Bool

    /// The daemon's split size: a partial record carries this many bytes of the line. Shorter
    /// partial records occur too (a line cut at another size by a log shipper, or the last,
    /// unterminated output of a container that restarts into the same file), and are joined
    /// the same way: joining only widens what is scanned together (fail closed).
    static let splitBytes = 16 * 1024

    /// Whether `line` may be a record that starts a run: it begins as the daemon writes every
    /// record, `{"log":"` (a cheap test before the JSON parse: most JSON lines are not Docker's).
    static func mayStartRun(_ line: UnsafeRawBufferPointer) -> Bool {
        let prefix: StaticString = #"{"log":""#
        guard line.count > prefix.utf8CodeUnitCount else { return false }
        return SecretShape.equals(line, from: 0, to: prefix.utf8CodeUnitCount, prefix, foldCase: false)
    }

    /// Parses `line` (content without terminator) with `entries` as working memory; nil when it
    /// is not a JSON object with a top-level string `log`.
    static func parse(_ line: UnsafeRawBufferPointer, entries: inout [JSONRecordEntry]) -> DockerRecord? {
        guard line.count >= 10, line[0] == UInt8(ascii: "{"), line[line.count - 1] == UInt8(ascii: "}"),
              JSONRecordParser.parse(line, into: &entries) else { return nil }
        var message: Range<Int>?
        var stream = 0..<0
        for entry in entries where entry.depth == 1 && !entry.isByteArray {
            guard let key = entry.key else { continue }
            if SecretShape.equals(line, from: key.lowerBound, to: key.upperBound, "log", foldCase: false) { message = entry.value }
            if SecretShape.equals(line, from: key.lowerBound, to: key.upperBound, "stream", foldCase: false) { stream = entry.value }
        }
        guard let message else { return nil }
        return DockerRecord(message: message, stream: stream,
                            isPartial: !endsWithNewlineEscape(UnsafeRawBufferPointer(rebasing: line[message])))
    }

    /// Whether the JSON string content `body` ends with an escaped newline, `\n` or `\u000a` (an
    /// escape, not a backslash escaped before an `n`).
    static func endsWithNewlineEscape(_ body: UnsafeRawBufferPointer) -> Bool {
        var escape: Int
        if body.count >= 2 && body[body.count - 1] == UInt8(ascii: "n") {
            escape = body.count - 2
        } else if body.count >= 6 && body[body.count - 5] == UInt8(ascii: "u") && body[body.count - 4] == 0x30
                    && body[body.count - 3] == 0x30 && body[body.count - 2] == 0x30
                    && (body[body.count - 1] | 0x20) == UInt8(ascii: "a") {
            escape = body.count - 6
        } else {
            return false
        }
        // The backslashes before the escape's letter: an odd run ends in the escape's own.
        var backslashes = 0
        while escape >= 0 && body[escape] == UInt8(ascii: "\\") {
            backslashes += 1
            escape -= 1
        }
        return backslashes % 2 == 1
    }
}
