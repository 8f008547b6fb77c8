/// The literal a rule's every match starts with at a word boundary, read off the start of its
/// regex: `\b(sk_[a-f0-9]{40})` and `(?i)\b(?:pat[A-Za-z0-9]{14}\.…)` give `sk_` and `pat`.
///
/// A keyword of such a rule that begins with the prefix (or is the start of it) selects the rule
/// only where it starts a word: anywhere else (`task_2` for `sk_2`, `dispatch` for `patc`) no match
/// of the rule can start there. The keyword prefilter then drops those occurrences
/// (``LiteralScanner``), and lines that hold only them skip the rule, or the per-line work, at all.
///
/// ## Decision rule (conservative: anything else gives no prefix)
/// The regex is `\b`, optionally after `(?i)`, then any number of group openers `(` or `(?:`,
/// then a run of at least 2 of `[A-Za-z0-9_-]` that starts with a word byte (not `-`); a quantifier right after the run drops its last
/// character (`T?sk_` gives nothing: `T` is optional, and one character is too short). No `|` may
/// occur outside a character class at or above the run's group depth (an alternative could start
/// with something else), nor anywhere in a regex that uses `(?x)` or `(?|` constructs.
enum WordStartPrefix {
    /// The prefix, ASCII-lowered, or nil when the regex does not have the shape above.
    static func of(_ regex: String) -> [UInt8]? {
        var regex = regex
        return regex.withUTF8 { prefix(of: $0) }
    }

    /// ``of(_:)`` over the regex's UTF-8 (no copy: most regexes are rejected at their first bytes).
    private static func prefix(of bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var index = 0
        func has(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return false }
            return true
        }
        if has("(?i)") { index += 4 }
        guard has("\\b") else { return nil }
        index += 2
        var depth = 0
        while true {
            if has("(?:") { index += 3; depth += 1 } else if has("(") && !has("(?") { index += 1; depth += 1 } else { break }
        }
        var run: [UInt8] = []
        while index < bytes.count, isRunByte(bytes[index]) {
            run.append(bytes[index])
            index += 1
        }
        if index < bytes.count, [UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "{")].contains(bytes[index]) {
            run.removeLast(run.isEmpty ? 0 : 1)
        }
        // `\b` before a non-word byte would mean the opposite (a word byte before it).
        guard run.count >= 2, run[0] != UInt8(ascii: "-"), !hasAlternative(bytes, from: index, runDepth: depth) else {
            return nil
        }
        return run.map(ASCIIFolding.lower)
    }

    /// Whether keyword `keyword` (any case) of a rule whose prefix is `prefix` selects the rule
    /// only at a word start: it begins with the prefix, or the prefix begins with it.
    static func keyword(_ keyword: String, startsWith prefix: [UInt8]) -> Bool {
        // Start-up runs this for thousands of keywords: compared in place, without a lowered copy.
        var matched = 0
        for byte in keyword.utf8 {
            if matched == prefix.count { return true }  // the keyword begins with the prefix
            guard ASCIIFolding.lower(byte) == prefix[matched] else { return false }
            matched += 1
        }
        return matched > 0  // the whole keyword is the start of the prefix (or equals it)
    }

    private static func isRunByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// Whether a `|` occurs, outside character classes, in a group at depth <= `runDepth` (the
    /// groups opened before the run count from 1), or the regex turns on extended syntax.
    private static func hasAlternative(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, runDepth: Int) -> Bool {
        var depth = runDepth
        var index = start
        var inClass = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") { index += 2; continue }
            if inClass {
                if byte == UInt8(ascii: "]") { inClass = false }
            } else {
                switch byte {
                case UInt8(ascii: "["):
                    inClass = true
                    // A `]` right after `[` or `[^` is a literal member.
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "^") { index += 1 }
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "]") { index += 1 }
                case UInt8(ascii: "("):
                    depth += 1
                    if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "?"),
                       bytes[index + 2] == UInt8(ascii: "x") || bytes[index + 2] == UInt8(ascii: "|") {
                        return true
                    }
                case UInt8(ascii: ")"):
                    depth -= 1
                case UInt8(ascii: "|"):
                    if depth <= runDepth { return true }
                default: break
                }
            }
            index += 1
        }
        return false
    }
}
