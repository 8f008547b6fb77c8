import Testing
@testable import Redaction

/// ``WordStartPrefix``: the literal a rule's matches start with at a word boundary, read off the
/// regex, and nothing whenever another start is possible.
@Suite struct WordStartPrefixTests {
    @Test(arguments: [
        (#"\b(sk_[a-f0-9]{40})\b"#, "sk_"),
        (#"(?i)\b(?:pat[A-Za-z0-9]{14}\.[a-f0-9]{64})\b"#, "pat"),
        (#"\b(AKIA[0-9A-Z]{16})"#, "akia"),
        (#"\b((?:glpat)-[0-9a-zA-Z_-]{20})"#, "glpat"),  // the run ends at the group's end
        (#"\b(abc(?:d|e)[0-9]+)"#, "abc"),      // an alternative inside a group after the run
        (#"\b(ab[|x]+)"#, "ab"),               // `|` inside a character class
        (#"\b(cio[A-Za-z0-9]{32})\b|(?<=x)y"#, nil),  // a top-level alternative
        (#"\b(sk_sbox_[a-z2-7]{26}|sk_live_[a-z]{20})"#, nil),  // alternatives in the run's group
        (#"\b(T?sk_[a-f0-9]{32})\b"#, nil),     // the first byte is optional: one byte is too short
        (#"\b(ab?c)"#, nil),                   // "a" alone
        (#"\b(-abc)"#, nil),                   // \b before a non-word byte
        (#"\b([a-z]{3}_key)"#, nil),           // no literal
        (#"(?x) \b (abc)"#, nil),              // extended syntax
        (#"(?i:foo)\b(abc)"#, nil),            // something before \b
        (#"\b(abc)(?|(x)|(y))"#, nil),         // branch reset
    ] as [(String, String?)])
    func readsThePrefix(_ regex: String, _ expected: String?) {
        #expect(WordStartPrefix.of(regex) == expected.map { Array($0.utf8) })
    }

    @Test func aKeywordCountsWhenItStartsWithThePrefixOrThePrefixWithIt() {
        let prefix = Array("sk_".utf8)
        #expect(WordStartPrefix.keyword("sk_1", startsWith: prefix))
        #expect(WordStartPrefix.keyword("SK_", startsWith: prefix))
        #expect(WordStartPrefix.keyword("sk", startsWith: prefix))
        #expect(!WordStartPrefix.keyword("task_", startsWith: prefix))
        #expect(!WordStartPrefix.keyword("", startsWith: prefix))
    }

    /// The built-in rules that get a prefix keep finding every sample (the rule-sample tests run
    /// them all); here: the prefilter drops mid-word occurrences of their keywords on real lines.
    @Test func midWordOccurrencesOfBuiltinPrefixKeywordsSelectNothing() throws {
        let set = TestSupport.builtin
        #expect(set.literals.wordStartLiterals > 100)
        let scratch = set.makeScratch()
        for line in ["17/06/09 20:10:53 INFO Executor: Finished task_201706092018_0024_m_000002_0", "dispatched to worker"] {
            let outcome = Array(line.utf8).withUnsafeBytes { set.scanLine($0, scratch) }
            guard case .clean = outcome else { Issue.record("\(line) is not clean"); continue }
            let airtable = set.compiledRules.firstIndex { $0.id == "airtable-pat" }.map(Int32.init)
            #expect(!(0..<scratch.candidateCount).contains { scratch.candidates[$0] == airtable }, "\(line)")
        }
    }
}
