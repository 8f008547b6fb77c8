/// Phrases in which a keyword names no secret: an occurrence of the keyword inside one of them
/// selects no rule for its line. Other occurrences of the keyword, and other keywords, on the same
/// line still do, so a secret elsewhere on the line is found as before.
///
/// sshd's `Failed password for <user>` and `Accepted password for <user>` are by far the most
/// common lines holding `password` in real logs (1.7% of the lines of the benchmark corpus, built
/// from loghub), and each made every rule keyed on `password` run for nothing. What follows the
/// phrase is a user name, never the value of a password key. Immutable; built once per rule set.
struct BenignKeywordContexts: Sendable {
    /// One phrase: the keyword's literal id in the rule set's scanner, and the lower-case bytes
    /// that must stand right before and after the occurrence.
    struct Phrase: Sendable {
        let literal: UInt32
        let before: [UInt8]
        let after: [UInt8]
    }

    /// The phrases, as keyword, text before it and text after it (lower case; compared folding
    /// ASCII case).
    static let phrases: [(keyword: String, before: String, after: String)] = [
        ("password", "failed ", " for "),
        ("password", "accepted ", " for "),
        // (`password ` is generic-upper-keyword-value's, for `PASSWORD <value>`)
        ("password ", "failed ", "for "),
        ("password ", "accepted ", "for "),
    ]

    let phrases: [Phrase]

    /// The phrases whose keyword is a literal of `scanner` (a rule set without the keyword has
    /// none).
    init(scanner: LiteralScanner) {
        var phrases: [Phrase] = []
        for (keyword, before, after) in Self.phrases {
            guard let id = scanner.literalID(of: Array(keyword.utf8)) else { continue }
            phrases.append(Phrase(literal: UInt32(id), before: Array(before.utf8), after: Array(after.utf8)))
        }
        self.phrases = phrases
    }

    var isEmpty: Bool { phrases.isEmpty }

    /// Whether the occurrence of literal `literal` that ends at `end` in `line` stands inside one
    /// of the phrases. `length` is the literal's length.
    @inline(__always)
    func contains(_ literal: UInt32, length: Int, endingAt end: Int, in line: UnsafeRawBufferPointer) -> Bool {
        let start = end - length
        for phrase in phrases where phrase.literal == literal {
            if Self.matches(phrase.before, in: line, at: start - phrase.before.count)
                && Self.matches(phrase.after, in: line, at: end) {
                return true
            }
        }
        return false
    }

    /// Whether `text` (lower case) occurs in `line` at `position`, folding ASCII case.
    private static func matches(_ text: [UInt8], in line: UnsafeRawBufferPointer, at position: Int) -> Bool {
        guard position >= 0, position + text.count <= line.count else { return false }
        for offset in 0..<text.count where ASCIIFolding.lower(line[position + offset]) != text[offset] { return false }
        return true
    }
}
