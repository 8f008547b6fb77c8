internal import CRedactScan

/// A base64 value a shell command echoes into the decoder: `echo <token> | base64 -d` (also
/// `echo -n`, quoted tokens, `--decode`, `-D`). The command says what the token is, so it is
/// decoded and scanned like a labelled value (``Base64Context/labelled``): masked when the rules
/// find a secret in the decoded text (`postgres://user:password@...`, `DB_PASSWORD=...`).
/// One pass over the line, no allocation.
enum Base64PipeInput {
    /// The token echoed into `base64 -d` in `line`, if any (the first such command).
    static func token(in line: UnsafeRawBufferPointer) -> Range<Int>? {
        var search = 0
        while let found = find("base64", in: line, from: search) {
            search = found + 6
            guard decodes(line, after: search), var end = pipe(line, before: found) else { continue }
            // back over a closing quote, then the token
            if end > 0 && (line[end - 1] == UInt8(ascii: "\"") || line[end - 1] == UInt8(ascii: "'")) { end -= 1 }
            var start = end
            while start > 0 && (Base64Decoder.isAlphabet(line[start - 1]) || line[start - 1] == UInt8(ascii: "=")) { start -= 1 }
            guard end - start >= 8, end - start <= DecodingLimits.maximumTokenBytes else { continue }
            var before = start
            if before > 0 && (line[before - 1] == UInt8(ascii: "\"") || line[before - 1] == UInt8(ascii: "'")) { before -= 1 }
            guard echoes(line, before: before) else { continue }
            return start..<end
        }
        return nil
    }

    /// Whether ` -d`, ` --decode` or ` -D` (then the end of a word) follows `index`.
    private static func decodes(_ line: UnsafeRawBufferPointer, after index: Int) -> Bool {
        var index = index
        guard index < line.count, line[index] == UInt8(ascii: " ") else { return false }
        while index < line.count && line[index] == UInt8(ascii: " ") { index += 1 }
        for option: StaticString in ["--decode", "-d", "-D"] {
            let end = index + option.utf8CodeUnitCount
            if end <= line.count, SecretShape.equals(line, from: index, to: end, option, foldCase: false),
               end == line.count || line[end] == UInt8(ascii: " ") || line[end] == UInt8(ascii: "\t")
                || line[end] == UInt8(ascii: ">") || line[end] == UInt8(ascii: "|") || line[end] == UInt8(ascii: ";")
                || line[end] == UInt8(ascii: ")") {
                return true
            }
        }
        return false
    }

    /// Where the text before `| base64` (at `index`) ends: before the spaces and the `|`.
    private static func pipe(_ line: UnsafeRawBufferPointer, before index: Int) -> Int? {
        var index = index
        while index > 0 && line[index - 1] == UInt8(ascii: " ") { index -= 1 }
        guard index > 0, line[index - 1] == UInt8(ascii: "|") else { return nil }
        index -= 1
        while index > 0 && line[index - 1] == UInt8(ascii: " ") { index -= 1 }
        return index
    }

    /// Whether `echo ` (maybe with `-n`/`-e`) ends just before `index`, after a word boundary.
    private static func echoes(_ line: UnsafeRawBufferPointer, before index: Int) -> Bool {
        var index = index
        guard index > 0, line[index - 1] == UInt8(ascii: " ") else { return false }
        while index > 0 && line[index - 1] == UInt8(ascii: " ") { index -= 1 }
        if index >= 3, line[index - 3] == UInt8(ascii: " "), line[index - 2] == UInt8(ascii: "-"),
           line[index - 1] == UInt8(ascii: "n") || line[index - 1] == UInt8(ascii: "e") {
            index -= 3
            while index > 0 && line[index - 1] == UInt8(ascii: " ") { index -= 1 }
        }
        guard index >= 4, SecretShape.equals(line, from: index - 4, to: index, "echo", foldCase: false) else { return false }
        let start = index - 4
        return start == 0 || !(SecretShape.isLetter(line[start - 1]) || SecretShape.isDigit(line[start - 1]) || line[start - 1] == UInt8(ascii: "_"))
    }

    /// Offset of the first `word` at or after `start` in `line` (memmem), or nil.
    private static func find(_ word: StaticString, in line: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < line.count, let base = line.baseAddress else { return nil }
        let found = redact_find_bytes(base.assumingMemoryBound(to: UInt8.self) + start, line.count - start,
                                      word.utf8Start, word.utf8CodeUnitCount)
        return found < 0 ? nil : start + Int(found)
    }
}
