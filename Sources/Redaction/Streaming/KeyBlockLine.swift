/// How the lines of an open multi-line key block (PEM, PGP, SSH2, PuTTY) are recognised: which
/// lines can be key body, and the log prefix that stood before the BEGIN marker.
///
/// A block continues only while lines can be body: base64 lines, the RFC 7468 / RFC 4716 / PGP /
/// PuTTY header lines, blank lines. The first line that cannot be body ends the block (a lone BEGIN
/// in an error message masks nothing after it). A prefix before BEGIN (syslog, CRI, `kubectl logs
/// --prefix`, timestamps) is recognised on the following lines by its shape: runs of digits match
/// runs of digits of any length, runs of blanks match runs of blanks, every other byte must be
/// equal. The prefix is kept; only the body after it is masked.
///
/// Pure functions over bytes; no allocation.
enum KeyBlockLine {
    /// How a line inside an open block is treated.
    enum Kind: Equatable {
        /// Key body after a recognised prefix of this many bytes (0: no prefix): mask the rest.
        case body(prefixLength: Int)
        /// Looks like body behind a prefix that does not match the BEGIN line's (another writer, a
        /// changed format): fail closed, mask the whole line and keep the block open.
        case ambiguous
        /// Cannot be key body: the block ends and the line is scanned as usual.
        case notBody
    }

    /// The longest base64 run after which a line with an unknown prefix is still taken for body.
    static let ambiguousRunLength = 40

    /// Classifies `line` (content without terminator) inside a block whose begin line had
    /// `prefix` before its BEGIN marker.
    static func classify(_ line: UnsafeRawBufferPointer, prefix: UnsafeRawBufferPointer) -> Kind {
        if !prefix.isEmpty, let length = matchedPrefixLength(line, prefix: prefix) {
            let rest = UnsafeRawBufferPointer(rebasing: line[length...])
            if isBody(rest) { return .body(prefixLength: length) }
            return .notBody
        }
        if isBody(line) { return .body(prefixLength: 0) }
        return trailingBase64Run(line, end: line.count) >= ambiguousRunLength ? .ambiguous : .notBody
    }

    /// Where the part of `line` to mask starts when the line is read inside a block whose begin
    /// line had `prefix`: for body, after the prefix and the indentation that follows it (YAML
    /// block scalars, keys pasted into code keep their indentation); 0 for an ambiguous line
    /// (masked whole); nil when the line cannot be body (the block ends).
    static func maskedStart(_ line: UnsafeRawBufferPointer, prefix: UnsafeRawBufferPointer) -> Int? {
        switch classify(line, prefix: prefix) {
        case .body(let prefixLength):
            var start = prefixLength
            while start < line.count && isBlank(line[start]) { start += 1 }
            return start
        case .ambiguous: return 0
        case .notBody: return nil
        }
    }

    /// The length of the start of `line` that has the shape of `prefix`, or nil.
    static func matchedPrefixLength(_ line: UnsafeRawBufferPointer, prefix: UnsafeRawBufferPointer) -> Int? {
        let walk = shapeWalk(line, template: prefix)
        return walk.templateEnd == prefix.count ? walk.lineEnd : nil
    }

    /// The log prefix `line` shares with `template` (a value block's begin line): the longest
    /// start of `line` with the shape of a start of `template`, cut back to just after its last
    /// blank, so a timestamp and a source (`2024-05-01T10:50:01.5705588Z `, `May 12 12:33:34 host
    /// app[940]: `) are found whatever their digits. 0 when shorter than 8 bytes or without a
    /// digit: two lines that merely start alike (`$ export `, a shell prompt) share no log prefix.
    static func sharedPrefixLength(_ line: UnsafeRawBufferPointer, template: UnsafeRawBufferPointer) -> Int {
        let walk = shapeWalk(line, template: template)
        return walk.lastBlankEnd >= 8 && walk.digitEnd > 0 && walk.digitEnd <= walk.lastBlankEnd ? walk.lastBlankEnd : 0
    }

    /// Walks `line` and `template` while their shapes agree (runs of digits match runs of digits,
    /// runs of blanks match runs of blanks, other bytes are equal): where each walk stopped, and
    /// in `line`, where the last run of blanks and the last run of digits so far ended (0: none).
    private static func shapeWalk(_ line: UnsafeRawBufferPointer, template: UnsafeRawBufferPointer)
        -> (templateEnd: Int, lineEnd: Int, lastBlankEnd: Int, digitEnd: Int) {
        var p = 0
        var l = 0
        var lastBlankEnd = 0
        var digitEnd = 0
        while p < template.count && l < line.count {
            let a = template[p]
            let b = line[l]
            if isDigit(a) {
                guard isDigit(b) else { break }
                while p < template.count && isDigit(template[p]) { p += 1 }
                while l < line.count && isDigit(line[l]) { l += 1 }
                digitEnd = l
            } else if isBlank(a) {
                guard isBlank(b) else { break }
                while p < template.count && isBlank(template[p]) { p += 1 }
                while l < line.count && isBlank(line[l]) { l += 1 }
                lastBlankEnd = l
            } else {
                guard a == b else { break }
                p += 1
                l += 1
            }
        }
        return (p, l, lastBlankEnd, digitEnd)
    }

