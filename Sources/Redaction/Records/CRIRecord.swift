/// A line in the CRI log format that containerd and CRI-O write for Kubernetes containers:
/// `<RFC 3339 time> <stdout|stderr> <P|F> <message>`. `P` marks a partial line: the runtime split
/// a long line, and the following records of the same stream (up to one tagged `F`) continue it.
struct CRIRecord {
    /// The stream name (`stdout` or `stderr`), as a range of the line.
    var stream: Range<Int>
    /// Whether the record is partial (`P`): its message continues in the next record.
    var isPartial: Bool
    /// Where the message starts in the line (it runs to the end of the line's content).
    var messageStart: Int

    /// Parses `line` (content without terminator); nil when it is not a CRI record.
    static func parse(_ line: UnsafeRawBufferPointer) -> CRIRecord? {
        // The time: at least `YYYY-MM-DDT`, no spaces.
        guard line.count > 20, isDigit(line[0]), isDigit(line[3]), line[4] == UInt8(ascii: "-"),
              line[10] == UInt8(ascii: "T") else { return nil }
        var index = 11
        while index < line.count && line[index] != 0x20 { index += 1 }
        index += 1
        guard index + 8 < line.count || index + 8 == line.count else { return nil }
        let stream = index..<(index + 6)
        guard stream.upperBound < line.count, line[stream.upperBound] == 0x20,
              matches(line, at: index, "stdout") || matches(line, at: index, "stderr") else { return nil }
        index = stream.upperBound + 1
        guard index < line.count else { return nil }
        let tag = line[index]
        guard tag == UInt8(ascii: "P") || tag == UInt8(ascii: "F") else { return nil }
        index += 1
        // The message follows one space (an empty message has none).
        if index < line.count {
            guard line[index] == 0x20 else { return nil }
            index += 1
        }
        return CRIRecord(stream: stream, isPartial: tag == UInt8(ascii: "P"), messageStart: index)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func matches(_ line: UnsafeRawBufferPointer, at start: Int, _ word: StaticString) -> Bool {
        guard start + word.utf8CodeUnitCount <= line.count else { return false }
        for offset in 0..<word.utf8CodeUnitCount where line[start + offset] != word.utf8Start[offset] { return false }
        return true
    }
}