    /// Whether `text` can be a line of a key block's body: blank, base64 (with `=` padding, and
    /// the PGP checksum line `=XXXX`), a quoted base64 line of a key pasted into code (see
    /// ``isQuotedBase64Line(_:)``), or a header line (`Proc-Type:`, `DEK-Info:`, `Comment:`,
    /// `Version:`, PuTTY's `Encryption:`, `Public-Lines:`, `Argon2-...:`, ...), or the
    /// continuation of a quoted RFC 4716 comment.
    static func isBody(_ text: UnsafeRawBufferPointer) -> Bool {
        var end = text.count
        while end > 0 && (isBlank(text[end - 1]) || text[end - 1] == 0x0D) { end -= 1 }
        var start = 0
        while start < end && isBlank(text[start]) { start += 1 }
        if start == end { return true }
        let trimmed = UnsafeRawBufferPointer(rebasing: text[start..<end])
        if isBase64Line(trimmed) { return true }
        if isQuotedBase64Line(trimmed) { return true }
        return isHeaderLine(trimmed)
    }

    /// Whether `text` (trimmed) is a line of a key pasted into code as a string concatenation or
    /// an array of strings: an optional opening quote, base64 with `=` padding, escaped newlines
    /// (`\n`, `\r\n`, `\\n`), an optional closing quote, and one optional continuation
    /// (`+`, `,`, `\`, `;`, `.`, `&`, `)`): `"MIIEow...AAKCAQEA" +`, `'...\n' +`, `"...\n",`,
    /// `...\n\`. It must hold a quote or an escape (bare base64 is ``isBase64Line(_:)``'s), or be
    /// bare base64 continued by a lone backslash, as a Java properties value is (`MIIEow...\`).
    static func isQuotedBase64Line(_ text: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        var quotedOrEscaped = false
        if index < text.count && isQuote(text[index]) {
            index += 1
            quotedOrEscaped = true
        }
        let start = index
        while index < text.count && isBase64(text[index]) { index += 1 }
        guard index > start else { return false }
        while index < text.count && text[index] == UInt8(ascii: "=") { index += 1 }
        // Escaped newlines: one or more backslashes, then n or r.
        while index < text.count && text[index] == UInt8(ascii: "\\") {
            var next = index
            while next < text.count && text[next] == UInt8(ascii: "\\") { next += 1 }
            guard next < text.count, text[next] == UInt8(ascii: "n") || text[next] == UInt8(ascii: "r") else { break }
            index = next + 1
            quotedOrEscaped = true
        }
        if index < text.count && isQuote(text[index]) {
            index += 1
            quotedOrEscaped = true
        }
        if !quotedOrEscaped {
            // Bare base64 continued by a backslash alone (a Java properties value, a shell
            // line): `MIIEow...AAKCAQEA\`.
            while index < text.count && isBlank(text[index]) { index += 1 }
            return index + 1 == text.count && text[index] == UInt8(ascii: "\\")
        }
        while index < text.count && isBlank(text[index]) { index += 1 }
        if index < text.count && isContinuation(text[index]) { index += 1 }
        while index < text.count && isBlank(text[index]) { index += 1 }
        return index == text.count
    }

    /// The length of the run of base64 characters that ends at `end` in `line`.
    static func trailingBase64Run(_ line: UnsafeRawBufferPointer, end: Int) -> Int {
        var index = end
        while index > 0 && (isBase64(line[index - 1]) || line[index - 1] == UInt8(ascii: "=")) { index -= 1 }
        return end - index
    }

    private static func isBase64Line(_ text: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index < text.count && isBase64(text[index]) { index += 1 }
        let characters = index
        while index < text.count && text[index] == UInt8(ascii: "=") { index += 1 }
        if index == text.count { return characters > 0 }
        // PGP armor checksum: "=" followed by 4 base64 characters.
        if text.count == 5 && text[0] == UInt8(ascii: "=") {
            return (1..<5).allSatisfy { isBase64(text[$0]) }
        }
        return false
    }

    /// `Name: value` where Name is one of the header names key formats use (case-insensitive).
    private static func isHeaderLine(_ text: UnsafeRawBufferPointer) -> Bool {
        guard let colon = text.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return false }
        let name = UnsafeRawBufferPointer(rebasing: text[0..<colon])
        for header in headerNames where name.count == header.count {
            var equal = true
            for index in 0..<header.count where ASCIIFolding.lower(name[index]) != header[index] {
                equal = false
                break
            }
            if equal { return true }
        }
        // PuTTY-User-Key-File-2, Argon2-Memory, Argon2-Passes, ...
        return startsWithFolded(name, "putty-user-key-file-") || startsWithFolded(name, "argon2-")
    }

    private static let headerNames: [[UInt8]] = [
        "proc-type", "dek-info", "comment", "version", "hash", "charset", "messageid", "subject",
        "encryption", "public-lines", "private-lines", "private-mac", "private-hash", "key-derivation",
        "x-putty-comment",
    ].map { Array($0.utf8) }

    private static func startsWithFolded(_ text: UnsafeRawBufferPointer, _ prefix: String) -> Bool {
        let bytes = Array(prefix.utf8)
        guard text.count >= bytes.count else { return false }
        for index in 0..<bytes.count where ASCIIFolding.lower(text[index]) != bytes[index] { return false }
        return true
    }

    @inline(__always) private static func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`")
    }

    /// What may follow a string literal on a line of a key pasted into code: concatenation
    /// (`+`, `.`, `&`), a list separator, a line continuation, a statement or call end.
    @inline(__always) private static func isContinuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "\\"), UInt8(ascii: ";"), UInt8(ascii: "."),
             UInt8(ascii: "&"), UInt8(ascii: ")"): return true
        default: return false
        }
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    @inline(__always) static func isBase64(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
    }
}
